package io.streamtune.monitor.rules.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.monitor.StoppingRules;
import io.streamtune.monitor.rules.Decision;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StoppingRuleContract;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ShCurveRuleTest {

  private static final ShCurveRule DEFAULTS = new ShCurveRule(1, 6, 0.9, 3, 0.1);

  /** Eleven completed flat trials at losses 1..11, over a budget of 20. */
  private static List<TrialCurve> elevenCompleted() {
    List<TrialCurve> out = new ArrayList<>();
    for (int k = 1; k <= 11; k++) {
      double[] v = new double[20];
      Arrays.fill(v, k);
      out.add(new TrialCurve("c" + k, v, 20, 0));
    }
    return out;
  }

  private static TrialCurve rename(TrialCurve t, String id) {
    return new TrialCurve(id, t.losses(), t.maxSteps(), t.bracket());
  }

  private static TrialCurve plateau(int steps, double level, long seed) {
    Random random = new Random(seed);
    double[] v = new double[steps];
    for (int i = 0; i < steps; i++) {
      v[i] = level + 3 * Math.exp(-(i + 1)) + 0.01 * random.nextGaussian();
    }
    return new TrialCurve("x", v, 20, 0);
  }

  @Test
  void shouldCutAtTheFirstStepWhenConfidentlyOutsideTheTopSixth() {
    // Given eleven trials at 1..11 at step 1 (the 90 % bound of the top sixth is the 5th, 5)
    StudyCurves study = StudyCurves.of(elevenCompleted());
    // When trials report 4.5 and 9 at step 1
    // Then the first continues and the second is stopped, as sh-curve
    assertThat(DEFAULTS.evaluate(study, new TrialCurve("x", new double[] {4.5}, 20, 0)).stop())
        .isFalse();
    Decision d = DEFAULTS.evaluate(study, new TrialCurve("x", new double[] {9}, 20, 0));
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo(ShCurveRule.NAME);
    assertThat(d.threshold()).isEqualTo(5);
  }

  @Test
  void shouldJudgeOnlyTheRungValueAtTheSecondStepWhenTooFewPointsToExtrapolate() {
    StudyCurves study = StudyCurves.of(elevenCompleted());
    assertThat(DEFAULTS.evaluate(study, new TrialCurve("x", new double[] {4.5, 50}, 20, 0)).stop())
        .isFalse();
    Decision d = DEFAULTS.evaluate(study, new TrialCurve("x", new double[] {9, 0.5}, 20, 0));
    assertThat(d.stop()).as("0.5 at step 2 leads the study there").isFalse();
  }

  @Test
  void shouldStopAgainstAnUnfinishedRivalWhenNoTrialHasCompleted() {
    // Given no completed trial, and a rival at step 10 of 20 that plateaus at 1
    TrialCurve rival = rename(plateau(10, 1, 7), "rival");
    StudyCurves study = new StudyCurves(List.of(), List.of(rival));
    TrialCurve t = plateau(8, 4, 3);
    // When a trial that plateaus at 4 is judged at steps 3..8
    Decision d = Decision.keepGoing();
    for (int s = 3; s <= 8 && !d.stop(); s++) {
      d = DEFAULTS.evaluate(study, new TrialCurve("x", Arrays.copyOf(t.losses(), s), 20, 0));
    }
    // Then it is stopped against the rival's likely final, near 1, under this rule's name
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo(ShCurveRule.NAME);
    assertThat(d.threshold()).isBetween(1.0, 1.1);
    assertThat(d.value()).as("the predicted median").isBetween(3.5, 4.5);
    assertThat(d.reason()).contains("rival, unfinished at step 10", "< delta/2 0.05");
  }

  @Test
  void shouldContinueWhenARivalIsNotConfidentlyBetter() {
    // Given a rival that plateaus at 1 and a trial just behind it, at 1.02, with the same noise
    StudyCurves study = new StudyCurves(List.of(), List.of(rename(plateau(10, 1, 7), "rival")));
    TrialCurve t = plateau(10, 1.02, 3);
    // Then the trial is never stopped at steps 3..10
    for (int s = 3; s <= 10; s++) {
      TrialCurve prefix = new TrialCurve("x", Arrays.copyOf(t.losses(), s), 20, 0);
      assertThat(DEFAULTS.evaluate(study, prefix).stop()).as("step %d", s).isFalse();
    }
  }

  @Test
  void shouldJudgeAFlatCurveByItsRungWhenItCannotBeExtrapolated() {
    // Given eleven completed trials at 1..11, and a run stuck at 9 (chance level) for 5 steps,
    // which the first cut let through when it was one of the first trials
    StudyCurves study = StudyCurves.of(elevenCompleted());
    TrialCurve stuck = new TrialCurve("x", new double[] {9, 9, 9, 9, 9}, 20, 0);
    // When it is judged
    Decision d = DEFAULTS.evaluate(study, stuck);
    // Then its level at step 1 is confidently outside the top sixth, so it is stopped
    assertThat(d.stop()).isTrue();
    assertThat(d.threshold()).isEqualTo(5);
    assertThat(d.reason()).contains("its last rung");
  }

  @Test
  void shouldStopByExtrapolationFromTheThirdStepUnderItsOwnName() {
    // Given the best completed final of 1, and a trial that plateaus at 4 (judged from step 3: its
    // cut at step 1 is the first test's business)
    StudyCurves study = StudyCurves.of(elevenCompleted());
    TrialCurve t = plateau(8, 4, 3);
    // When it is judged at steps 3..8
    Decision d = Decision.keepGoing();
    for (int s = 3; s <= 8 && !d.stop(); s++) {
      d = DEFAULTS.evaluate(study, new TrialCurve("x", Arrays.copyOf(t.losses(), s), 20, 0));
    }
    // Then the curve test stops it, and the decision carries this rule's name, which trainers obey
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo(ShCurveRule.NAME);
    assertThat(d.threshold()).isEqualTo(1);
    assertThat(d.reason()).contains("P(beats the best 1)");
  }

  @Test
  void shouldNeverStopTheTrialThatLeadsAtItsStepInAnyPhase() {
    // Given completed trials that were all at 100 until step 10
    List<TrialCurve> late = new ArrayList<>();
    for (TrialCurve c : elevenCompleted()) {
      double[] v = c.losses().clone();
      Arrays.fill(v, 0, 10, 100);
      late.add(new TrialCurve(c.trialId(), v, 20, 0));
    }
    StudyCurves study = StudyCurves.of(late);
    TrialCurve t = plateau(8, 50, 3);
    // Then a trial far worse than every final, but ahead of all of them at its step, continues
    for (int s = 1; s <= 8; s++) {
      TrialCurve prefix = new TrialCurve("x", Arrays.copyOf(t.losses(), s), 20, 0);
      assertThat(DEFAULTS.evaluate(study, prefix).stop()).as("step %d", s).isFalse();
    }
  }

  @Test
  void shouldCheckEveryOptionWhenBuilt() {
    assertThatThrownBy(() -> new ShCurveRule(1, 1, 0.9, 3, 0.1)).hasMessageContaining("eta");
    assertThatThrownBy(() -> new ShCurveRule(1, 6, 0, 3, 0.1)).hasMessageContaining("confidence");
    assertThatThrownBy(() -> new ShCurveRule(1, 6, 0.9, 2, 0.1)).hasMessageContaining("start_step");
    assertThatThrownBy(() -> new ShCurveRule(1, 6, 0.9, 3, 1)).hasMessageContaining("delta");
  }

  /** The contract every rule keeps, for sh-curve with its defaults. */
  @Nested
  class Contract extends StoppingRuleContract {
    @Override
    protected StoppingRule rule() {
      return StoppingRules.create(ShCurveRule.NAME, Map.of());
    }

    @Override
    protected boolean needsBudget() {
      return true;
    }
  }
}
