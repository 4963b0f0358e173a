package io.streamtune.optimizer.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.surrogate.Posterior;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExtraTreesTest {

  @Test
  void shouldPredictTrendAndUncertaintyWhenFittedOnSmoothFunction() {
    Random rng = new Random(1);
    List<double[]> x = new ArrayList<>();
    double[] y = new double[200];
    for (int i = 0; i < y.length; i++) {
      double[] p = {rng.nextDouble(), rng.nextDouble()};
      x.add(p);
      y[i] = 10 * p[0];
    }
    ExtraTrees forest = ExtraTrees.fit(x, y, 50, 3, new SplittableRandom(2));
    Posterior low = forest.posterior(new double[] {0.1, 0.5});
    Posterior high = forest.posterior(new double[] {0.9, 0.5});
    assertThat(low.mean()).isCloseTo(1.0, within(0.6));
    assertThat(high.mean()).isCloseTo(9.0, within(0.6));
    assertThat(low.std()).isPositive().isLessThan(2.0);
  }

  @Test
  void shouldReturnConstantWithZeroStdWhenAllValuesAreEqual() {
    List<double[]> x = List.of(new double[] {0.1}, new double[] {0.4}, new double[] {0.8});
    ExtraTrees forest = ExtraTrees.fit(x, new double[] {2, 2, 2}, 10, 1, new SplittableRandom(3));
    Posterior p = forest.posterior(new double[] {0.5});
    assertThat(p.mean()).isEqualTo(2.0);
    assertThat(p.std()).isZero();
  }

  @Test
  void shouldBeReproducibleWhenSeedIsFixed() {
    Random rng = new Random(4);
    List<double[]> x = new ArrayList<>();
    double[] y = new double[30];
    for (int i = 0; i < y.length; i++) {
      x.add(new double[] {rng.nextDouble(), rng.nextDouble()});
      y[i] = rng.nextGaussian();
    }
    double[] q = {0.3, 0.6};
    Posterior a = ExtraTrees.fit(x, y, 20, 3, new SplittableRandom(5)).posterior(q);
    Posterior b = ExtraTrees.fit(x, y, 20, 3, new SplittableRandom(5)).posterior(q);
    assertThat(a).isEqualTo(b);
  }
}
