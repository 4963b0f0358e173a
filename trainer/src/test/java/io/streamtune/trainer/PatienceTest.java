package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.Direction;
import io.streamtune.avro.EarlyStopSpec;
import org.junit.jupiter.api.Test;

/**
 * Patience as Keras's EarlyStopping counts it. The curves use numbers that are exact in binary
 * (0.25, 0.75), so that "exactly min_delta better" is exactly that.
 */
class PatienceTest {

  private static Patience patience(int p, double minDelta, boolean restore, Direction d) {
    return new Patience(new EarlyStopSpec(p, minDelta, restore), d);
  }

  /** The epoch with which patience ran out over {@code values}, 0 if it did not. */
  private static int stopsAt(Patience patience, double... values) {
    for (int e = 1; e <= values.length; e++) {
      if (patience.exhausted(e, values[e - 1])) {
        return e;
      }
    }
    return 0;
  }

  @Test
  void shouldStopAfterPatienceReportsWithoutImprovementWhenMinimising() {
    // Given patience 3 and a loss that is best at epoch 2, then equal or worse
    Patience p = patience(3, 0, false, Direction.MINIMIZE);
    // When / Then an equal value is no improvement: epochs 3, 4 and 5 run out the patience
    assertThat(stopsAt(p, 1.0, 0.5, 0.75, 0.625, 0.5, 0.25)).isEqualTo(5);
    assertThat(p.stoppedAt()).isEqualTo(5);
  }

  @Test
  void shouldResetTheCountWhenAnEpochImproves() {
    // Two flat epochs, an improvement, then two flat epochs: patience 3 never runs out
    Patience p = patience(3, 0, false, Direction.MINIMIZE);
    assertThat(stopsAt(p, 1.0, 1.0, 1.0, 0.75, 0.75, 0.75)).isZero();
  }

  @Test
  void shouldNotCountAnImprovementOfExactlyMinDeltaWhenMinimising() {
    // Given min_delta 0.25: 1.0 -> 0.75 improves by exactly 0.25, which is not more than it
    assertThat(stopsAt(patience(2, 0.25, false, Direction.MINIMIZE), 1.0, 0.75, 0.75)).isEqualTo(3);
    // and 1.0 -> 0.5 improves by more, which resets the count
    assertThat(stopsAt(patience(2, 0.25, false, Direction.MINIMIZE), 1.0, 0.5, 0.5)).isZero();
  }

  @Test
  void shouldCompareWithTheLastCountedImprovementWhenStepsAreSmallerThanMinDelta() {
    // Given min_delta 0.25 and a loss that falls by 0.125 a step: no single step counts, but
    // two steps add up to more than 0.25 over the reference 1.0, as in Keras
    Patience p = patience(2, 0.25, false, Direction.MINIMIZE);
    assertThat(stopsAt(p, 1.0, 0.875, 0.625, 0.5)).isZero();
  }

  @Test
  void shouldStopWhenMaximisingAndTheMetricStopsRising() {
    // Given accuracy, best 0.8 at epoch 2
    Patience p = patience(3, 0, false, Direction.MAXIMIZE);
    // When it goes down, back to 0.8, then down: three reports without a rise
    assertThat(stopsAt(p, 0.5, 0.8, 0.75, 0.8, 0.625)).isEqualTo(5);
    // Then the best is the highest value
    assertThat(p.reason("acc")).endsWith("best 0.8 at epoch 2");
    // And a rise resets the count where a fall would not
    assertThat(stopsAt(patience(3, 0, false, Direction.MAXIMIZE), 0.5, 0.8, 0.75, 0.875, 0.5))
        .isZero();
  }

  @Test
  void shouldApplyMinDeltaUpwardsWhenMaximising() {
    // 0.5 -> 0.75 rises by exactly min_delta 0.25 (no improvement); 0.5 -> 0.875 by more
    assertThat(stopsAt(patience(2, 0.25, false, Direction.MAXIMIZE), 0.5, 0.75, 0.75)).isEqualTo(3);
    assertThat(stopsAt(patience(2, 0.25, false, Direction.MAXIMIZE), 0.5, 0.875, 0.875)).isZero();
  }

  @Test
  void shouldNameMinDeltaMetricPatienceAndBestWhenPatienceRunsOut() {
    // Given min_delta 0.001, patience 3, a loss best at 0.412 at epoch 5
    Patience p = patience(3, 0.001, false, Direction.MINIMIZE);
    // When
    int stop = stopsAt(p, 0.9, 0.7, 0.5, 0.45, 0.412, 0.412, 0.4125, 0.413);
    // Then
    assertThat(stop).isEqualTo(8);
    assertThat(p.reason("loss"))
        .isEqualTo("no improvement of more than 0.001 in loss for 3 epochs; best 0.412 at epoch 5");
    assertThat(p.value(0.413)).as("without restore_best, the last value").isEqualTo(0.413);
  }

  @Test
  void shouldReportTheBestEpochsValueWhenRestoreBestIsOn() {
    // Given restore_best
    Patience p = patience(2, 0, true, Direction.MINIMIZE);
    // When patience runs out two epochs after the best
    assertThat(stopsAt(p, 1.0, 0.25, 0.5, 0.75)).isEqualTo(4);
    // Then the trial's value is the best epoch's, and the reason says so
    assertThat(p.value(0.75)).isEqualTo(0.25);
    assertThat(p.reason("loss"))
        .isEqualTo(
            "no improvement of more than 0 in loss for 2 epochs; best 0.25 at epoch 2,"
                + " restored as the trial's value");
  }

  @Test
  void shouldRestoreTheBestValueNotTheReferenceWhenAnEpochImprovedByLessThanMinDelta() {
    // Given min_delta 0.25: 0.875 at epoch 2 is the best value but not a counted improvement
    Patience p = patience(2, 0.25, true, Direction.MINIMIZE);
    assertThat(stopsAt(p, 1.0, 0.875, 0.9375)).isEqualTo(3);
    // Then the value is the best epoch's (Keras's documented promise), and the reason names both
    assertThat(p.value(0.9375)).isEqualTo(0.875);
    assertThat(p.reason("loss"))
        .isEqualTo(
            "no improvement of more than 0.25 in loss for 2 epochs over 1 at epoch 1;"
                + " best 0.875 at epoch 2, restored as the trial's value");
  }

  @Test
  void shouldCountNonFiniteValuesAsNoImprovementWhenACallerPassesThem() {
    // NaN compares false, as in Keras; an infinite loss is no improvement either
    assertThat(stopsAt(patience(2, 0, false, Direction.MINIMIZE), 1.0, Double.NaN, Double.NaN))
        .isEqualTo(3);
    Patience p = patience(2, 0, true, Direction.MINIMIZE);
    assertThat(stopsAt(p, 1.0, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isEqualTo(3);
    assertThat(p.value(Double.NEGATIVE_INFINITY)).as("the best is the finite value").isEqualTo(1.0);
    // and a NaN first report sets no reference, so the next finite value improves
    assertThat(stopsAt(patience(2, 0, false, Direction.MINIMIZE), Double.NaN, 2.0)).isZero();
  }

  @Test
  void shouldStayStoppedWhenReportsContinueAfterPatienceRanOut() {
    Patience p = patience(1, 0, false, Direction.MINIMIZE);
    assertThat(stopsAt(p, 1.0, 1.0)).isEqualTo(2);
    assertThat(p.exhausted(3, 0.125)).isTrue();
    assertThat(p.stoppedAt()).isEqualTo(2);
    assertThat(p.reason("loss")).endsWith("for 1 epoch; best 1 at epoch 1");
  }

  @Test
  void shouldRefuseASettingThatCannotBeCountedWhenBuilt() {
    assertThatThrownBy(() -> patience(0, 0, false, Direction.MINIMIZE))
        .hasMessage("patience must be >= 1 but was 0");
    assertThatThrownBy(() -> patience(2, -0.5, false, Direction.MINIMIZE))
        .hasMessage("min_delta must be a finite number >= 0 but was -0.5");
    assertThatThrownBy(() -> patience(2, Double.NaN, false, Direction.MINIMIZE))
        .hasMessageContaining("NaN");
  }
}
