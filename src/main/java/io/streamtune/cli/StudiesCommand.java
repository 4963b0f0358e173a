package io.streamtune.cli;

import io.streamtune.console.StudiesTable;
import io.streamtune.study.StudyFeed;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    name = "studies",
    header =
        "List the studies on a cluster: state, trials done, best value, start and last update.",
    description =
        "Lists every study on the cluster, read from its topics (no service needs to be"
            + " running): its state, trials with a result of the study's total, the best final"
            + " value, when it was submitted and when it last changed.")
final class StudiesCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() {
    PrintWriter out = cmd.commandLine().getOut();
    try (StudyFeed feed = StudyFeed.ofAllStudies(connection.connection())) {
      feed.catchUp(Duration.ofSeconds(60));
      if (feed.studies().values().stream().noneMatch(s -> s.exists())) {
        out.println("No studies on " + connection.connection().bootstrap() + ".");
      } else {
        StudiesTable.render(feed.studies().values(), Screen.width()).forEach(out::println);
      }
    } catch (StudyFeed.NoStudiesException e) {
      out.println(
          "No studies on " + connection.connection().bootstrap() + ": " + e.getMessage() + ".");
    }
    out.flush();
    return 0;
  }
}
