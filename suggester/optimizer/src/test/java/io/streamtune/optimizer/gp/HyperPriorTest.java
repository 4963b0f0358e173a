package io.streamtune.optimizer.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HyperPriorTest {

  /**
   * Fixture from SciPy 1.10 (Debian's python3-scipy): with {@code amp = e^θ0}, {@code λ = e^-2θj},
   * {@code noise = e^θ4}, {@code gamma(2).logpdf(amp) + geninvgauss(1, 0.2).logpdf(λ).sum() +
   * gamma(1.1, scale=1/30).logpdf(noise)} at a minus the same at b. {@code geninvgauss(p=1, b=0.2)}
   * has the density {@code ∝ exp(-0.1 (λ + 1/λ))}, the length-scale term; constants cancel in the
   * difference.
   */
  @Test
  void shouldMatchScipyDensitiesWhenComparingTwoHyperparameterVectors() {
    double[] a = {0.3, -0.7, 0.2, -1.5, -6.0};
    double[] b = {-0.4, 0.1, -1.2, 0.5, -3.0};
    double difference =
        HyperPrior.logDensity(a, new double[a.length])
            - HyperPrior.logDensity(b, new double[b.length]);
    assertThat(difference).isCloseTo(0.1038030690736571, within(1e-12));
  }

  @Test
  void shouldMatchFiniteDifferencesWhenDifferentiatingThePosteriorObjective() {
    Random rng = new Random(3);
    List<double[]> x = new ArrayList<>();
    for (int i = 0; i < 15; i++) {
      x.add(new double[] {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()});
    }
    double[] y = x.stream().mapToDouble(p -> Math.sin(4 * p[0]) + p[1] - p[2] * p[2]).toArray();
    double[] theta = {0.2, -0.8, 0.3, -1.1, Math.log(3e-3)};
    GradientCheck.assertGradientMatchesFiniteDifferences(
        (t, g) -> GpFitter.negativeLogPosterior(x, y, t, g), theta);
  }
}
