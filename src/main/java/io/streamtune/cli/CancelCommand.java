package io.streamtune.cli;

import io.streamtune.schemas.KafkaConnection;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "cancel",
    header = "Cancel a study: no new trials, running trials stop, the study ends CANCELLED.",
    description =
        "Cancels a study: the suggester issues no new trials and reports it CANCELLED,"
            + " and trainers stop its running trials at their next epoch (stop rule"
            + " 'cancelled'). Waits for that, up to --wait. 'run --resume' or 'submit"
            + " --resume' with the same spec continues it later.")
final class CancelCommand implements Callable<Integer> {

  @Parameters(paramLabel = "STUDY", description = "The study id.")
  String study;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--reason",
      paramLabel = "TEXT",
      description = "Why, recorded with the cancel and shown in the study's status.")
  String reason;

  @Option(
      names = "--wait",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description =
          "How long to wait for the study to be CANCELLED and its running trials to stop"
              + " (default ${DEFAULT-VALUE}); 0 returns at once.")
  Duration wait;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    KafkaConnection kafka = connection.connection();
    PrintWriter out = cmd.commandLine().getOut();
    try (StudyFeed feed = StudyFeed.ofStudy(kafka, study)) {
      StudyView v = feed.catchUp(StudyLookup.CATCH_UP).study(study);
      if (!v.exists() || v.spec().isEmpty()) {
        throw StudyLookup.notFound(kafka, study);
      }
      if (v.ended()) {
        out.println("Study " + study + " is already " + v.state() + "; nothing to cancel.");
        out.flush();
        return ExitCodes.OK;
      }
      String why =
          reason == null || reason.isBlank()
              ? "by " + StudyControl.requester() + " (streamtune cancel)"
              : reason;
      StudyControl.cancel(kafka, v.spec().orElseThrow(), why);
      int runningBefore = v.running().size();
      v =
          StudyFollow.until(
              feed,
              study,
              view -> view.ended() && view.running().isEmpty(),
              System.nanoTime() + wait.toNanos(),
              view -> {});
      if (!v.ended()) {
        out.println(
            "Asked to cancel study "
                + study
                + "; its suggester has not confirmed within "
                + DurationConverter.format(wait)
                + " (is one running?). The cancel stays on the 'studies' topic and takes effect"
                + " when a suggester reads it.");
        out.flush();
        return wait.isZero() ? ExitCodes.OK : ExitCodes.ERROR;
      }
      out.printf(
          "Study %s is %s: %d of %d trials finished; %d running trial(s) stopped%s.%n",
          study,
          v.state(),
          v.finished(),
          v.nTrials(),
          runningBefore - v.running().size(),
          v.running().isEmpty() ? "" : ", " + v.running().size() + " still running");
      out.flush();
      return v.running().isEmpty() ? ExitCodes.OK : ExitCodes.ERROR;
    } catch (StudyFeed.NoStudiesException e) {
      throw StudyLookup.notFound(kafka, study);
    }
  }
}
