package io.streamtune.monitor.rules;

/**
 * Decorators that decide WHEN a rule is asked, so that rules only decide WHETHER to stop (the shape
 * of Optuna's {@code PatientPruner} wrapping another pruner).
 */
public final class Guards {

  /** The rule name of a stop for a non-finite value; trainers obey it whatever the study's rule. */
  public static final String DIVERGED = "diverged";

  private Guards() {}

  /**
   * Stops a trial at once, under the name {@value #DIVERGED}, when the value it just reported is
   * NaN or infinite; otherwise asks {@code rule}. A run whose loss is no longer a number does not
   * come back (the weights are NaN or infinite by then), so waiting for a rule's references only
   * wastes epochs: before this guard a trial that turned NaN after a good start kept its good
   * best-so-far and ran to the end under the median and the curve rule.
   *
   * <p>Only the latest value is checked. An earlier NaN in a curve is a gap (an epoch that arrived
   * late or was dropped), not a report, and a trial that reported a NaN was stopped when it did.
   * The decision's value is the non-finite loss, its threshold the best finite loss before it (NaN
   * if there is none).
   */
  public static StoppingRule diverged(StoppingRule rule) {
    return (study, trial) -> {
      int s = trial.steps();
      double v = s == 0 ? 0 : trial.at(s);
      if (Double.isFinite(v)) {
        return rule.evaluate(study, trial);
      }
      double best = trial.bestUpTo(s - 1);
      if (Double.isNaN(best)) {
        return Decision.stop(
            DIVERGED,
            s,
            v,
            best,
            Reason.of(
                "the metric is %s at step %d and no earlier value was finite", Reason.loss(v), s));
      }
      int at = 1;
      while (trial.at(at) != best) {
        at++;
      }
      return Decision.stop(
          DIVERGED,
          s,
          v,
          best,
          Reason.of(
              "the metric became %s at step %d after a best of %s at step %d",
              Reason.loss(v), s, Reason.loss(best), at));
    };
  }

  /**
   * Asks {@code rule} only at steps s ≥ {@code firstStep} with (s − firstStep) mod {@code interval}
   * = 0. With contiguous steps this is Optuna's {@code _is_first_in_interval_step} with
   * n_warmup_steps = firstStep, and NNI's start_step / gap.
   */
  public static StoppingRule warmUp(StoppingRule rule, int firstStep, int interval) {
    if (firstStep < 0) {
      throw new IllegalArgumentException("first step must be >= 0 but was " + firstStep);
    }
    if (interval < 1) {
      throw new IllegalArgumentException("interval must be >= 1 but was " + interval);
    }
    return (study, trial) -> {
      int s = trial.steps();
      if (s < firstStep || (s - firstStep) % interval != 0) {
        return Decision.keepGoing();
      }
      return rule.evaluate(study, trial);
    };
  }

  /**
   * Never stops at or after the trial's last step: nothing would be saved, and the trial would be
   * recorded as stopped instead of completed, which removes its final value from every reference. A
   * trial without a budget ({@code maxSteps ≤ 0}) has no last step and is judged at every step.
   *
   * <p>This is the only final-step check: {@code StoppingRules} puts it around every rule and no
   * rule repeats it, so that two rules cannot disagree about which step is the last one.
   */
  public static StoppingRule beforeFinalStep(StoppingRule rule) {
    return (study, trial) -> {
      if (trial.steps() == 0 || (trial.maxSteps() > 0 && trial.steps() >= trial.maxSteps())) {
        return Decision.keepGoing();
      }
      return rule.evaluate(study, trial);
    };
  }
}
