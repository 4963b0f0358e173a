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
    assertThat(SIXTH.latestRung(5, 20)).isEqualTo(1);
    assertThat(SIXTH.latestRung(7, 20)).isEqualTo(6);
    assertThat(SIXTH.latestRung(7, 6)).as("a rung is below the budget").isEqualTo(1);
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
  }

  @Test
  void shouldJudgeTheLastRungAgainWhenMoreTrialsHaveReachedItSince() {
    // Given a trial that passed step 1 at 100 when only one other trial was there
    StudyCurves early = new StudyCurves(List.of(), List.of(curve("o", 20, 1)));
    assertThat(SIXTH.evaluate(early, curve("x", 20, 100), "r").stop()).isFalse();
    // When it reports step 2 after eleven trials have reached step 1, one of them step 2 as well
    List<TrialCurve> others = new ArrayList<>(elevenAtStepOne().others());
    others.set(0, curve("o1", 20, 1, 1));
    Decision d = SIXTH.evaluate(new StudyCurves(List.of(), others), curve("x", 20, 100, 100), "r");
    // Then its value at step 1 is judged against them, and it is stopped at step 2
    assertThat(d.stop()).isTrue();
    assertThat(d.step()).isEqualTo(2);
    assertThat(d.value()).isEqualTo(100);
    assertThat(d.threshold()).isEqualTo(5);
    assertThat(d.reason()).startsWith("value 100 at step 1, its last rung, is worse than 5");
  }

  @Test
  void shouldNotJudgeTheLastRungAgainWhenTheTrialNowLeadsAtItsStep() {
    // Given eleven trials far better at step 1, of which three reached step 2, all worse than 0
    List<TrialCurve> others = new ArrayList<>(elevenAtStepOne().others());
    others.set(0, curve("o1", 20, 1, 3));
    others.set(1, curve("o2", 20, 2, 4));
    // When a trial that was at 100 at step 1 is at 0 at step 2 (it leads the study there)
    Decision d = SIXTH.evaluate(new StudyCurves(List.of(), others), curve("x", 20, 100, 0), "r");
    // Then it continues
    assertThat(d.stop()).isFalse();
  }

  @Test
  void shouldNameTheOptionWhenItIsOutOfRange() {
    assertThatThrownBy(() -> new ConfidentHalving(0, 6, 0.9)).hasMessageContaining("min_resource");
    assertThatThrownBy(() -> new ConfidentHalving(1, 1, 0.9)).hasMessageContaining("eta");
    assertThatThrownBy(() -> new ConfidentHalving(1, 6, 1)).hasMessageContaining("confidence");
  }
}
