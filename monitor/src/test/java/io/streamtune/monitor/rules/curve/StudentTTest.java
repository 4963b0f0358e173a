package io.streamtune.monitor.rules.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

class StudentTTest {

  @Test
  void shouldMatchCommonsMathsIncompleteBetaWhenDegreesOfFreedomAreWhole() {
    // The reference: Commons Math's TDistribution, which goes through the regularised beta
    for (int nu : new int[] {1, 2, 3, 4, 7, 10, 29, 100}) {
      TDistribution reference = new TDistribution(null, nu);
      for (double t = -8; t <= 8; t += 0.25) {
        assertThat(StudentT.cdf(t, nu))
            .as("ν = %d, t = %.2f", nu, t)
            .isCloseTo(reference.cumulativeProbability(t), within(1e-12));
      }
    }
  }

  @Test
  void shouldKeepSmallTailsAndTheLimitsWhenTIsLargeOrInfinite() {
    // Cauchy (ν = 1): P(T < −1000) = atan(1/1000)/π ≈ 3.183e−4
    assertThat(StudentT.cdf(-1000, 1)).isCloseTo(Math.atan(1e-3) / Math.PI, within(1e-15));
    assertThat(StudentT.cdf(Double.POSITIVE_INFINITY, 3)).isEqualTo(1);
    assertThat(StudentT.cdf(Double.NEGATIVE_INFINITY, 3)).isZero();
    assertThat(StudentT.cdf(0, 5)).isCloseTo(0.5, within(1e-15));
  }
}
