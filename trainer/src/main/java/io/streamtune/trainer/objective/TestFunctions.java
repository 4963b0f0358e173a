package io.streamtune.trainer.objective;

/**
 * Standard optimisation test functions (Surjanovic & Bingham, Virtual Library of Simulation
 * Experiments), used as cheap objectives. Global minima: Branin 0.397887, Hartmann6 −3.32237.
 */
public final class TestFunctions {

  public static final double BRANIN_MIN = 0.397887;
  public static final double HARTMANN6_MIN = -3.32237;

  private static final double[] H_ALPHA = {1.0, 1.2, 3.0, 3.2};
  private static final double[][] H_A = {
    {10, 3, 17, 3.5, 1.7, 8},
    {0.05, 10, 17, 0.1, 8, 14},
    {3, 3.5, 1.7, 10, 17, 8},
    {17, 8, 0.05, 10, 0.1, 14}
  };
  private static final double[][] H_P = {
    {0.1312, 0.1696, 0.5569, 0.0124, 0.8283, 0.5886},
    {0.2329, 0.4135, 0.8307, 0.3736, 0.1004, 0.9991},
    {0.2348, 0.1451, 0.3522, 0.2883, 0.3047, 0.6650},
    {0.4047, 0.8828, 0.8732, 0.5743, 0.1091, 0.0381}
  };

  private TestFunctions() {}

  /** Branin on x1 ∈ [−5, 10], x2 ∈ [0, 15]. */
  public static double branin(double x1, double x2) {
    double a = 1;
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double r = 6;
    double s = 10;
    double t = 1 / (8 * Math.PI);
    double q = x2 - b * x1 * x1 + c * x1 - r;
    return a * q * q + s * (1 - t) * Math.cos(x1) + s;
  }

  /** Hartmann 6-D on [0, 1]^6. */
  public static double hartmann6(double[] x) {
    double outer = 0;
    for (int i = 0; i < 4; i++) {
      double inner = 0;
      for (int j = 0; j < 6; j++) {
        double d = x[j] - H_P[i][j];
        inner += H_A[i][j] * d * d;
      }
      outer += H_ALPHA[i] * Math.exp(-inner);
    }
    return -outer;
  }
}
