package io.streamtune.cli;

import io.streamtune.console.Progress;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * Follows a study a command started or resumed until it ends. Ctrl-C or the timeout cancels it
 * (unless detached): no new trials, running ones stop and report within the grace period, and the
 * caller writes what finished. The clock starts with the command, so progress and the summary agree
 * on the elapsed time.
 */
final class StudySession {

  enum End {
    COMPLETED,
    FAILED,
    /** Cancelled by someone else (another terminal, an operator). */
    CANCELLED,
    INTERRUPTED,
    TIMED_OUT,
    /** Ctrl-C or the timeout with --detach: the study goes on. */
    DETACHED
  }

  record Outcome(End end, StudyView study, long elapsedMillis) {}

  record Settings(Duration timeout, Duration grace, boolean detach) {}

  private final KafkaConnection kafka;
  private final StudyFeed feed;
  private final String studyId;
  private final long startNanos;

  StudySession(KafkaConnection kafka, StudyFeed feed, String studyId, long startNanos) {
    this.kafka = kafka;
    this.feed = feed;
    this.studyId = studyId;
    this.startNanos = startNanos;
  }

  long elapsedMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  Outcome follow(Settings s, Progress progress, Interrupts interrupts, PrintWriter err)
      throws Exception {
    long deadline = startNanos + s.timeout().toNanos();
    StudyView v =
        StudyFollow.until(
            feed,
            studyId,
            view -> StudyFollow.over(view) || interrupts.requested(),
            deadline,
            view -> progress.update(view, elapsedMillis()));
    if (StudyFollow.over(v)) {
      return new Outcome(
          v.complete() ? End.COMPLETED : v.failed() ? End.FAILED : End.CANCELLED,
          v,
          elapsedMillis());
    }
    End end = interrupts.requested() ? End.INTERRUPTED : End.TIMED_OUT;
    String why =
        end == End.INTERRUPTED
            ? "interrupted (" + interrupts.what() + ")"
            : "timed out after " + DurationConverter.format(s.timeout());
    if (s.detach()) {
      return new Outcome(End.DETACHED, v, elapsedMillis());
    }
    err.println(
        "Cancelling study "
            + studyId
            + ": "
            + why
            + "; waiting up to "
            + DurationConverter.format(s.grace())
            + " for its running trials to report.");
    err.flush();
    StudyControl.cancel(kafka, v.spec().orElseThrow(), why);
    v =
        StudyFollow.until(
            feed,
            studyId,
            view ->
                view.complete() || view.failed() || (view.cancelled() && view.running().isEmpty()),
            System.nanoTime() + s.grace().toNanos(),
            view -> progress.update(view, elapsedMillis()));
    return new Outcome(v.complete() ? End.COMPLETED : end, v, elapsedMillis());
  }
}
