package io.streamtune.console;

import io.streamtune.study.StudyView;
import io.streamtune.study.TrialPhase;
import io.streamtune.study.TrialView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A study's progress as lines of at most a given width: a bar with trials done and the time left,
 * the best trial so far, and each running trial with its epoch and latest value. The clock is the
 * caller's, so the summary printed at the end shows the same elapsed time.
 */
public final class ProgressView {

  /** Running trials shown one per line; more are counted on one line. */
  static final int MAX_RUNNING_LINES = 6;

  private static final int MAX_BAR = 40;
  private static final int MIN_BAR = 10;

  private ProgressView() {}

  /** The lines for a terminal {@code width} columns wide. */
  public static List<String> render(
      StudyView study, long elapsedMillis, int width, boolean unicode) {
    List<String> lines = new ArrayList<>();
    String counts =
        " " + done(study) + " · " + statuses(study) + " · " + clock(study, elapsedMillis);
    int bar = Math.min(MAX_BAR, width - counts.length() - 2);
    String head = bar >= MIN_BAR ? bar(study, bar, unicode) + counts : counts.strip();
    lines.add(Figures.fit(head, width));
    lines.add(Figures.fit(best(study), width));
    List<TrialView> running = study.running();
    int shown = running.size() > MAX_RUNNING_LINES ? MAX_RUNNING_LINES - 1 : running.size();
    for (TrialView t : running.subList(0, shown)) {
      lines.add(Figures.fit(runningLine(study, t), width));
    }
    if (shown < running.size()) {
      lines.add(Figures.fit("  … and " + (running.size() - shown) + " more running", width));
    }
    return lines;
  }

  /** One line for a log or a pipe, printed when a trial finishes: no bar, no redraws. */
  public static String plainLine(StudyView study, long elapsedMillis) {
    return "["
        + done(study)
        + "] "
        + statuses(study)
        + " | "
        + best(study)
        + " | "
        + clock(study, elapsedMillis);
  }

  private static String done(StudyView study) {
    return study.finished() + "/" + study.nTrials();
  }

  private static String statuses(StudyView study) {
    StringBuilder s = new StringBuilder();
    s.append(study.count(TrialPhase.COMPLETED)).append(" completed");
    s.append(", ").append(study.count(TrialPhase.PRUNED)).append(" pruned");
    long failed = study.count(TrialPhase.FAILED);
    if (failed > 0) {
      s.append(", ").append(failed).append(" failed");
    }
    long running = study.count(TrialPhase.RUNNING);
    if (running > 0) {
      s.append(", ").append(running).append(" running");
    }
    return s.toString();
  }

  private static String clock(StudyView study, long elapsedMillis) {
    int done = study.finished();
    int left = study.nTrials() - done;
    String eta =
        done == 0 || left <= 0
            ? "-"
            : Figures.duration((long) ((double) elapsedMillis / done * left));
    return Figures.duration(elapsedMillis) + " elapsed, ETA " + eta;
  }

  private static String best(StudyView study) {
    return study
        .best()
        .map(
            b ->
                String.format(
                    Locale.ROOT,
                    "best %s %s in #%d: %s",
                    study.metricName(),
                    Figures.value(b.result().orElseThrow().getValue()),
                    b.number(),
                    Figures.params(study.params(b))))
        .orElse("best " + study.metricName() + " - (no trial has finished yet)");
  }

  private static String runningLine(StudyView study, TrialView t) {
    return String.format(
        Locale.ROOT,
        "  #%-4d epoch %3d/%-3d %s %-10s %s",
        t.number(),
        t.epochs(),
        t.maxEpochs(),
        study.metricName(),
        Figures.value(t.latestValue().orElse(null)),
        t.worker());
  }

  private static String bar(StudyView study, int width, boolean unicode) {
    int n = study.nTrials();
    int filled = n == 0 ? 0 : (int) Math.round((double) study.finished() / n * (width - 2));
    char full = unicode ? '█' : '#';
    char empty = unicode ? '░' : '.';
    return "["
        + String.valueOf(full).repeat(filled)
        + String.valueOf(empty).repeat(width - 2 - filled)
        + "]";
  }
}
