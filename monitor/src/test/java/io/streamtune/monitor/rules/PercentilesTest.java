package io.streamtune.monitor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void shouldTakeMiddleValueWhenCountIsOdd() {
    assertThat(Percentiles.median(new double[] {5, 1, 3})).isEqualTo(3);
  }

  @Test
  void shouldAverageMiddleValuesWhenCountIsEven() {
    assertThat(Percentiles.median(new double[] {4, 1, 3, 10})).isEqualTo(3.5);
  }

  @Test
  void shouldInterpolateLikeNumpyWhenPercentileFallsBetweenValues() {
    // np.percentile([1, 2, 3, 4, 5], 30) = 1 + 0.3·4 → index 1.2 → 2 + 0.2·(3 − 2) = 2.2
    assertThat(Percentiles.percentile(new double[] {5, 4, 3, 2, 1}, 30))
        .isCloseTo(2.2, within(1e-12));
    // np.percentile([10, 20], 75) = 17.5
    assertThat(Percentiles.percentile(new double[] {20, 10}, 75)).isCloseTo(17.5, within(1e-12));
    assertThat(Percentiles.percentile(new double[] {20, 10}, 0)).isEqualTo(10);
    assertThat(Percentiles.percentile(new double[] {20, 10}, 100)).isEqualTo(20);
  }

  @Test
  void shouldIgnoreNaNWhenComputingPercentiles() {
    assertThat(Percentiles.median(new double[] {Double.NaN, 2, 8})).isEqualTo(5);
    assertThat(Percentiles.median(new double[] {Double.NaN})).isNaN();
    assertThat(Percentiles.median(new double[0])).isNaN();
  }

  @Test
  void shouldRejectPercentileWhenOutsideRange() {
    assertThatThrownBy(() -> Percentiles.percentile(new double[] {1}, 101))
        .hasMessage("percentile must be in [0, 100] but was 101.0");
  }
}
