package io.streamtune.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ScopeType;

/**
 * The {@code streamtune} command line. Options may also come from {@code @file} argument files.
 * Every command inherits {@code -h/--help} and {@code -V/--version}, so {@code streamtune run
 * --help} works even though {@code run} needs a SPEC.
 */
@Command(
    name = "streamtune",
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "streamtune 0.1.0",
    subcommands = {
      RunCommand.class,
      SubmitCommand.class,
      StudiesCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      BestCommand.class,
      ExportCommand.class,
      ReportCommand.class,
      UiCommand.class,
      SchemasCommand.class,
      CancelCommand.class,
      ValidateCommand.class,
      BrokerCommand.class,
      SuggesterCommand.class,
      TrainerCommand.class,
      MonitorCommand.class,
      AclsCommand.class,
      RecordCurvesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StreamTuneCli {

  public static void main(String[] args) {
    Logging.configure(args);
    int code = ExitCodes.CRASHED;
    try {
      code = commandLine().execute(args);
    } catch (
        Error e) { // NOPMD: the broker's non-daemon threads would otherwise keep a dead run alive
      e.printStackTrace();
    } finally {
      System.exit(code);
    }
  }

  /** The command line with its error handling and exit codes, as {@link #main} runs it. */
  static CommandLine commandLine() {
    FailureHandler failures = new FailureHandler();
    CommandLine cli =
        new CommandLine(new StreamTuneCli())
            .setExecutionExceptionHandler(failures)
            .setParameterExceptionHandler(failures);
    // Set here, not in @Command, whose attributes every command inherits: a command without a
    // description of its own would show this one, and the codes, the same for all commands, are
    // listed once.
    cli.getCommandSpec()
        .usageMessage()
        .description("Event-driven hyperparameter tuning on Apache Kafka.")
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCodes.descriptions())
        .footer("%nRun 'streamtune COMMAND --help' for a command's options and defaults.");
    return cli;
  }
}
