package io.streamtune.monitor.rules;

import java.util.Arrays;

/**
 * Median stopping rule (Golovin et al., "Google Vizier", KDD 2017, §3.2.1), for losses.
 *
 * <p>Notation: trial τ reports o_τ(1..s); r̄_τ(s) = (1/s)·Σ_{i≤s} o_τ(i) is its running average.
 * Stop trial x at step s iff min_{i≤s} o_x(i) > median{ r̄_τ(s) : τ completed with ≥ s steps }.
 * The comparison is strict, the trial's statistic is optimistic (its best) and the reference is
 * pessimistic (running averages), which is what makes the rule conservative.
 *
 * <p>Guards: at least {@code minTrials} completed trials must have reached step s, and s must be
 * at least {@code minStep}. A trial whose every value is NaN is stopped (it cannot recover).
 */
public record MedianRule(int minTrials, int minStep) implements StoppingRule {

  public static final String NAME = "median";

  public MedianRule {
    if (minTrials < 1) {
      throw new IllegalArgumentException("min_trials must be >= 1 but was " + minTrials);
    }
    if (minStep < 1) {
      throw new IllegalArgumentException("min_step must be >= 1 but was " + minStep);
    }
  }

  @Override
  public Decision evaluate(StudyCurves study, TrialCurve trial) {
    int s = trial.steps();
    if (s < minStep || s >= trial.maxSteps()) {
      return Decision.keepGoing();
    }
    double[] averages = study.completed().stream()
        .filter(t -> t.steps() >= s && !t.trialId().equals(trial.trialId()))
        .mapToDouble(t -> t.runningAverage(s))
        .filter(v -> !Double.isNaN(v))
        .toArray();
    if (averages.length < minTrials) {
      return Decision.keepGoing();
    }
    double median = median(averages);
    double best = trial.bestUpTo(s);
    if (Double.isNaN(best)) {
      return Decision.stop(NAME, s, best, median, "every value so far is NaN");
    }
    if (best > median) {
      return Decision.stop(NAME, s, best, median, String.format(
          "best so far %.6g is worse than the median %.6g of %d completed trials' running averages at step %d",
          best, median, averages.length, s));
    }
    return Decision.keepGoing();
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    int n = v.length;
    return n % 2 == 1 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
  }
}
