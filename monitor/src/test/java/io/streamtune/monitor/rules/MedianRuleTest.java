package io.streamtune.monitor.rules;

import static io.streamtune.monitor.rules.Curves.curve;
import static io.streamtune.monitor.rules.Curves.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.monitor.StoppingRules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MedianRuleTest {

  private static final double NAN = Double.NaN;

  // Three completed trials with hand-computed running averages at step 2 and 3:
  //   a = (1, 3, 5): r̄(2) = 2,   r̄(3) = 3
  //   b = (2, 2, 2): r̄(2) = 2,   r̄(3) = 2
  //   c = (6, 4, 2): r̄(2) = 5,   r̄(3) = 4
  private static final List<TrialCurve> THREE =
      List.of(curve("a", 3, 1, 3, 5), curve("b", 3, 2, 2, 2), curve("c", 3, 6, 4, 2));

  @Test
  void shouldStopWhenBestIsAboveOddMedianOfRunningAverages() {
    // Given medians at step 2: {2, 2, 5} → 2; the trial's best over (4, 2.5) is 2.5 > 2
    var rule = new MedianRule(3, 1);
    // When
    Decision d = rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 4, 2.5));
    // Then
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo("median");
    assertThat(d.step()).isEqualTo(2);
    assertThat(d.value()).isEqualTo(2.5);
    assertThat(d.threshold()).isEqualTo(2);
  }

  @Test
  void shouldUseRunningAveragesNotRawValuesWhenComputingMedian() {
    // Given at step 3 the raw values are {5, 2, 2} (median 2) but running averages {3, 2, 4}
    // (median 3)
    var rule = new MedianRule(3, 1);
    // When the trial's best is 2.5: worse than the raw median, better than the Vizier one
    Decision d = rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 9, 9, 2.5));
    // Then
    assertThat(d.stop()).isFalse();
  }

  @Test
  void shouldAverageMiddleRunningAveragesWhenCountIsEven() {
    // Given four completed trials with running averages 1, 2, 4, 8 at step 1: median (2 + 4)/2 = 3
    var rule = new MedianRule(4, 1);
    var study = StudyCurves.of(flat(3, 1, 2, 4, 8));
    // Then 3.0001 stops with threshold 3, and 3 itself continues
    Decision d = rule.evaluate(study, curve("x", 10, 3.0001));
    assertThat(d.stop()).isTrue();
    assertThat(d.threshold()).isEqualTo(3);
    assertThat(rule.evaluate(study, curve("x", 10, 3)).stop()).isFalse();
  }

  @Test
  void shouldContinueWhenBestEqualsMedianBecauseComparisonIsStrict() {
    var rule = new MedianRule(3, 1);
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 7, 2)).stop()).isFalse();
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 7, Math.nextUp(2.0))).stop())
        .isTrue();
  }

  @Test
  void shouldUseBestSoFarNotLastValueWhenJudgingTrial() {
    // Given the trial's last value 9 is terrible, but its best 1 beats the median 2
    var rule = new MedianRule(3, 1);
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 1, 9)).stop()).isFalse();
  }

  @Test
  void shouldContinueWhenFewerThanMinTrialsCompleted() {
    var rule = new MedianRule(4, 1);
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 100, 100)).stop()).isFalse();
  }

  @Test
  void shouldContinueWhenStepIsBelowMinStep() {
    var rule = new MedianRule(3, 3);
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 100, 100)).stop()).isFalse();
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, 100, 100, 100)).stop()).isTrue();
  }

  @Test
  void shouldExcludeCompletedTrialsWithFewerStepsWhenComputingMedian() {
    // Given two short trials (2 steps) that would pull the median down, and three long ones
    var study =
        StudyCurves.of(
            List.of(
                curve("s1", 2, 0, 0),
                curve("s2", 2, 0, 0),
                curve("l1", 4, 3, 3, 3, 3),
                curve("l2", 4, 4, 4, 4, 4),
                curve("l3", 4, 5, 5, 5, 5)));
    var rule = new MedianRule(3, 1);
    // When judged at step 3: only l1..l3 count, median 4
    Decision d = rule.evaluate(study, curve("x", 10, 4.5, 4.5, 4.5));
    // Then
    assertThat(d.stop()).isTrue();
    assertThat(d.threshold()).isEqualTo(4);
    // And at step 3 with min_trials 4 there are only three eligible trials: continue
    assertThat(new MedianRule(4, 1).evaluate(study, curve("x", 10, 4.5, 4.5, 4.5)).stop())
        .isFalse();
  }

  @Test
  void shouldDropReferenceAveragesContainingNaN() {
    // Given c has a NaN at step 1, so its running average at step 2 is NaN and it is left out
    var study =
        StudyCurves.of(
            List.of(curve("a", 3, 1, 1, 1), curve("b", 3, 3, 3, 3), curve("c", 3, NAN, 0, 0)));
    // When min_trials is 3 there are only two finite averages: continue
    assertThat(new MedianRule(3, 1).evaluate(study, curve("x", 10, 9, 9)).stop()).isFalse();
    // And with 2 the median is (1 + 3)/2 = 2
    Decision d = new MedianRule(2, 1).evaluate(study, curve("x", 10, 9, 9));
    assertThat(d.stop()).isTrue();
    assertThat(d.threshold()).isEqualTo(2);
  }

  @Test
  void shouldSkipAGapInTheTrialWhenTakingItsBestSoFar() {
    // Given a trial whose step 1 never arrived (a gap, NaN) and whose step 2 beats the median 2
    var rule = new MedianRule(3, 1);
    // Then it continues: the gap is no one's best, and a reported NaN is Guards.diverged's business
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, NAN, 1)).stop()).isFalse();
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 10, NAN, 3)).stop()).isTrue();
  }

  @Test
  void shouldNeverStopAtFinalStep() {
    // Given the median rule behind the one final-step guard, as StoppingRules builds it
    var rule = Guards.beforeFinalStep(new MedianRule(3, 1));
    assertThat(rule.evaluate(StudyCurves.of(THREE), curve("x", 2, 100, 100)).stop()).isFalse();
  }

  @Test
  void shouldMatchHandComputedMedianOnRealisticCurves() {
    // Given five completed loss curves; running averages at step 4:
    //   (2.0, 1.5, 1.2, 1.1) → 5.8/4 = 1.45     (2.2, 1.4, 1.0, 0.9) → 5.5/4 = 1.375
    //   (1.8, 1.7, 1.6, 1.5) → 6.6/4 = 1.65     (2.5, 2.0, 1.5, 1.0) → 7.0/4 = 1.75
    //   (2.1, 1.3, 1.1, 1.0) → 5.5/4 = 1.375    sorted: 1.375 1.375 1.45 1.65 1.75 → median 1.45
    var study =
        StudyCurves.of(
            List.of(
                curve("a", 4, 2.0, 1.5, 1.2, 1.1),
                curve("b", 4, 2.2, 1.4, 1.0, 0.9),
                curve("c", 4, 1.8, 1.7, 1.6, 1.5),
                curve("d", 4, 2.5, 2.0, 1.5, 1.0),
                curve("e", 4, 2.1, 1.3, 1.1, 1.0)));
    Decision d = new MedianRule(5, 1).evaluate(study, curve("x", 10, 2.4, 2.0, 1.8, 1.5));
    assertThat(d.stop()).isTrue();
    assertThat(d.threshold()).isCloseTo(1.45, within(1e-12));
    assertThat(d.value()).isEqualTo(1.5);
    assertThat(new MedianRule(5, 1).evaluate(study, curve("x", 10, 2.4, 2.0, 1.8, 1.44)).stop())
        .isFalse();
  }

  @Test
  void shouldNameOptionWhenInvalid() {
    assertThatThrownBy(() -> new MedianRule(0, 1)).hasMessage("min_trials must be >= 1 but was 0");
    assertThatThrownBy(() -> new MedianRule(1, 0)).hasMessage("min_step must be >= 1 but was 0");
  }

  /** The contract every rule keeps, for the median rule with its defaults. */
  @Nested
  class Contract extends StoppingRuleContract {
    @Override
    protected StoppingRule rule() {
      return StoppingRules.create(MedianRule.NAME, Map.of());
    }
  }
}
