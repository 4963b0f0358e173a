package io.streamtune.monitor.rules;

import static io.streamtune.monitor.rules.Curves.curve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfidentHalvingTest {

  private static final ConfidentHalving SIXTH = new ConfidentHalving(1, 6, 0.9);

  /** Eleven other trials at step 1 with losses 1, 2, …, 11; the judged one makes twelve. */
  private static StudyCurves elevenAtStepOne() {
    List<TrialCurve> others = new ArrayList<>();
    for (int k = 1; k <= 11; k++) {
      others.add(curve("o" + k, 20, k));
    }
    return new StudyCurves(List.of(), others);
  }

  @Test
  void shouldPlaceRungsLikeAshaBelowTheBudget() {
    assertThat(SIXTH.isRung(1, 20)).isTrue();
    assertThat(SIXTH.isRung(6, 20)).isTrue();
    assertThat(SIXTH.isRung(36, 20)).isFalse();
    assertThat(SIXTH.isRung(2, 20)).isFalse();
    assertThat(SIXTH.isRung(1, 1)).as("not at the last step").isFalse();
  }

  @Test
  void shouldStopOnlyBeyondTheFifthOfTwelveWhenNinetyPercentSureOfTheTopSixth() {
    // Given twelve values at step 1: the 90 % bound of the population's top sixth is the 5th
    // smallest (P(Bin(12, 1/6) ≤ 4) = 0.964, ≤ 3 = 0.875); ASHA would keep only the 2nd
    StudyCurves study = elevenAtStepOne();
    // When the judged trial is at 5 (the bound, tied) or at 5.5 (just past it, so the bound is 5)
    Decision atBound = SIXTH.evaluate(study, curve("x", 20, 5), "sh-curve");
    Decision past = SIXTH.evaluate(study, curve("x", 20, 5.5), "sh-curve");
    // Then the first continues and the second is stopped against the bound, under the given name
    assertThat(atBound.stop()).isFalse();
    assertThat(past.stop()).isTrue();
    assertThat(past.rule()).isEqualTo("sh-curve");
    assertThat(past.step()).isEqualTo(1);
    assertThat(past.value()).isEqualTo(5.5);
    assertThat(past.threshold()).isEqualTo(5);
    assertThat(past.reason(false))
        .isEqualTo(
            "value 5.5 at step 1 is worse than 5, the 5-th best of the 12 trials there, which"
                + " bounds the top 1/6 of all configurations with confidence 0.9");
    assertThat(past.reason(true)).contains("value -5.5 ", "worse than -5,");
  }

  @Test
  void shouldContinueWhenTooFewTrialsReachedTheRungToBeSure() {
    // Given one other trial at step 1 (two values: P(Bin(2, 1/6) ≤ 1) = 0.972, so the bound is
    // the larger of the two), a trial worse than it still continues
    StudyCurves one = new StudyCurves(List.of(), List.of(curve("o", 20, 1)));
    assertThat(SIXTH.evaluate(one, curve("x", 20, 100), "r").stop()).isFalse();
    // And so does every trial between rungs
    assertThat(SIXTH.evaluate(elevenAtStepOne(), curve("x", 20, 100, 100), "r").stop()).isFalse();
  }

  @Test
  void shouldNameTheOptionWhenItIsOutOfRange() {
    assertThatThrownBy(() -> new ConfidentHalving(0, 6, 0.9)).hasMessageContaining("min_resource");
    assertThatThrownBy(() -> new ConfidentHalving(1, 1, 0.9)).hasMessageContaining("eta");
    assertThatThrownBy(() -> new ConfidentHalving(1, 6, 1)).hasMessageContaining("confidence");
  }
}
