package io.streamtune.optimizer.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.math.DifferentiableFunction;

/** Central finite differences against an analytic gradient, component by component. */
final class GradientCheck {

  private GradientCheck() {}

  static void assertGradientMatchesFiniteDifferences(DifferentiableFunction f, double[] at) {
    double[] grad = new double[at.length];
    f.valueAndGradient(at, grad);
    double h = 1e-6;
    for (int m = 0; m < at.length; m++) {
      double[] up = at.clone();
      double[] down = at.clone();
      up[m] += h;
      down[m] -= h;
      double fd =
          (f.valueAndGradient(up, new double[at.length])
                  - f.valueAndGradient(down, new double[at.length]))
              / (2 * h);
      assertThat(grad[m])
          .as("component %d", m)
          .isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
    }
  }
}
