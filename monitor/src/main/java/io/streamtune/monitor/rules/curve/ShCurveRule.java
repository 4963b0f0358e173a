package io.streamtune.monitor.rules.curve;

import io.streamtune.monitor.rules.ConfidentHalving;
import io.streamtune.monitor.rules.Decision;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.EnumSet;

/**
 * Successive halving until a curve can be extrapolated, then the curve posterior against finished
 * and unfinished trials: a rule meant to save at least 3× the epochs without ever losing the best
 * trial.
 *
 * <p>Notation: trial x at step s with budget m; b_x(s) its best so far; r, η, 1 − α the halving's
 * first rung, reduction factor and confidence; s₀ = {@code startStep}; δ the curve test's level.
 *
 * <ol>
 *   <li>s &lt; s₀ (too few points to extrapolate): stop x if its value at its latest rung r·η^k ≤ s
 *       is confidently outside the top 1/η of all configurations, judged against every trial that
 *       has reached that rung by now ({@link ConfidentHalving}, after Li et al., "A System for
 *       Massively Parallel Hyperparameter Tuning", MLSys 2020, with an order-statistic bound
 *       instead of the sample cutoff). With r = 1 this is the cut after the first epoch, asked
 *       again at step 2 as more trials reach it, which is where most of the savings of ASHA come
 *       from on real curves, and where nothing else can be known about a trial than its level.
 *   <li>s ≥ s₀: Domhan, Springenberg and Hutter's test (IJCAI 2015) with the posterior of {@link
 *       CurvePosterior}, at every step: stop iff P(ℓ_x(m) &lt; ℓ̂) &lt; δ, ℓ̂ the best completed
 *       final ({@link CurveRule} with start_step s₀, gap 1, no ratio test);
 *   <li>then the same test against unfinished rivals: stop iff P(ℓ_x(m) &lt; q_τ) &lt; δ/2 for a
 *       rival τ whose final is below q_τ with probability 1 − δ/2, so that P(x beats τ) &lt; δ
 *       ({@link RivalForecast}, as freeze-thaw compares predicted asymptotes);
 *   <li>a curve without an extrapolation (flat: a run stuck at chance level) is judged by 1.
 * </ol>
 *
 * <p>No step stops the trial that leads the study at its step (no other trial that reached s has a
 * better best so far), the one the study loses when a rule is wrong.
 *
 * <p>Why the parts: a rank says nothing about how a curve will go on, so ASHA's later rungs stop
 * late bloomers and trials whose noisy final will be the best (the sklearn replay, the
 * lstm-stock curves); an extrapolation needs a few points, so the curve rule alone runs every trial
 * for s₀ epochs and saves about 2×, as Domhan et al. report. The halving cut decides only where
 * extrapolation cannot, and with a margin for its small samples; the posterior decides the rest
 * with the trial's own curve and its own noise. Without 3 and 4 the start of a study was wasted:
 * nothing had completed, so nothing could be extrapolated against, and flat curves ran to the end.
 */
public record ShCurveRule(int minResource, int eta, double confidence, int startStep, double delta)
    implements StoppingRule {

  public static final String NAME = "sh-curve";

  public ShCurveRule {
    // The parts check their own options; built here so that a bad one fails at construction.
    new ConfidentHalving(minResource, eta, confidence);
    new CurveRule(startStep, 1, delta, 0);
  }

  @Override
  public Decision evaluate(StudyCurves study, TrialCurve trial) {
    ConfidentHalving halving = new ConfidentHalving(minResource, eta, confidence);
    if (trial.steps() < startStep || trial.maxSteps() <= 0) {
      return halving.evaluate(study, trial, NAME);
    }
    Decision d =
        new CurveRule(startStep, 1, delta, 0, EnumSet.allOf(CurveFamily.class))
            .evaluate(study, trial);
    if (d.stop()) {
      return Decision.stop(NAME, d.step(), d.value(), d.threshold(), d.why());
    }
    if (study.leads(trial)) {
      return Decision.keepGoing();
    }
    CurvePosterior own =
        CurvePosterior.of(trial.losses(), trial.maxSteps(), EnumSet.allOf(CurveFamily.class));
    if (own == null) {
      return halving.evaluate(study, trial, NAME);
    }
    return RivalForecast.evaluate(study, trial, own, startStep, delta, NAME);
  }
}
