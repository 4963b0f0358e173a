package io.streamtune.report;

import io.streamtune.report.StudyResults.Trial;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The report's summary figures.
 *
 * @param trialsFinished trials that ended (completed, stopped, failed or cancelled)
 * @param epochsSaved epochs early stopping spared: for each trial a stopping rule ended, its budget
 *     less the epochs it ran (a cancelled study's trials are not counted: nothing judged them)
 * @param best the trial with the best final value, if any
 * @param statusCounts trials by status, in the order first seen
 */
public record ReportSummary(
    int trialsFinished, long epochsSaved, Optional<Trial> best, Map<String, Integer> statusCounts) {

  public static ReportSummary of(StudyResults study) {
    int finished = 0;
    long saved = 0;
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Trial t : study.trials()) {
      counts.merge(t.status(), 1, Integer::sum);
      if (!"WAITING".equals(t.status()) && !"RUNNING".equals(t.status())) {
        finished++;
      }
      if (t.stop() != null && !"cancelled".equals(t.stop().rule())) {
        saved += Math.max(0, t.maxEpochs() - t.epochsRun());
      }
    }
    Comparator<Trial> byValue = Comparator.comparingDouble(Trial::value);
    Optional<Trial> best =
        study.trials().stream()
            .filter(Trial::hasFinalValue)
            .min(study.maximize() ? byValue.reversed() : byValue);
    return new ReportSummary(finished, saved, best, counts);
  }

  /** Epochs run as a share of the budget, "541 of 600 (90%)". */
  public static String share(long part, long whole) {
    return whole <= 0
        ? part + ""
        : String.format(Locale.ROOT, "%d of %d (%.0f%%)", part, whole, 100.0 * part / whole);
  }
}
