package io.streamtune.monitor.rules.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.monitor.StoppingRules;
import io.streamtune.monitor.rules.Decision;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StoppingRuleContract;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CurveRuleTest {

  private static final CurveRule DEFAULTS = new CurveRule(6, 1, 0.05, 0);
  private static final CurveRule NNI_RATIO = new CurveRule(6, 1, 0.05, 0.95);

  private static TrialCurve trial(
      int steps, int maxSteps, IntToDoubleFunction loss, double noise, Random r) {
    double[] v = new double[steps];
    for (int i = 0; i < steps; i++) {
      v[i] = loss.applyAsDouble(i + 1) + noise * r.nextGaussian();
    }
    return new TrialCurve("x", v, maxSteps, 0);
  }

  /**
   * One completed trial that reached {@code loss} at its second step and stayed there for 100
   * steps, so that it is ahead of the judged trial at every step the tests judge.
   */
  private static StudyCurves bestFinal(double loss) {
    double[] v = new double[100];
    Arrays.fill(v, loss);
    v[0] = 2 * loss + 1;
    return StudyCurves.of(List.of(new TrialCurve("c", v, 100, 0)));
  }

  @Test
  void shouldStopWhenExtrapolationIsClearlyWorseThanBest() {
    // Given a curve that plateaus at 1.0 (exponential approach) and a best completed final of 0.3
    Random random = new Random(1);
    TrialCurve t = trial(12, 50, x -> 1.0 + 1.5 * Math.exp(-0.5 * x), 0.005, random);
    // When
    Decision d = DEFAULTS.evaluate(bestFinal(0.3), t);
    // Then it stops, reporting the predicted final against the best: the median, a little below the
    // plateau (the families that keep improving slowly are not ruled out by 12 points), never above
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo("curve");
    assertThat(d.step()).isEqualTo(12);
    assertThat(d.value()).isBetween(0.85, 1.0);
    assertThat(d.threshold()).isEqualTo(0.3);
    assertThat(d.reason()).contains("delta");
  }

  /**
   * The sklearn replay stopped the eventual best trial in every order. Whatever the model
   * says, the trial that leads the study at its step is not stopped.
   */
  @Test
  void shouldNeverStopTheTrialThatLeadsTheStudyAtItsStepWhateverTheExtrapolation() {
    // Given the plateau at 1.0 that is stopped against a best final of 0.3 (the first test), and a
    // study whose completed trial only got below 1.0 late: it is behind the judged trial at step 12
    Random random = new Random(1);
    TrialCurve t = trial(12, 50, x -> 1.0 + 1.5 * Math.exp(-0.5 * x), 0.005, random);
    double[] late = new double[50];
    for (int i = 0; i < 50; i++) {
      late[i] = i < 30 ? 1.5 : 0.3;
    }
    StudyCurves behindAtTwelve = StudyCurves.of(List.of(new TrialCurve("c", late, 50, 0)));
    // When the trial leads at its step
    assertThat(behindAtTwelve.leads(t)).isTrue();
    // Then it continues, though P(beat 0.3) is tiny
    assertThat(DEFAULTS.evaluate(behindAtTwelve, t).stop()).isFalse();
    // And a running trial ahead of it at step 12 takes the lead away: then it is stopped
    double[] ahead = new double[12];
    Arrays.fill(ahead, 0.9);
    StudyCurves withLeader =
        new StudyCurves(behindAtTwelve.completed(), List.of(new TrialCurve("r", ahead, 50, 0)));
    assertThat(withLeader.leads(t)).isFalse();
    assertThat(DEFAULTS.evaluate(withLeader, t).stop()).isTrue();
  }

  @Test
  void shouldContinueWhenExtrapolationBeatsBestThoughCurrentValueIsWorse() {
    // Given loss 0.2 + 2·x^(−0.5): 0.83 at step 10, 0.4 at step 100; best completed final 0.5
    TrialCurve t = trial(10, 100, x -> 0.2 + 2 * Math.pow(x, -0.5), 0.002, new Random(3));
    assertThat(DEFAULTS.evaluate(bestFinal(0.5), t).stop()).isFalse();
  }

  @Test
  void shouldNeverStopTrialWhoseExtrapolationClearlyBeatsBest() {
    // Given 200 random power-law and exponential loss curves, each judged at a random step against
    // a
    // best final halfway between its (noise-free) current value and its true final value
    Random random = new Random(2015);
    int judged = 0;
    for (int k = 0; k < 200; k++) {
      double c = 0.1 + 0.2 * random.nextDouble();
      double a = 0.5 + 1.5 * random.nextDouble();
      double alpha = 0.3 + 0.7 * random.nextDouble();
      boolean power = random.nextBoolean();
      IntToDoubleFunction f =
          power ? x -> c + a * Math.pow(x, -alpha) : x -> c + a * Math.exp(-alpha * 0.3 * x);
      int m = 50;
      int s = 8 + random.nextInt(18);
      double now = f.applyAsDouble(s);
      double end = f.applyAsDouble(m);
      if (now - end < 0.05) {
        continue; // not "clearly" better: the curve has flattened
      }
      judged++;
      double best = end + 0.5 * (now - end);
      TrialCurve t = trial(s, m, f, 0.002, random);
      for (CurveRule rule : List.of(DEFAULTS, NNI_RATIO)) {
        assertThat(rule.evaluate(bestFinal(best), t).stop())
            .as(
                "curve %d (%s c=%.3f a=%.3f alpha=%.3f) at step %d, threshold %.2f",
                k, power ? "pow" : "exp", c, a, alpha, s, rule.threshold())
            .isFalse();
      }
    }
    assertThat(judged).isGreaterThan(50);
  }

  @Test
  void shouldContinueWhenAlreadyBetterThanBestOrNothingCompleted() {
    TrialCurve t = trial(10, 50, x -> 1.0 + Math.exp(-x), 0.0, new Random(4));
    assertThat(DEFAULTS.evaluate(bestFinal(1.2), t).stop()).isFalse();
    assertThat(DEFAULTS.evaluate(StudyCurves.of(List.of()), t).stop()).isFalse();
  }

  @Test
  void shouldJudgeOnlyFromStartStepEveryGap() {
    var rule = new CurveRule(6, 3, 0.05, 0.95);
    Random random = new Random(5);
    var study = bestFinal(0.3);
    assertThat(rule.evaluate(study, trial(5, 50, x -> 1.0 + Math.exp(-x), 0.001, random)).stop())
        .isFalse();
    assertThat(rule.evaluate(study, trial(6, 50, x -> 1.0 + Math.exp(-x), 0.001, random)).stop())
        .isTrue();
    assertThat(rule.evaluate(study, trial(7, 50, x -> 1.0 + Math.exp(-x), 0.001, random)).stop())
        .isFalse();
    assertThat(rule.evaluate(study, trial(9, 50, x -> 1.0 + Math.exp(-x), 0.001, random)).stop())
        .isTrue();
  }

  @Test
  void shouldReadRatioTestInLossOrientation() {
    // Positive loss: best 0.5, predicted 0.6 → ratio 0.5/0.6 = 0.833
    assertThat(CurveRule.goodnessRatio(0.6, 0.5)).isCloseTo(0.5 / 0.6, within(1e-12));
    // Negated accuracy: best −0.9, predicted −0.85 → 0.85/0.9 = 0.944 < 0.95 (NNI would stop)
    assertThat(CurveRule.goodnessRatio(-0.85, -0.9)).isCloseTo(0.85 / 0.9, within(1e-12));
    // Mixed signs: no ratio
    assertThat(CurveRule.goodnessRatio(0.1, -0.2)).isNaN();
  }

  @Test
  void shouldStopOnRatioWhenPredictionIsSlightlyWorseButUncertain() {
    // Given a negated accuracy levelling off at 0.80 after 8 noisy epochs: P(beat 0.9 by step 50)
    // is not below δ = 1e−9 (eight points cannot rule out a slow climb), but the median prediction
    // (about 0.84) is below 0.95 × 0.9, so the ratio test stops it; with threshold 0 it continues
    Random random = new Random(6);
    TrialCurve t = trial(8, 50, x -> -(0.80 - 0.5 * Math.exp(-0.6 * x)), 0.01, random);
    var study = bestFinal(-0.9);
    Decision d = new CurveRule(6, 1, 1e-9, 0.95).evaluate(study, t);
    assertThat(d.stop()).isTrue();
    assertThat(d.reason()).contains("threshold");
    assertThat(new CurveRule(6, 1, 1e-9, 0).evaluate(study, t).stop()).isFalse();
  }

  @Test
  void shouldDecideInMillisecondsOnFiftyPointCurves() {
    Random random = new Random(8);
    TrialCurve t = trial(50, 100, x -> 0.5 + 1.5 * Math.pow(x, -0.4), 0.01, random);
    var study = bestFinal(0.2);
    for (int i = 0; i < 20; i++) {
      DEFAULTS.evaluate(study, t); // JIT warm-up
    }
    long start = System.nanoTime();
    int n = 20;
    for (int i = 0; i < n; i++) {
      DEFAULTS.evaluate(study, t);
    }
    double msPerDecision = (System.nanoTime() - start) / 1e6 / n;
    // Typically 1–3 ms on a laptop core; the bound is loose so that a busy CI machine passes.
    assertThat(msPerDecision).isLessThan(30);
  }

  /**
   * The contract every rule keeps, for the curve rule with its defaults; it extrapolates to the
   * budget.
   */
  @Nested
  class Contract extends StoppingRuleContract {
    @Override
    protected StoppingRule rule() {
      return StoppingRules.create(CurveRule.NAME, Map.of());
    }

    @Override
    protected boolean needsBudget() {
      return true;
    }
  }
}
