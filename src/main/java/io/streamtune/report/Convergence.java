package io.streamtune.report;

import io.streamtune.report.StudyResults.Trial;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Best so far against trial number, as skopt's {@code plot_convergence}, but in the metric's own
 * direction: the running minimum of a minimised metric, the running maximum of a maximised one.
 * Only final values count: a trial the monitor stopped has a partial value (its last epoch's),
 * which the optimizer was never told, as in the results file's {@code func_vals}.
 *
 * @param points one per trial with a final value, in trial order
 * @param partial trials with a partial value, shown apart
 */
public record Convergence(List<Point> points, List<Point> partial) {

  public Convergence {
    points = List.copyOf(points);
    partial = List.copyOf(partial);
  }

  /**
   * @param value the trial's value
   * @param bestSoFar the best final value of this trial and every earlier one (for a partial point,
   *     of the final ones before it)
   */
  public record Point(int number, double value, double bestSoFar) {}

  public static Convergence of(StudyResults study) {
    List<Trial> trials = new ArrayList<>(study.trials());
    trials.sort(Comparator.comparingInt(Trial::number));
    List<Point> points = new ArrayList<>();
    List<Point> partial = new ArrayList<>();
    double best = Double.NaN;
    for (Trial t : trials) {
      if (t.hasFinalValue()) {
        double v = t.value();
        best = Double.isNaN(best) || better(study.maximize(), v, best) ? v : best;
        points.add(new Point(t.number(), v, best));
      } else if (t.partial() && t.value() != null && Double.isFinite(t.value())) {
        partial.add(new Point(t.number(), t.value(), best));
      }
    }
    return new Convergence(points, partial);
  }

  /** The best so far of a baseline's final values, in trial order; nothing is partial there. */
  public static Convergence of(boolean maximize, List<StudyResults.Valued> values) {
    List<StudyResults.Valued> sorted = new ArrayList<>(values);
    sorted.sort(Comparator.comparingInt(StudyResults.Valued::number));
    List<Point> points = new ArrayList<>();
    double best = Double.NaN;
    for (StudyResults.Valued v : sorted) {
      best = Double.isNaN(best) || better(maximize, v.value(), best) ? v.value() : best;
      points.add(new Point(v.number(), v.value(), best));
    }
    return new Convergence(points, List.of());
  }

  /** Which of a study and its baseline found the better final value, in words, if it has one. */
  public static Optional<String> verdict(StudyResults study) {
    return study
        .baselineRun()
        .map(
            b ->
                SummaryRows.comparison(
                    study, of(study).best(), of(study.maximize(), b.values()).best(), b));
  }

  /** The last best so far: the study's best final value. */
  public Optional<Double> best() {
    return points.isEmpty()
        ? Optional.empty()
        : Optional.of(points.get(points.size() - 1).bestSoFar());
  }

  /** Whether a log scale can show every value: they must all be positive. */
  public boolean logScaleFits() {
    return points.stream().allMatch(p -> p.value() > 0)
        && partial.stream().allMatch(p -> p.value() > 0);
  }

  static boolean better(boolean maximize, double a, double b) {
    return maximize ? a > b : a < b;
  }
}
