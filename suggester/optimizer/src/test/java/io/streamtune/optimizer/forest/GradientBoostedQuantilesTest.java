package io.streamtune.optimizer.forest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.surrogate.Posterior;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Fixture from scikit-learn 1.2.1 (Debian's python3-sklearn): {@code
 * GradientBoostingRegressor(loss="quantile", alpha=α, n_estimators=30, max_depth=3,
 * learning_rate=0.1, random_state=0).fit(X, y).predict(T)} on 25 noisy points of {@code sin 6x}
 * ({@code numpy.random.default_rng(0)}, rounded to 6 decimals). One coordinate, because the
 * quantile loss's gradients take two values, so splits on different coordinates often tie, and
 * scikit-learn breaks those ties by its own random order of the coordinates.
 */
class GradientBoostedQuantilesTest {

  static final double[] XS = {
    0.636962, 0.269787, 0.040974, 0.016528, 0.81327, 0.912756, 0.606636, 0.729497, 0.543625,
    0.935072, 0.815854, 0.002739, 0.857404, 0.033586, 0.729655, 0.175656, 0.863179, 0.541461,
    0.299712, 0.422687, 0.02832, 0.124283, 0.670624, 0.64719, 0.615385
  };

  static final List<double[]> X = Arrays.stream(XS).mapToObj(v -> new double[] {v}).toList();

  static final double[] Y = {
    -0.600729, 0.775802, -0.033143, -0.038312, -0.919991, -1.024858, -0.540618, -0.992044, 0.042385,
    -0.558744, -0.876739, -0.179715, -0.947, 0.435348, -0.496559, 0.491655, -0.438888, 0.296794,
    1.208632, 0.648486, 0.074927, 1.115891, -0.18403, -0.134939, -0.128768
  };

  static final List<double[]> T =
      List.of(
          new double[] {0.05},
          new double[] {0.3},
          new double[] {0.5},
          new double[] {0.77},
          new double[] {0.95});

  static final double[][] EXPECTED = {
    {
      -0.0764074913743867,
      -0.0764074913743867,
      -0.0764074913743867,
      -0.797282379737086,
      -1.0181823737717488
    },
    {
      0.06424133617661056,
      0.6514434000126111,
      0.33041300919478667,
      -0.699515892479,
      -0.6516349575863766
    },
    {
      0.43879863858795626,
      1.1793022341522639,
      0.34166754073958105,
      -0.08686017032451317,
      -0.08686017032451317
    }
  };

  @ParameterizedTest
  @CsvSource({"0, 0.16", "1, 0.5", "2, 0.84"})
  void shouldPredictAsScikitLearnWhenFittedWithTheQuantileLoss(int row, double alpha) {
    double[] got = GradientBoostedQuantiles.predictQuantile(X, Y, alpha, 30, T);
    assertThat(got).containsExactly(EXPECTED[row], within(1e-9));
  }

  @Test
  void shouldReadMedianAsMeanAndHalfTheSpreadAsStdWhenAskedForAPosterior() {
    Posterior p = GradientBoostedQuantiles.fit(X, Y).posterior(T.get(2), false);
    assertThat(p.mean()).isCloseTo(EXPECTED[1][2], within(1e-9));
    assertThat(p.std()).isCloseTo((EXPECTED[2][2] - EXPECTED[0][2]) / 2, within(1e-9));
  }

  @Test
  void shouldTakeTheSmallestValueReachingTheShareWhenPercentileIsWeighted() {
    assertThat(GradientBoostedQuantiles.weightedPercentile(new double[] {4, 1, 3, 2}, 0.5))
        .isEqualTo(2.0);
    assertThat(GradientBoostedQuantiles.weightedPercentile(new double[] {4, 1, 3, 2}, 0.16))
        .isEqualTo(1.0);
    assertThat(GradientBoostedQuantiles.percentile(new double[] {4, 1, 3, 2}, 0.5)).isEqualTo(2.5);
  }
}
