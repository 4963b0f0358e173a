package io.streamtune.monitor.rules;

/**
 * Decorators that decide WHEN a rule is asked, so that rules only decide WHETHER to stop (the shape
 * of Optuna's {@code PatientPruner} wrapping another pruner).
 */
public final class Guards {

  private Guards() {}

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
