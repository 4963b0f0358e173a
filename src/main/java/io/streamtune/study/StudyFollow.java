package io.streamtune.study;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.schemas.KafkaConnection;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Follows a study as its records arrive, until a condition on its view holds or time runs out. The
 * view is rebuilt from what the suggester accepted, never from raw {@code trial-results}: a result
 * it refused (a forgery, a superseded attempt, a duplicate) is nobody's best.
 */
public final class StudyFollow {

  /** How often progress is reported when no record arrives, so clocks and ETAs keep moving. */
  private static final long TICK_NANOS = Duration.ofMillis(500).toNanos();

  private StudyFollow() {}

  /** The study ended without all its trials: it failed (an invalid spec) or was cancelled. */
  public static final class StudyEnded extends IllegalStateException {
    private final transient StudyStatus status;

    StudyEnded(StudyStatus status) {
      super("study " + status.getStudyId() + " " + status.getState() + ": " + status.getMessage());
      this.status = status;
    }

    public StudyStatus status() {
      return status;
    }
  }

  /**
   * Reads until {@code until} holds for the study's view or {@code deadlineNanos} (of {@link
   * System#nanoTime()}) passes; calls {@code onProgress} on every change and at least twice a
   * second. Returns the view either way: the caller asks it why the wait ended.
   */
  public static StudyView until(
      StudyFeed feed,
      String studyId,
      Predicate<StudyView> until,
      long deadlineNanos,
      Consumer<StudyView> onProgress) {
    long lastTick = System.nanoTime();
    while (true) {
      StudyView view = feed.study(studyId);
      if (until.test(view) || System.nanoTime() - deadlineNanos > 0) {
        onProgress.accept(view);
        return view;
      }
      boolean changed = feed.poll(Duration.ofMillis(100));
      long now = System.nanoTime();
      if (changed || now - lastTick > TICK_NANOS) {
        onProgress.accept(feed.study(studyId));
        lastTick = now;
      }
    }
  }

  /** Whether the study is over: complete, failed or cancelled. */
  public static boolean over(StudyView v) {
    return v.complete()
        || (v.ended() && v.status().orElseThrow().getState() != StudyState.COMPLETED);
  }

  /**
   * Waits for a study to complete, for tests and benchmarks.
   *
   * @throws StudyEnded if the study failed or was cancelled
   * @throws IllegalStateException if it did not finish before the timeout
   */
  public static StudyView await(
      KafkaConnection connection,
      StudySpec spec,
      Duration timeout,
      Consumer<StudyView> onProgress) {
    String study = spec.getStudyId();
    try (StudyFeed feed = StudyFeed.ofStudy(connection, study)) {
      StudyView v =
          until(feed, study, StudyFollow::over, System.nanoTime() + timeout.toNanos(), onProgress);
      if (v.complete()) {
        return v;
      }
      if (v.ended()) {
        throw new StudyEnded(v.status().orElseThrow());
      }
      throw new IllegalStateException(
          "study "
              + study
              + " did not finish within "
              + timeout.toSeconds()
              + " s ("
              + v.finished()
              + "/"
              + spec.getNTrials()
              + " trials)");
    }
  }
}
