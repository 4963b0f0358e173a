package io.streamtune.monitor.rules;

/**
 * Optuna's {@code PercentilePruner} (and {@code MedianPruner} at p = 50), for losses.
 *
 * <p>Notation: x is the judged trial at step s, b_x(s) = min_{i≤s} o_x(i) its best so far, and C_s
 * = { o_τ(s) : τ completed, τ reported step s, o_τ(s) not NaN } the completed trials' RAW values at
 * the same step (not running averages: that is the Vizier rule, {@link MedianRule}). With P_p(C_s)
 * the numpy-style linear percentile ({@link Percentiles}), stop iff b_x(s) > P_p(C_s), strictly.
 * For a loss the p-th percentile is taken directly; Optuna takes 100 − p for a maximised value,
 * which is the same threshold after negation.
 *
 * <p>Guards, with Optuna's defaults: at least {@code nStartupTrials} completed trials (5); at least
 * {@code nMinTrials} of them reported step s (1); s ≥ {@code nWarmupSteps} (0) and (s −
 * nWarmupSteps) mod {@code intervalSteps} = 0 (1). A diverged value is {@link Guards#diverged}'s
 * business (Optuna prunes a NaN too); a reference value that is not finite is left out.
 */
public record PercentileRule(
    double percentile, int nStartupTrials, int nWarmupSteps, int intervalSteps, int nMinTrials)
    implements StoppingRule {

  public static final String NAME = "percentile";

  public PercentileRule {
    if (!(percentile >= 0 && percentile <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100] but was " + percentile);
    }
    if (nStartupTrials < 0) {
      throw new IllegalArgumentException("n_startup_trials must be >= 0 but was " + nStartupTrials);
    }
    if (nWarmupSteps < 0) {
      throw new IllegalArgumentException("n_warmup_steps must be >= 0 but was " + nWarmupSteps);
    }
    if (intervalSteps < 1) {
      throw new IllegalArgumentException("interval_steps must be >= 1 but was " + intervalSteps);
    }
    if (nMinTrials < 1) {
      throw new IllegalArgumentException("n_min_trials must be >= 1 but was " + nMinTrials);
    }
  }

  /**
   * Optuna's defaults: percentile 50, 5 startup trials, no warm-up, every step, 1 trial at the
   * step.
   */
  public static PercentileRule defaults() {
    return new PercentileRule(50, 5, 0, 1, 1);
  }

  @Override
  public Decision evaluate(StudyCurves study, TrialCurve trial) {
    int s = trial.steps();
    if (s == 0 || s < nWarmupSteps || (s - nWarmupSteps) % intervalSteps != 0) {
      return Decision.keepGoing();
    }
    if (study.completed().isEmpty() || study.completed().size() < nStartupTrials) {
      return Decision.keepGoing();
    }
    double best = trial.bestUpTo(s);
    double[] atStep =
        Percentiles.finiteSorted(
            study.completed().stream()
                .filter(t -> t.steps() >= s && !t.trialId().equals(trial.trialId()))
                .mapToDouble(t -> t.at(s))
                .toArray());
    if (atStep.length < nMinTrials) {
      return Decision.keepGoing();
    }
    double p = Percentiles.percentile(atStep, percentile);
    if (best > p) {
      return Decision.stop(
          NAME,
          s,
          best,
          p,
          Reason.of(
              "best so far %s is worse than percentile %s (%s) of %d completed trials at step %d",
              Reason.loss(best), Reason.rank(percentile), Reason.loss(p), atStep.length, s));
    }
    return Decision.keepGoing();
  }
}
