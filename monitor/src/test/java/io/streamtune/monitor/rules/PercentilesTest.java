package io.streamtune.monitor.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.BinomialDistribution;
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

  /**
   * The bound's rank against Commons Math's binomial CDF: the smallest k with P(Bin(n, q) ≤ k − 1)
   * ≥ confidence, and n + 1 when none is.
   */
  @Test
  void shouldMatchTheBinomialCdfWhenBoundingAQuantileByAnOrderStatistic() {
    for (int n = 1; n <= 120; n++) {
      for (double q : new double[] {1 / 3.0, 0.25, 1 / 6.0, 0.125}) {
        for (double confidence : new double[] {0.8, 0.9, 0.95}) {
          BinomialDistribution bin = new BinomialDistribution(null, n, q);
          int expected = n + 1;
          for (int k = 1; k <= n; k++) {
            if (bin.cumulativeProbability(k - 1) >= confidence) {
              expected = k;
              break;
            }
          }
          assertThat(Percentiles.upperBoundRank(n, q, confidence))
              .as("n = %d, q = %.3f, confidence %.2f", n, q, confidence)
              .isEqualTo(expected);
        }
      }
    }
  }

  @Test
  void shouldBoundTheTopSixthByTheFourthOfTwelveWhenNinetyPercentSure() {
    // P(Bin(12, 1/6) ≤ 2) = 0.677, ≤ 3 = 0.875, ≤ 4 = 0.964, ≤ 8 = 0.999987: at 90 % the 5th
    // smallest of 12, at 80 % the 4th, at 99.99 % the 9th; one draw bounds nothing at 90 % (5/6)
    assertThat(Percentiles.upperBoundRank(12, 1 / 6.0, 0.9)).isEqualTo(5);
    assertThat(Percentiles.upperBoundRank(12, 1 / 6.0, 0.8)).isEqualTo(4);
    assertThat(Percentiles.upperBoundRank(12, 1 / 6.0, 0.9999)).isEqualTo(9);
    assertThat(Percentiles.upperBoundRank(1, 1 / 6.0, 0.9)).isEqualTo(2);
    assertThatThrownBy(() -> Percentiles.upperBoundRank(0, 0.5, 0.9))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
