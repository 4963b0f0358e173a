package io.streamtune.optimizer.acquisition;

import org.apache.commons.math3.special.Erf;

/**
 * Standard normal density and distribution; {@code Φ} via {@code erfc} keeps relative accuracy in
 * the left tail.
 */
final class Normal {

  static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);
  static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

  private Normal() {}

  static double pdf(double z) {
    return INV_SQRT_2PI * Math.exp(-0.5 * z * z);
  }

  static double cdf(double z) {
    return 0.5 * Erf.erfc(-z / Math.sqrt(2));
  }
}
