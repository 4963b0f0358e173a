package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exit code and the one line on stderr of each kind of failure (see {@link ExitCodes}). */
class CommandFailuresTest {

  private static final String VALID_SPEC =
      """
      study: failures
      objective: {name: branin}
      n_trials: 2
      max_epochs: 3
      space:
        x1: {type: real, low: -5, high: 10}
        x2: {type: real, low: 0, high: 15}
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  /** A port on which nothing listens: bound a moment ago, then closed. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Test
  void shouldExit0WhenTheSpecIsValid() throws IOException {
    CliRun run = CliRun.of("validate", write("ok.yaml", VALID_SPEC).toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
    assertThat(run.out()).contains("valid");
  }

  @Test
  void shouldExit2NamingTheOptionWhenAnOptionIsUnknown() throws IOException {
    CliRun run = CliRun.of("validate", "--bogus", write("ok.yaml", VALID_SPEC).toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .startsWith("error: unknown option: '--bogus'")
        .contains("See 'streamtune validate --help'.");
  }

  @Test
  void shouldSuggestTheOptionWhenAnOptionIsMistyped() throws IOException {
    CliRun run = CliRun.of("submit", "--bootstap", "x:1", write("ok.yaml", VALID_SPEC).toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Did you mean --bootstrap?");
  }

  @Test
  void shouldExit2WhenTheSpecFileIsMissing() {
    Path missing = dir.resolve("missing.yaml");

    CliRun run = CliRun.of("validate", missing.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).isEqualTo("error: spec file not found: " + missing + "\n");
  }

  @Test
  void shouldExit2WhenTheSpecIsADirectory() {
    CliRun run = CliRun.of("run", dir.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).isEqualTo("error: " + dir + " is a directory, not a spec file\n");
  }

  @Test
  void shouldExit2NamingTheFieldWhenTheSpecIsInvalid() throws IOException {
    Path bad = write("bad.yaml", VALID_SPEC.replace("n_trials: 2", "n_trials: -1"));

    CliRun validate = CliRun.of("validate", bad.toString());
    CliRun submit = CliRun.of("submit", bad.toString(), "--bootstrap", "127.0.0.1:1");

    assertThat(validate.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(validate.err()).contains("n_trials");
    assertThat(submit.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(submit.err()).startsWith("error: ").contains("n_trials");
  }

  @Test
  void shouldExit2WhenTheClientConfigIsMissing() throws IOException {
    Path missing = dir.resolve("client.properties");

    CliRun run =
        CliRun.of(
            "submit",
            write("ok.yaml", VALID_SPEC).toString(),
            "--client-config",
            missing.toString());

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).isEqualTo("error: --client-config file not found: " + missing + "\n");
  }

  @Test
  void shouldExit2ListingTheCommandsWhenTheCommandIsUnknown() {
    CliRun run = CliRun.of("frobnicate");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err())
        .startsWith("error: 'frobnicate' is not a streamtune command")
        .contains("Commands: run, submit, studies, status", "See 'streamtune --help'.")
        .doesNotContain("Did you mean");
  }

  @Test
  void shouldSuggestOnlyTheCloseCommandWhenACommandIsMistyped() {
    CliRun run = CliRun.of("sumbit", "spec.yaml");

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Did you mean submit?");
  }

  @Test
  void shouldPrintTheUsageAndExit2WhenNoCommandIsGiven() {
    CliRun run = CliRun.of();

    assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(run.err()).contains("Usage: streamtune", "Commands:");
  }

  @Test
  void shouldExit1NamingTheCauseWhenKafkaIsUnreachable() throws IOException {
    int port = closedPort();

    CliRun run =
        CliRun.of(
            "submit", write("ok.yaml", VALID_SPEC).toString(), "--bootstrap", "127.0.0.1:" + port);

    assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
    assertThat(run.err())
        .startsWith("error: cannot reach Kafka at 127.0.0.1:" + port)
        .contains("connection refused")
        .doesNotContain("null");
  }
}
