package io.streamtune.monitor.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Successive halving's rung test with a confidence margin, for losses: stop a trial at a rung only
 * if it is confidently outside the top 1/η of all configurations there, not merely outside the top
 * 1/η of the few that happen to have reached the rung so far.
 *
 * <p>Notation: rung k is at step r·η^k (below the budget), as in ASHA (Li et al., MLSys 2020). At a
 * rung, V = the trial's value v_x and those of every other trial that reached the rung (finite
 * ones; completed, running or stopped), n = |V|, sorted ascending V_(1) ≤ … ≤ V_(n). With random
 * configurations these are n independent draws of the rung's loss, and V_(k) is an upper bound of
 * its population 1/η-quantile with confidence P(Bin(n, 1/η) ≤ k − 1) ({@link
 * Percentiles#upperBoundRank}). Stop iff v_x &gt; V_(k*), k* the smallest rank whose confidence
 * reaches {@code confidence}; if no rank does (n small), continue.
 *
 * <p>Why: ASHA's cutoff V_(⌊n/η⌋) is the sample quantile, and early in a study, when n is 5 or 10,
 * it is a noisy one; Optuna's policy even requires the best of the first η. A late bloomer or a
 * noisy trial that is in the population's top 1/η then loses to the luck of who arrived first, and
 * the replay of the lstm-stock curves lost the best trial to exactly that at step 1 in 3 of 10
 * orders. The bound keeps what is plausibly in the top 1/η and converges to ASHA's cutoff as n
 * grows (k* divided by n tends to 1/η).
 *
 * <p>The test is asked at every step s, about the trial's latest rung r ≤ s, against every trial
 * that has reached r by then, and never stops the trial that leads the study at s. Why not only at
 * the rung itself: the trials that start a study pass the first rung with n = p, the parallelism (n
 * = 4 is too few for any bound; with tied chance-level values, nothing is ever outside), and
 * nothing judges them again until the curve test can, so a trial stuck at chance level in the first
 * batch ran its whole budget. Asking again as the rung fills is ASHA's own asynchronous promotion
 * read the other way (a promotion waits for evidence; so may a cut), and the trial's value at r is
 * judged against values at r only, which the survivors of the cut do not bias.
 */
public record ConfidentHalving(int minResource, int eta, double confidence) {

  public ConfidentHalving {
    if (minResource < 1) {
      throw new IllegalArgumentException("min_resource must be >= 1 but was " + minResource);
    }
    if (eta < 2) {
      throw new IllegalArgumentException("eta must be >= 2 but was " + eta);
    }
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1) but was " + confidence);
    }
  }

  /** Whether {@code step} is a rung of a trial with budget {@code maxSteps}. */
  public boolean isRung(int step, int maxSteps) {
    return step >= 1 && latestRung(step, maxSteps) == step;
  }

  /** The largest rung r·η^k ≤ {@code step} below the budget {@code maxSteps}, 0 if none. */
  public int latestRung(int step, int maxSteps) {
    int latest = 0;
    for (long r = minResource; r <= step && r < maxSteps; r *= eta) {
      latest = (int) r;
    }
    return latest;
  }

  /**
   * The decision at the trial's current step s, named {@code rule}: a stop if the trial's value at
   * its latest rung r ≤ s is confidently outside the top 1/η of the trials that reached r, and it
   * does not lead the study at s; else keep going.
   */
  public Decision evaluate(StudyCurves study, TrialCurve trial, String rule) {
    int s = trial.steps();
    int r = latestRung(s, trial.maxSteps());
    if (r == 0 || !Double.isFinite(trial.at(r))) {
      return Decision.keepGoing();
    }
    double v = trial.at(r);
    List<Double> values = new ArrayList<>();
    for (List<TrialCurve> pool : List.of(study.completed(), study.others())) {
      for (TrialCurve t : pool) {
        if (!t.trialId().equals(trial.trialId()) && t.steps() >= r && Double.isFinite(t.at(r))) {
          values.add(t.at(r));
        }
      }
    }
    double[] all = new double[values.size() + 1];
    for (int i = 0; i < values.size(); i++) {
      all[i] = values.get(i);
    }
    all[values.size()] = v;
    Arrays.sort(all);
    int n = all.length;
    int k = Percentiles.upperBoundRank(n, 1.0 / eta, confidence);
    // At the rung itself a leader is never outside (its value is the smallest); later, it may have
    // overtaken others since, and a leader is never stopped.
    if (k > n || !(v > all[k - 1]) || (r < s && study.leads(trial))) {
      return Decision.keepGoing();
    }
    Reason why =
        r == s
            ? Reason.of(
                "value %s at step %d is worse than %s, the %d-th best of the %d trials there, which"
                    + " bounds the top 1/%d of all configurations with confidence %s",
                Reason.loss(v), s, Reason.loss(all[k - 1]), k, n, eta, confidence)
            : Reason.of(
                "value %s at step %d, its last rung, is worse than %s, the %d-th best of the %d"
                    + " trials that reached it, which bounds the top 1/%d of all configurations"
                    + " with confidence %s",
                Reason.loss(v), r, Reason.loss(all[k - 1]), k, n, eta, confidence);
    return Decision.stop(rule, s, v, all[k - 1], why);
  }
}
