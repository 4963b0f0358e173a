package io.streamtune.monitor.rules.curve;

import io.streamtune.monitor.rules.Decision;
import io.streamtune.monitor.rules.Reason;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.EnumSet;
import java.util.Set;

/**
 * Learning-curve extrapolation (Domhan, Springenberg and Hutter, IJCAI 2015, §3.3, conservative
 * mode, with NNI's {@code CurvefittingAssessor} options), for losses.
 *
 * <p>Notation: trial x has reported ℓ_x(1..s) and has budget m; ℓ̂ = min over completed trials of
 * their final loss; ℓ_x(m) is the unknown final loss, predicted by {@link CurveEnsemble} as a
 * mixture with mean E[ℓ_x(m)]. Judged at s = start_step, start_step + gap, … (below m, by {@link
 * io.streamtune.monitor.rules.Guards#beforeFinalStep}); a trial without a budget (m ≤ 0) has
 * nothing to extrapolate to and continues:
 *
 * <ol>
 *   <li>no completed trial, or min_{i≤s} ℓ_x(i) ≤ ℓ̂ (already as good as the best): continue;
 *   <li>no usable extrapolation (too few points, flat, no family fits): continue;
 *   <li>E[ℓ_x(m)] ≤ ℓ̂ (the extrapolation beats the best): continue, whatever else holds;
 *   <li>P(ℓ_x(m) < ℓ̂) &lt; δ: stop (the paper's P(y_m ≥ ŷ) &lt; δ);
 *   <li>the ratio test (NNI, "predicted final ≤ threshold × best" for an accuracy): stop.
 * </ol>
 *
 * <p>Orientation of the ratio test. NNI compares accuracies: bad iff ŷ_m ≤ θ·ŷ with θ = 0.95, i.e.
 * the prediction is more than 5% below the best. Rules see losses, so the same intent reads as a
 * "goodness ratio" r &lt; θ: for a negated positive metric (ℓ̂ &lt; 0, E[ℓ(m)] &lt; 0) r =
 * E[ℓ(m)]/ℓ̂, which is exactly NNI's test after negation; for a positive loss r = ℓ̂/E[ℓ(m)], i.e.
 * stop iff E[ℓ(m)] > ℓ̂/θ (more than 1/θ − 1 ≈ 5.3% worse). When the signs differ or ℓ̂ = 0 a ratio
 * means nothing and only the δ test applies. θ = 0 disables the ratio test, which is the default in
 * {@code StoppingRules}: a point prediction ignores the uncertainty that the δ test weighs, and it
 * stops late bloomers.
 *
 * <p>NaN: points that are not finite are not fitted; a diverged value is {@link
 * io.streamtune.monitor.rules.Guards#diverged}'s business.
 */
public record CurveRule(
    int startStep, int gap, double delta, double threshold, Set<CurveFamily> families)
    implements StoppingRule {

  public static final String NAME = "curve";

  public CurveRule {
    if (startStep < 3) {
      throw new IllegalArgumentException("start_step must be >= 3 but was " + startStep);
    }
    if (gap < 1) {
      throw new IllegalArgumentException("gap must be >= 1 but was " + gap);
    }
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in (0, 1) but was " + delta);
    }
    if (!(threshold >= 0 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be in [0, 1] but was " + threshold);
    }
    if (families.isEmpty()) {
      throw new IllegalArgumentException("families must not be empty");
    }
    families = Set.copyOf(EnumSet.copyOf(families));
  }

  /** Every family, with the given options. */
  public CurveRule(int startStep, int gap, double delta, double threshold) {
    this(startStep, gap, delta, threshold, EnumSet.allOf(CurveFamily.class));
  }

  @Override
  public Decision evaluate(StudyCurves study, TrialCurve trial) {
    int s = trial.steps();
    int m = trial.maxSteps();
    // Without a budget there is no final step to extrapolate to. The last step itself is left to
    // the shared guard (Guards.beforeFinalStep), so that every rule agrees on where it is.
    if (m <= 0 || s < startStep || (s - startStep) % gap != 0) {
      return Decision.keepGoing();
    }
    double best =
        study.completed().stream()
            .filter(t -> !t.trialId().equals(trial.trialId()))
            .mapToDouble(TrialCurve::last)
            .filter(Double::isFinite)
            .min()
            .orElse(Double.NaN);
    if (Double.isNaN(best)) {
      return Decision.keepGoing();
    }
    double bestSoFar = trial.bestUpTo(s);
    if (!(bestSoFar > best)) {
      return Decision.keepGoing();
    }
    CurveEnsemble.Prediction prediction = CurveEnsemble.predict(trial.losses(), m, ordered());
    if (prediction == null) {
      return Decision.keepGoing();
    }
    double mean = prediction.meanLoss();
    if (!(mean > best)) {
      return Decision.keepGoing();
    }
    double p = prediction.probabilityBelow(best);
    if (p < delta) {
      return Decision.stop(
          NAME,
          s,
          mean,
          best,
          Reason.of(
              "predicted final %s ± %.3g at step %d; P(beats best %s) = %.3g < delta %.3g",
              Reason.loss(mean), prediction.sdLoss(), m, Reason.loss(best), p, delta));
    }
    double ratio = goodnessRatio(mean, best);
    if (ratio < threshold) {
      return Decision.stop(
          NAME,
          s,
          mean,
          best,
          Reason.of(
              "predicted final %s at step %d is worse than the best %s by ratio %.4g < threshold %.3g",
              Reason.loss(mean), m, Reason.loss(best), ratio, threshold));
    }
    return Decision.keepGoing();
  }

  /**
   * Best/prediction for positive losses, prediction/best for negated positive metrics, else NaN.
   */
  static double goodnessRatio(double predicted, double best) {
    if (best > 0 && predicted > 0) {
      return best / predicted;
    }
    if (best < 0 && predicted < 0) {
      return predicted / best;
    }
    return Double.NaN;
  }

  /**
   * The families in declaration order, so that fits (and their rounding) do not depend on hashing.
   */
  private Set<CurveFamily> ordered() {
    return EnumSet.copyOf(families);
  }
}
