package io.streamtune.monitor.rules;

import static io.streamtune.monitor.rules.Curves.bracketed;
import static io.streamtune.monitor.rules.Curves.curve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.monitor.StoppingRules;
import io.streamtune.spec.HyperbandBrackets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AshaRuleTest {

  @Test
  void shouldPlaceRungsAtMinResourceTimesEtaPowersBelowBudget() {
    assertThat(AshaRule.asha(1, 3, 0).rungs(0, 27)).containsExactly(1, 3, 9);
    assertThat(AshaRule.asha(1, 3, 0).rungs(1, 27)).containsExactly(3, 9);
    assertThat(AshaRule.asha(2, 2, 0).rungs(0, 20)).containsExactly(2, 4, 8, 16);
    assertThat(AshaRule.asha(1, 3, 0).rungs(3, 27)).isEmpty();
  }

  /**
   * Worked example, η = 2, r = 1, budget 8 (rungs at steps 1, 2, 4). Eight trials arrive one after
   * another; their losses at step 1 are 5, 3, 8, 1, 4, 7, 2, 6 (trial t_i has value v_i at every
   * step). At rung 0 the arrival i sees n = i values including its own and continues iff it is
   * within the best max(⌊n/2⌋, 1):
   *
   * <pre>
   *  t0: {5}             top 1 → 5       continue
   *  t1: {3,5}           top 1 → 3       continue
   *  t2: {3,5,8}         top 1 → 3       8 stop
   *  t3: {1,3,5,8}       top 2 → 3       continue
   *  t4: {1,3,4,5,8}     top 2 → 3       4 stop
   *  t5: {1,3,4,5,7,8}   top 3 → 4       7 stop
   *  t6: {1,2,3,4,5,7,8} top 3 → 3       continue
   *  t7: {1..8}          top 4 → 4       6 stop
   * </pre>
   *
   * Survivors t0, t1, t3, t6 reach rung 1 (step 2) in that order: t0 {5} continues, t1 {3,5}
   * continues, t3 {1,3,5} continues (top 1 = 1), t6 {1,2,3,5} top 2 → 2 continues. At rung 2 (step
   * 4): t0 {5} continues, t1 {3,5} top 1 → 3 continues, t3 {1,3,5} continues, t6 {1,2,3,5} top 2 →
   * 2 continues. Note that t0, the worst survivor, keeps going because it arrived first: ASHA's
   * known price for never waiting, which later, larger rungs correct.
   */
  @Test
  void shouldPromoteTopOneOverEtaOnWorkedExample() {
    var rule = AshaRule.asha(1, 2, 0);
    double[] v = {5, 3, 8, 1, 4, 7, 2, 6};
    List<TrialCurve> seen = new ArrayList<>();
    List<Integer> stoppedAtRung0 = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      TrialCurve t = curve("t" + i, 8, v[i]);
      Decision d = rule.evaluate(new StudyCurves(List.of(), seen), t);
      if (d.stop()) {
        stoppedAtRung0.add(i);
      }
      seen.add(t);
    }
    assertThat(stoppedAtRung0).containsExactly(2, 4, 5, 7);

    // Survivors advance through rungs 1 and 2 in arrival order.
    for (int step : new int[] {2, 4}) {
      List<TrialCurve> others = new ArrayList<>(seen);
      for (int i : new int[] {0, 1, 3, 6}) {
        double[] c = new double[step];
        Arrays.fill(c, v[i]);
        TrialCurve t = curve("t" + i, 8, c);
        others.removeIf(o -> o.trialId().equals(t.trialId()));
        assertThat(rule.evaluate(new StudyCurves(List.of(), others), t).stop())
            .as("t%d at step %d", i, step)
            .isFalse();
        others.add(t);
      }
    }
  }

  @Test
  void shouldReportCutoffAndRungWhenStopping() {
    var rule = AshaRule.asha(1, 2, 0);
    var others = List.of(curve("a", 8, 1), curve("b", 8, 3), curve("c", 8, 5));
    Decision d = rule.evaluate(new StudyCurves(List.of(), others), curve("x", 8, 4));
    // n = 4, top 2 of {1,3,4,5} → cutoff 3
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo("asha");
    assertThat(d.step()).isEqualTo(1);
    assertThat(d.value()).isEqualTo(4);
    assertThat(d.threshold()).isEqualTo(3);
  }

  @Test
  void shouldContinueWhenFirstInRungAndRequireBestWhileFewerThanEta() {
    var rule = AshaRule.asha(1, 4, 0);
    assertThat(rule.evaluate(StudyCurves.of(List.of()), curve("x", 8, 100)).stop()).isFalse();
    var one = new StudyCurves(List.of(curve("a", 8, 2)), List.of(curve("b", 8, 3)));
    assertThat(rule.evaluate(one, curve("x", 8, 2)).stop()).isFalse(); // ties continue
    assertThat(rule.evaluate(one, curve("x", 8, 2.5)).stop()).isTrue();
  }

  @Test
  void shouldOnlyJudgeAtRungSteps() {
    var rule = AshaRule.asha(1, 3, 0);
    var others =
        List.of(curve("a", 27, 0, 0, 0, 0), curve("b", 27, 0, 0, 0, 0), curve("c", 27, 0, 0, 0, 0));
    var study = new StudyCurves(List.of(), others);
    assertThat(rule.evaluate(study, curve("x", 27, 9)).stop()).isTrue();
    assertThat(rule.evaluate(study, curve("x", 27, 9, 9)).stop()).isFalse();
    assertThat(rule.evaluate(study, curve("x", 27, 9, 9, 9)).stop()).isTrue();
    assertThat(rule.evaluate(study, curve("x", 27, 9, 9, 9, 9)).stop()).isFalse();
  }

  @Test
  void shouldStartRungsLaterWhenMinEarlyStoppingRateIsSet() {
    var rule = AshaRule.asha(1, 2, 1);
    var study = new StudyCurves(List.of(), List.of(curve("a", 8, 0, 0), curve("b", 8, 0, 0)));
    assertThat(rule.evaluate(study, curve("x", 8, 9)).stop()).isFalse();
    assertThat(rule.evaluate(study, curve("x", 8, 9, 9)).stop()).isTrue();
  }

  @Test
  void shouldIgnoreNonFiniteCompetitorsWhenTheyDivergedAtTheRung() {
    // Given the only competitors at rung 0 diverged there (NaN, and −∞, which would look best)
    var rule = AshaRule.asha(1, 2, 0);
    var study =
        new StudyCurves(
            List.of(), List.of(curve("a", 8, Double.NaN), curve("b", 8, Double.NEGATIVE_INFINITY)));
    // Then the rung is empty for a finite value, which continues
    assertThat(rule.evaluate(study, curve("x", 8, 100)).stop()).isFalse();
  }

  @Test
  void shouldCompeteOnlyWithinBracketWhenHyperband() {
    var rule = AshaRule.hyperband(1, 2);
    var study =
        new StudyCurves(
            List.of(),
            List.of(
                bracketed("a", 8, 0, 1, 1),
                bracketed("b", 8, 1, 9, 9),
                bracketed("c", 8, 1, 8, 8)));
    // Bracket 0: rungs 1, 2, 4; competitor a (1) is better → x (5) stops at step 1 as second of 2
    Decision d = rule.evaluate(study, bracketed("x", 8, 0, 5));
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo("hyperband");
    // Bracket 1: no rung at step 1; at step 2 it beats b and c: n = 3, top 1 → 5 continues
    assertThat(rule.evaluate(study, bracketed("x", 8, 1, 5)).stop()).isFalse();
    assertThat(rule.evaluate(study, bracketed("x", 8, 1, 5, 5)).stop()).isFalse();
    // Bracket 3: the first rung (8) is the budget: never stops
    assertThat(rule.evaluate(study, bracketed("x", 8, 3, 99, 99, 99, 99)).stop()).isFalse();
  }

  @Test
  void shouldNameOptionWhenInvalid() {
    assertThatThrownBy(() -> AshaRule.asha(1, 1, 0)).hasMessage("eta must be > 1 but was 1");
    assertThatThrownBy(() -> AshaRule.asha(0, 3, 0))
        .hasMessage("min_resource must be >= 1 but was 0");
    assertThatThrownBy(() -> AshaRule.asha(1, 3, -1))
        .hasMessage("min_early_stopping_rate must be >= 0 but was -1");
  }

  @Test
  void shouldCountAndWeighHyperbandBracketsLikeOptuna() {
    // R/r = 27, η = 3 → ⌊log_3 27⌋ + 1 = 4 brackets; weights ⌈4·3^(3−b)/(4−b)⌉ = 27, 12, 6, 4
    assertThat(HyperbandBrackets.count(1, 27, 3)).isEqualTo(4);
    assertThat(HyperbandBrackets.count(1, 26, 3)).isEqualTo(3);
    assertThat(HyperbandBrackets.weight(0, 4, 3)).isEqualTo(27);
    assertThat(HyperbandBrackets.weight(1, 4, 3)).isEqualTo(12);
    assertThat(HyperbandBrackets.weight(2, 4, 3)).isEqualTo(6);
    assertThat(HyperbandBrackets.weight(3, 4, 3)).isEqualTo(4);
  }

  /** The contract every rule keeps, for ASHA with its defaults; its rungs lie below the budget. */
  @Nested
  class AshaContract extends StoppingRuleContract {
    @Override
    protected StoppingRule rule() {
      return StoppingRules.create(AshaRule.NAME, Map.of());
    }

    @Override
    protected boolean needsBudget() {
      return true;
    }
  }

  /** The contract every rule keeps, for Hyperband with its defaults. */
  @Nested
  class HyperbandContract extends StoppingRuleContract {
    @Override
    protected StoppingRule rule() {
      return StoppingRules.create(AshaRule.HYPERBAND, Map.of());
    }

    @Override
    protected boolean needsBudget() {
      return true;
    }
  }
}
