package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamtune.it.PythonTrainers;
import io.streamtune.schemas.WireSchemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Python SDK in {@code clients/python}: its copy of the schemas is what {@code streamtune
 * schemas --export} writes today, and its own unit tests pass under Debian's python3.
 */
class PythonSdkTest {

  private static final Path CLIENT =
      Path.of(System.getProperty("streamtune.root", "..")).resolve("clients/python");

  @TempDir Path dir;

  @Test
  void shouldShipTheSchemasThatTheBuildExportsWhenTheContractChanges() throws IOException {
    // When the schemas are exported from this build
    CliRun run = CliRun.of("schemas", "--export", dir.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    // Then the SDK's copy is the same, file for file (else: streamtune schemas --export
    // clients/python/streamtune/schemas)
    Path shipped = CLIENT.resolve("streamtune/schemas");
    assertThat(files(shipped)).isEqualTo(files(dir));
    for (String f : files(dir)) {
      assertThat(Files.readString(shipped.resolve(f)))
          .as("clients/python/streamtune/schemas/" + f + " is stale")
          .isEqualTo(Files.readString(dir.resolve(f)));
    }
  }

  @Test
  void shouldListEveryFingerprintWhenTheProtocolDocumentIsRead() throws IOException {
    String doc =
        Files.readString(
            Path.of(System.getProperty("streamtune.root", "..")).resolve("docs/protocol.md"));
    for (WireSchemas.Wire w : WireSchemas.records()) {
      assertThat(doc)
          .as("docs/protocol.md's fingerprint table, " + w.record())
          .contains(
              "| `"
                  + w.record()
                  + "` | `"
                  + w.topic()
                  + "` | `"
                  + w.fingerprintHex()
                  + "` | `"
                  + w.headerHex()
                  + "` |");
    }
  }

  @Test
  void shouldPassItsOwnUnitTestsWhenRunByPython() throws Exception {
    String missing = PythonTrainers.missing();
    assumeTrue(missing == null, "the SDK's unit tests not run: " + missing);
    String python = PythonTrainers.python();
    Process p =
        new ProcessBuilder(python, "-m", "unittest", "discover", "-s", "tests")
            .directory(CLIENT.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out).contains("OK");
  }

  private static List<String> files(Path root) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(f -> root.relativize(f).toString())
          .sorted()
          .toList();
    }
  }
}
