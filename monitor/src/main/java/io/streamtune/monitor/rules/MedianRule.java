package io.streamtune.monitor.rules;

/**
 * Median stopping rule (Golovin et al., "Google Vizier", KDD 2017, §3.2.1), for losses.
 *
 * <p>Notation: trial τ reports o_τ(1..s); r̄_τ(s) = (1/s)·Σ_{i≤s} o_τ(i) is its running average.
 * Stop trial x at step s iff min_{i≤s} o_x(i) > median{ r̄_τ(s) : τ completed with ≥ s steps }. The
 * comparison is strict, the trial's statistic is optimistic (its best) and the reference is
 * pessimistic (running averages), which is what makes the rule conservative. The median is the
 * textbook one (mean of the two middle values for an even count), i.e. {@link Percentiles} at 50.
 *
 * <p>Guards: at least {@code minTrials} completed trials with a finite running average at s, and s
 * ≥ {@code minStep}. Completed trials with fewer than s steps are left out (the paper's "reported
 * up to the Trial's last measurement"); a running average that is not finite (it contains a NaN or
 * an infinity) is left out too. Neither the last step nor a diverged value is this rule's business:
 * the shared guards, {@link Guards#beforeFinalStep} and {@link Guards#diverged}, decide them once
 * for every rule.
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
    if (s < minStep) {
      return Decision.keepGoing();
    }
    double[] averages =
        Percentiles.finiteSorted(
            study.completed().stream()
                .filter(t -> t.steps() >= s && !t.trialId().equals(trial.trialId()))
                .mapToDouble(t -> t.runningAverage(s))
                .toArray());
    if (averages.length < minTrials) {
      return Decision.keepGoing();
    }
    double median = Percentiles.median(averages);
    double best = trial.bestUpTo(s);
    // A NaN best (no finite value yet) is left to Guards.diverged: there is nothing to compare.
    if (best > median) {
      return Decision.stop(
          NAME,
          s,
          best,
          median,
          Reason.of(
              "best so far %s is worse than the median %s of %d completed trials' running averages at step %d",
              Reason.loss(best), Reason.loss(median), averages.length, s));
    }
    return Decision.keepGoing();
  }
}
