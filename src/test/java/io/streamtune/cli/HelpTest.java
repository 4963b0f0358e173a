package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

class HelpTest {

  /** Every command, including ones added later, with each spelling of the help option. */
  static Stream<Arguments> commandsAndHelpOptions() {
    return StreamTuneCli.commandLine().getSubcommands().keySet().stream()
        .flatMap(name -> Stream.of(Arguments.of(name, "--help"), Arguments.of(name, "-h")));
  }

  @ParameterizedTest(name = "streamtune {0} {1}")
  @MethodSource("commandsAndHelpOptions")
  void shouldPrintTheCommandsUsageAndExit0WhenAskedForHelp(String command, String option) {
    // When asking for a command's help, even one whose SPEC is required
    CliRun run = CliRun.of(command, option);

    // Then its usage is printed and nothing is an error
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: streamtune " + command);
    assertThat(run.err()).isEmpty();
  }

  @Test
  void shouldPrintTheVersionWhenASubcommandIsAskedForIt() {
    CliRun run = CliRun.of("run", "-V");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).startsWith("streamtune ");
  }

  @Test
  void shouldKeepHelpCommandWorkingWhenAskedForACommandsHelp() {
    CliRun run = CliRun.of("help", "submit");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Usage: streamtune submit", "--wait");
  }

  @Test
  void shouldListEveryExitCodeWhenTheTopLevelHelpIsShown() {
    CliRun run = CliRun.of("--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("Exit codes:");
    ExitCodes.descriptions()
        .forEach((code, meaning) -> assertThat(run.out()).containsPattern("(?m)^  " + code + " "));
  }

  @Test
  void shouldGiveEveryCommandAOneSentenceHeaderWhenListedAtTheTop() {
    // The top-level list shows a command's header; a description's first line may stop mid-way
    CommandLine cli = StreamTuneCli.commandLine();
    cli.getSubcommands()
        .forEach(
            (name, sub) -> {
              String[] header = sub.getCommandSpec().usageMessage().header();
              assertThat(header).as(name).hasSize(1);
              assertThat(header[0]).as(name).endsWith(".");
            });
  }

  @Test
  void shouldShowDefaultsWhenAnOptionHasOne() {
    CliRun run = CliRun.of("run", "--help");

    assertThat(run.out()).contains("(default 2)", "(default 24h)", "(default 30s)", "(default 3)");
  }
}
