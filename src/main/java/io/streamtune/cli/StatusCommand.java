package io.streamtune.cli;

import io.streamtune.console.TrialTable;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "status",
    header = "Show a study's state and its trial table.",
    description =
        "Shows where a study stands and every trial it has issued: number, status,"
            + " value, epochs, attempt, worker, duration, and for a stopped trial the rule,"
            + " the epoch and the reason. Read from the cluster's topics; no service needs to"
            + " be running.")
final class StatusCommand implements Callable<Integer> {

  @Parameters(paramLabel = "STUDY", description = "The study id.")
  String study;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() {
    PrintWriter out = cmd.commandLine().getOut();
    TrialTable.render(StudyLookup.existing(connection.connection(), study), Screen.width())
        .forEach(out::println);
    out.flush();
    return 0;
  }
}
