package io.streamtune.bench;

import io.streamtune.optimizer.RealDimension;
import io.streamtune.optimizer.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** Standard global-optimisation test functions (Surjanovic &amp; Bingham, Virtual Library of Simulation Experiments). */
final class TestFunctions {

  /** A named objective over a space, with its known global minimum. */
  record Problem(String name, Space space, ToDoubleFunction<Map<String, Object>> f, double minimum) {}

  private TestFunctions() {}

  /** Branin–Hoo on [-5, 10] × [0, 15]; minimum 0.397887 at three points. */
  static Problem branin() {
    Space space = Space.of(new RealDimension("x1", -5, 10), new RealDimension("x2", 0, 15));
    return new Problem("branin", space, p -> {
      double x1 = (Double) p.get("x1");
      double x2 = (Double) p.get("x2");
      double b = 5.1 / (4 * Math.PI * Math.PI);
      double c = 5 / Math.PI;
      double t = 1 / (8 * Math.PI);
      double a = x2 - b * x1 * x1 + c * x1 - 6;
      return a * a + 10 * (1 - t) * Math.cos(x1) + 10;
    }, 0.39788735772973816);
  }

  private static final double[] H6_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] H6_A = {
      {10, 3, 17, 3.5, 1.7, 8}, {0.05, 10, 17, 0.1, 8, 14}, {3, 3.5, 1.7, 10, 17, 8}, {17, 8, 0.05, 10, 0.1, 14}};
  private static final double[][] H6_P = {
      {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886}, {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
      {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650}, {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}};

  /** Hartmann 6-D on [0, 1]^6; minimum -3.32237. */
  static Problem hartmann6() {
    List<io.streamtune.optimizer.Dimension> dims = new ArrayList<>();
    for (int j = 0; j < 6; j++) {
      dims.add(new RealDimension("x" + (j + 1), 0, 1));
    }
    return new Problem("hartmann6", new Space(dims), p -> {
      double[] x = new double[6];
      for (int j = 0; j < 6; j++) {
        x[j] = (Double) p.get("x" + (j + 1));
      }
      return hartmann6(x);
    }, -3.322368011391339);
  }

  static double hartmann6(double[] x) {
    double s = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = x[j] - H6_P[i][j];
        inner += H6_A[i][j] * d * d;
      }
      s += H6_ALPHA[i] * Math.exp(-inner);
    }
    return -s;
  }
}
