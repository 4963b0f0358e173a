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

class PercentileRuleTest {

  private static final double NAN = Double.NaN;

  // Five completed trials; raw values at step 2 are 5, 1, 3, 2, 4 → sorted 1 2 3 4 5.
  private static final StudyCurves FIVE =
      StudyCurves.of(
          List.of(
              curve("a", 3, 9, 5, 0),
              curve("b", 3, 9, 1, 0),
              curve("c", 3, 9, 3, 0),
              curve("d", 3, 9, 2, 0),
              curve("e", 3, 9, 4, 0)));

  @Test
  void shouldCompareBestSoFarWithMedianOfRawValuesWhenPercentileIs50() {
    var rule = PercentileRule.defaults();
    Decision d = rule.evaluate(FIVE, curve("x", 10, 3.5, 3.2));
    assertThat(d.stop()).isTrue();
    assertThat(d.rule()).isEqualTo("percentile");
    assertThat(d.threshold()).isEqualTo(3);
    assertThat(d.value()).isEqualTo(3.2);
    assertThat(rule.evaluate(FIVE, curve("x", 10, 3.5, 3)).stop()).isFalse();
  }

  @Test
  void shouldInterpolatePercentileWhenBetweenValues() {
    // Given p = 25 over 1..5: h = 0.25·4 = 1 → 2; p = 30: h = 1.2 → 2.2
    assertThat(
            new PercentileRule(25, 5, 0, 1, 1).evaluate(FIVE, curve("x", 10, 9, 2.1)).threshold())
        .isEqualTo(2);
    Decision d = new PercentileRule(30, 5, 0, 1, 1).evaluate(FIVE, curve("x", 10, 9, 2.3));
    assertThat(d.stop()).isTrue();
    assertThat(d.threshold()).isCloseTo(2.2, within(1e-12));
    assertThat(new PercentileRule(30, 5, 0, 1, 1).evaluate(FIVE, curve("x", 10, 9, 2.2)).stop())
        .isFalse();
  }

  @Test
  void shouldContinueWhenFewerThanStartupTrialsCompleted() {
    var rule = new PercentileRule(50, 6, 0, 1, 1);
    assertThat(rule.evaluate(FIVE, curve("x", 10, 100, 100)).stop()).isFalse();
  }

  @Test
  void shouldContinueDuringWarmUpAndBetweenIntervals() {
    // n_warmup_steps 2, interval 2: judged at steps 2, 4, 6, … only
    var rule = new PercentileRule(50, 1, 2, 2, 1);
    var study = StudyCurves.of(flat(8, 1));
    assertThat(rule.evaluate(study, curve("x", 10, 5)).stop()).isFalse();
    assertThat(rule.evaluate(study, curve("x", 10, 5, 5)).stop()).isTrue();
    assertThat(rule.evaluate(study, curve("x", 10, 5, 5, 5)).stop()).isFalse();
    assertThat(rule.evaluate(study, curve("x", 10, 5, 5, 5, 5)).stop()).isTrue();
  }

  @Test
  void shouldIgnoreCompletedTrialsWithoutStepAndNaNValues() {
    // Given only two trials reached step 3, one of them NaN there
    var study =
        StudyCurves.of(
            List.of(
                curve("a", 2, 0, 0),
                curve("b", 2, 0, 0),
                curve("c", 3, 0, 0, 4),
                curve("d", 3, 0, 0, NAN)));
    // When n_min_trials is 2: one finite value → continue
    assertThat(new PercentileRule(50, 1, 0, 1, 2).evaluate(study, curve("x", 10, 9, 9, 9)).stop())
        .isFalse();
    // And with 1 the threshold is that value
    Decision d = new PercentileRule(50, 1, 0, 1, 1).evaluate(study, curve("x", 10, 9, 9, 9));
    assertThat(d.stop()).isTrue();
    assertThat(d.threshold()).isEqualTo(4);
  }

  @Test
  void shouldNameThePercentileOfTheMetricWhenTheMetricIsMaximised() {
    // Given the 25th percentile of losses, which is the 75th of a maximised metric's values
    var rule = new PercentileRule(25, 5, 0, 1, 1);
    // When a trial worse than it is stopped
    Decision d = rule.evaluate(FIVE, curve("x", 10, 9, 9));
    // Then the reason names the percentile and the values in each orientation
    assertThat(d.stop()).isTrue();
    assertThat(d.reason(false))
        .isEqualTo("best so far 9 is worse than percentile 25 (2) of 5 completed trials at step 2");
    assertThat(d.reason(true))
        .isEqualTo(
            "best so far -9 is worse than percentile 75 (-2) of 5 completed trials at step 2");
  }

  @Test
  void shouldNameOptionWhenInvalid() {
    assertThatThrownBy(() -> new PercentileRule(120, 5, 0, 1, 1))
        .hasMessage("percentile must be in [0, 100] but was 120.0");
    assertThatThrownBy(() -> new PercentileRule(50, 5, 0, 0, 1))
        .hasMessage("interval_steps must be >= 1 but was 0");
    assertThatThrownBy(() -> new PercentileRule(50, -1, 0, 1, 1))
        .hasMessage("n_startup_trials must be >= 0 but was -1");
  }

  /** The contract every rule keeps, for the percentile rule with its defaults. */
  @Nested
  class Contract extends StoppingRuleContract {
    @Override
    protected StoppingRule rule() {
      return StoppingRules.create(PercentileRule.NAME, Map.of());
    }
  }
}
