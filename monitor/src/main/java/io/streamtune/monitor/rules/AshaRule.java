package io.streamtune.monitor.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Asynchronous successive halving, stopping variant (Li et al., "A System for Massively Parallel
 * Hyperparameter Tuning", MLSys 2020, arXiv 1810.05934, Algorithm 2), for losses.
 *
 * <p>Notation: r = {@code minResource}, η = {@code eta}, s = the minimum early-stopping rate. Rung
 * k sits at step r_k = r·η^(s+k), k = 0, 1, …, for every r_k below the trial's budget (a rung at
 * the last step would save nothing; a trial without a budget has no rungs and continues). When
 * trial x reports step r_k its value v_x = o_x(r_k) is compared with V_k = { o_τ(r_k) : τ ≠ x
 * reached r_k, not NaN } ∪ {v_x}, n = |V_k|, sorted ascending: x continues iff v_x ≤ V_k[max(⌊n/η⌋,
 * 1) − 1], i.e. it is in the top ⌊n/η⌋ of its rung so far.
 *
 * <p>Small-rung policy (Optuna's, not Ray's): while n < η the top ⌊n/η⌋ is empty, and we require x
 * to be the best so far (ties continue). The first trial to reach a rung is trivially the best, so
 * "an empty rung continues", as in Ray. For 1 < n < η Ray interpolates a quantile of the few
 * values, which already stops a trial below the single earlier one; requiring the best is the same
 * test with one value and stays a discrete reading of "top 1/η" as the paper defines it. ASHA's
 * answer to early misranking is that later arrivals see larger rungs, not a lenient first rung.
 *
 * <p>Reference trials are every other trial that reached the rung, completed, running or stopped,
 * because in ASHA a rung records every arrival. With {@code perBracket} only trials in the judged
 * trial's Hyperband bracket compete, and s is the bracket ({@link TrialCurve#bracket()}). A
 * non-finite value at the rung is {@link Guards#diverged}'s business; a competitor's is left out.
 */
public record AshaRule(int minResource, int eta, int minEarlyStoppingRate, boolean perBracket)
    implements StoppingRule {

  public static final String NAME = "asha";
  public static final String HYPERBAND = "hyperband";

  public AshaRule {
    if (minResource < 1) {
      throw new IllegalArgumentException("min_resource must be >= 1 but was " + minResource);
    }
    if (eta <= 1) {
      throw new IllegalArgumentException("eta must be > 1 but was " + eta);
    }
    if (minEarlyStoppingRate < 0) {
      throw new IllegalArgumentException(
          "min_early_stopping_rate must be >= 0 but was " + minEarlyStoppingRate);
    }
  }

  /** One ASHA bracket with a fixed early-stopping rate (Optuna's SuccessiveHalvingPruner). */
  public static AshaRule asha(int minResource, int eta, int minEarlyStoppingRate) {
    return new AshaRule(minResource, eta, minEarlyStoppingRate, false);
  }

  /**
   * Hyperband as several ASHA brackets: bracket b is ASHA with s = b, over that bracket's trials.
   */
  public static AshaRule hyperband(int minResource, int eta) {
    return new AshaRule(minResource, eta, 0, true);
  }

  /** The rung steps below {@code maxSteps} for early-stopping rate {@code s}, ascending. */
  public List<Integer> rungs(int s, int maxSteps) {
    List<Integer> out = new ArrayList<>();
    long step = minResource;
    for (int i = 0; i < s && step < maxSteps; i++) {
      step *= eta;
    }
    while (step < maxSteps) {
      out.add((int) step);
      step *= eta;
    }
    return out;
  }

  @Override
  public Decision evaluate(StudyCurves study, TrialCurve trial) {
    int step = trial.steps();
    int s = perBracket ? trial.bracket() : minEarlyStoppingRate;
    List<Integer> rungs = rungs(s, trial.maxSteps());
    int k = rungs.indexOf(step);
    if (k < 0) {
      return Decision.keepGoing();
    }
    String name = perBracket ? HYPERBAND : NAME;
    double v = trial.at(step);
    double[] rung = competitors(study, trial, step);
    int n = rung.length + 1;
    double[] all = Arrays.copyOf(rung, n);
    all[n - 1] = v;
    Arrays.sort(all);
    double cutoff = all[Math.max(n / eta, 1) - 1];
    if (v > cutoff) {
      return Decision.stop(
          name,
          step,
          v,
          cutoff,
          Reason.of(
              "value %s at rung %d (step %d) is not in the top %d of %d (cutoff %s, eta %d)",
              Reason.loss(v), k, step, Math.max(n / eta, 1), n, Reason.loss(cutoff), eta));
    }
    return Decision.keepGoing();
  }

  private double[] competitors(StudyCurves study, TrialCurve trial, int step) {
    List<TrialCurve> pool = new ArrayList<>(study.completed());
    pool.addAll(study.others());
    return pool.stream()
        .filter(t -> !t.trialId().equals(trial.trialId()) && t.steps() >= step)
        .filter(t -> !perBracket || t.bracket() == trial.bracket())
        .mapToDouble(t -> t.at(step))
        .filter(Double::isFinite)
        .toArray();
  }
}
