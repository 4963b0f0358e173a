package io.streamtune.monitor.rules.curve;

/**
 * The CDF of Student's t with a whole number ν ≥ 1 of degrees of freedom, by the finite series of
 * Abramowitz and Stegun (1964), 26.7.3 and 26.7.4: with θ = atan(t/√ν),
 *
 * <pre>
 *   ν odd:  A = (2/π)·(θ + sinθ·cosθ·(1 + (2/3)cos²θ + … + (2·4···(ν−3))/(3·5···(ν−2))·cos^(ν−3)θ)),
 *           A = 2θ/π when ν = 1;
 *   ν even: A = sinθ·(1 + (1/2)cos²θ + (1·3)/(2·4)cos⁴θ + … + (1·3···(ν−3))/(2·4···(ν−2))·cos^(ν−2)θ);
 *   P(T ≤ t) = (1 + A)/2.
 * </pre>
 *
 * Exact up to rounding, and ν/2 multiplications instead of an incomplete beta function: a curve
 * decision evaluates it hundreds of times.
 */
final class StudentT {

  private StudentT() {}

  static double cdf(double t, int nu) {
    if (nu < 1) {
      throw new IllegalArgumentException("degrees of freedom must be >= 1 but was " + nu);
    }
    if (Double.isNaN(t)) {
      return Double.NaN;
    }
    if (Double.isInfinite(t)) {
      return t > 0 ? 1 : 0;
    }
    double theta = Math.atan(t / Math.sqrt(nu));
    double c2 = Math.cos(theta) * Math.cos(theta);
    double s = Math.sin(theta);
    double a;
    if (nu % 2 == 0) {
      double term = 1;
      double sum = 1;
      for (int k = 2; k < nu; k += 2) {
        term *= c2 * (k - 1) / k;
        sum += term;
      }
      a = s * sum;
    } else if (nu == 1) {
      a = 2 * theta / Math.PI;
    } else {
      double term = 1;
      double sum = 1;
      for (int k = 3; k < nu; k += 2) {
        term *= c2 * (k - 1) / k;
        sum += term;
      }
      a = 2 / Math.PI * (theta + s * Math.cos(theta) * sum);
    }
    return Math.min(1, Math.max(0, 0.5 * (1 + a)));
  }
}
