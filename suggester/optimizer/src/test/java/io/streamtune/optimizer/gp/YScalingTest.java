package io.streamtune.optimizer.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class YScalingTest {

  @Test
  void shouldUsePopulationStandardDeviationWhenValuesDiffer() {
    // Given y = {1, 2, 3, 4, 10}: mean 4, Σ(y - 4)² = 9 + 4 + 1 + 0 + 36 = 50
    double[] y = {1, 2, 3, 4, 10};
    // When
    YScaling s = YScaling.of(y);
    // Then the scale is sqrt(50 / 5) (ddof = 0), not sqrt(50 / 4)
    assertThat(s.mean()).isEqualTo(4.0);
    assertThat(s.scale()).isCloseTo(Math.sqrt(10), within(1e-15));
    assertThat(s.apply(10)).isCloseTo(6 / Math.sqrt(10), within(1e-15));
  }

  @Test
  void shouldOnlyShiftWhenEveryValueIsTheSame() {
    // Given
    YScaling s = YScaling.of(new double[] {2.5, 2.5, 2.5});
    // Then the scale is 1 instead of 0, so nothing is divided by zero
    assertThat(s.scale()).isEqualTo(1.0);
    assertThat(s.apply(3.5)).isEqualTo(1.0);
  }
}
