package io.streamtune.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code streamtune} command line. Options may also come from {@code @file} argument files. */
@Command(
    name = "streamtune",
    mixinStandardHelpOptions = true,
    version = "streamtune 0.1.0",
    description = "Event-driven hyperparameter tuning on Apache Kafka.",
    subcommands = {
      RunCommand.class,
      BrokerCommand.class,
      SuggesterCommand.class,
      TrainerCommand.class,
      MonitorCommand.class,
      SubmitCommand.class,
      StudiesCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      BestCommand.class,
      ExportCommand.class,
      CancelCommand.class,
      AclsCommand.class,
      ValidateCommand.class,
      RecordCurvesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class StreamTuneCli {

  public static void main(String[] args) {
    Logging.configure(args);
    int code = 70;
    try {
      code =
          new CommandLine(new StreamTuneCli())
              .setExecutionExceptionHandler(
                  (e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                  })
              .execute(args);
    } catch (
        Error e) { // NOPMD: the broker's non-daemon threads would otherwise keep a dead run alive
      e.printStackTrace();
    } finally {
      System.exit(code);
    }
  }
}
