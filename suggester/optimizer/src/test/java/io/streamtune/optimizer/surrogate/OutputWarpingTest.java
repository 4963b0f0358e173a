package io.streamtune.optimizer.surrogate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OutputWarpingTest {

  @Test
  void shouldKeepTheOrderAndCompressTheLargeValuesWhenValuesAreHeavyTailed() {
    Random rng = new Random(8);
    double[] y = new double[40];
    for (int i = 0; i < y.length; i++) {
      y[i] = Math.exp(6 * rng.nextDouble()); // 1 to 400
    }
    double[] w = OutputWarping.apply(y);
    for (int i = 0; i < y.length; i++) {
      for (int j = 0; j < y.length; j++) {
        assertThat(Double.compare(w[i], w[j])).isEqualTo(Double.compare(y[i], y[j]));
      }
    }
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double delta = sorted[20] - sorted[0];
    // log(y - min + δ): the better half spans log 2, the worst value only log((max - min)/δ + 1)
    assertThat(Arrays.stream(w).min().orElseThrow()).isCloseTo(Math.log(delta), within(1e-12));
    assertThat(Arrays.stream(w).max().orElseThrow())
        .isCloseTo(Math.log(sorted[39] - sorted[0] + delta), within(1e-12));
  }

  @Test
  void shouldStayFiniteWhenAllValuesAreEqual() {
    assertThat(
            Arrays.stream(OutputWarping.apply(new double[] {2, 2, 2})).allMatch(Double::isFinite))
        .isTrue();
  }
}
