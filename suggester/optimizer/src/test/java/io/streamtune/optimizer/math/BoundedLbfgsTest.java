package io.streamtune.optimizer.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedLbfgsTest {

  /** Rosenbrock: f = Σ 100 (x_{i+1} - x_i²)² + (1 - x_i)², minimum 0 at (1, ..., 1). */
  private static double rosenbrock(double[] x, double[] g) {
    double f = 0;
    Arrays.fill(g, 0);
    for (int i = 0; i + 1 < x.length; i++) {
      double a = x[i + 1] - x[i] * x[i];
      double b = 1 - x[i];
      f += 100 * a * a + b * b;
      g[i] += -400 * a * x[i] - 2 * b;
      g[i + 1] += 200 * a;
    }
    return f;
  }

  @Test
  void shouldFindUnconstrainedMinimumWhenBoundsAreInactive() {
    double[] lo = {-5, -5, -5, -5};
    double[] hi = {5, 5, 5, 5};
    var r =
        BoundedLbfgs.defaults()
            .minimize(BoundedLbfgsTest::rosenbrock, new double[] {-1.2, 1, -1.2, 1}, lo, hi);
    assertThat(r.value()).isLessThan(1e-8);
    for (double v : r.x()) {
      assertThat(v).isCloseTo(1.0, within(1e-3));
    }
  }

  @Test
  void shouldStopOnBoundWhenMinimumIsOutsideBox() {
    // f = (x0 - 2)² + (x1 + 1)² on [0, 1]²: the solution is the corner (1, 0)
    DifferentiableFunction f =
        (x, g) -> {
          g[0] = 2 * (x[0] - 2);
          g[1] = 2 * (x[1] + 1);
          return (x[0] - 2) * (x[0] - 2) + (x[1] + 1) * (x[1] + 1);
        };
    var r =
        BoundedLbfgs.defaults()
            .minimize(f, new double[] {0.3, 0.6}, new double[] {0, 0}, new double[] {1, 1});
    assertThat(r.x()[0]).isEqualTo(1.0);
    assertThat(r.x()[1]).isEqualTo(0.0);
    assertThat(r.converged()).isTrue();
  }

  @Test
  void shouldMixActiveAndFreeVariablesWhenOneBoundBinds() {
    // Rosenbrock with x1 <= 0.5: optimum x1 = 0.5, x0 close to sqrt(0.5)
    var r =
        BoundedLbfgs.defaults()
            .minimize(
                BoundedLbfgsTest::rosenbrock,
                new double[] {0, 0},
                new double[] {-2, -2},
                new double[] {2, 0.5});
    assertThat(r.x()[1]).isCloseTo(0.5, within(1e-9));
    assertThat(r.x()[0])
        .isCloseTo(
            0.70855950376,
            within(1e-5)); // root of the reduced gradient, from scipy.optimize.brentq
  }

  @Test
  void shouldProjectStartWhenStartIsOutsideBox() {
    DifferentiableFunction f =
        (x, g) -> {
          g[0] = 2 * x[0];
          return x[0] * x[0];
        };
    var r =
        BoundedLbfgs.defaults().minimize(f, new double[] {10}, new double[] {1}, new double[] {3});
    assertThat(r.x()[0]).isEqualTo(1.0);
  }
}
