package io.streamtune.cli;

import io.streamtune.console.Progress;
import io.streamtune.console.Terminals;
import io.streamtune.console.TrialTable;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "watch",
    header = "Follow the live progress of a study started elsewhere.",
    description =
        "Shows a study's progress as it runs (trials done, the best so far, each"
            + " running trial's epoch) until it ends; Ctrl-C stops watching and leaves the"
            + " study alone. Exit 0 when it completes, 1 when it failed or was cancelled, 130"
            + " when interrupted.")
final class WatchCommand implements Callable<Integer> {

  @Parameters(paramLabel = "STUDY", description = "The study id.")
  String study;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    KafkaConnection kafka = connection.connection();
    PrintWriter out = cmd.commandLine().getOut();
    try (StudyFeed feed = StudyFeed.ofStudy(kafka, study)) {
      StudyView v = feed.catchUp(StudyLookup.CATCH_UP).study(study);
      if (!v.exists()) {
        throw StudyLookup.notFound(kafka, study);
      }
      long start = System.currentTimeMillis();
      long since = v.startedAt() > 0 ? v.startedAt() : start;
      try (Terminals terminals = new Terminals();
          Interrupts interrupts =
              Interrupts.install(
                  cmd.commandLine().getErr(), "Stopped watching; the study goes on.");
          Progress progress = Progress.to(out, terminals)) {
        v =
            StudyFollow.until(
                feed,
                study,
                view -> StudyFollow.over(view) || interrupts.requested(),
                System.nanoTime() + Duration.ofDays(365).toNanos(),
                view -> progress.update(view, System.currentTimeMillis() - since));
        if (interrupts.requested()) {
          return ExitCodes.INTERRUPTED;
        }
      }
      TrialTable.summary(v, Screen.width()).forEach(out::println);
      out.flush();
      return v.complete() ? ExitCodes.OK : ExitCodes.ERROR;
    } catch (StudyFeed.NoStudiesException e) {
      throw StudyLookup.notFound(kafka, study);
    }
  }
}
