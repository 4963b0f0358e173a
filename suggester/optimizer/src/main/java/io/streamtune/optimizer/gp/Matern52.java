package io.streamtune.optimizer.gp;

/**
 * The constant × Matérn-5/2 kernel with automatic relevance determination (Rasmussen &amp; Williams
 * 2006, eq. 4.17).
 *
 * <p>Notation: {@code x, x' ∈ R^D}; {@code ℓ ∈ R^D} length scales; {@code σf²} amplitude; {@code r²
 * = Σ_j (x_j - x'_j)² / ℓ_j²}; {@code k(r) = σf² (1 + √5 r + 5r²/3) exp(-√5 r)}.
 *
 * <p>Derivatives used by the GP, written so that none is singular at {@code r = 0}: {@code ∂k/∂x_j
 * = -σf² (5/3)(1 + √5 r) e^{-√5 r} (x_j - x'_j)/ℓ_j²} and {@code ∂k/∂log ℓ_j = σf² (5/3)(1 + √5 r)
 * e^{-√5 r} (x_j - x'_j)²/ℓ_j²}.
 */
final class Matern52 {

  static final double SQRT5 = Math.sqrt(5.0);

  private Matern52() {}

  /** {@code k(r)/σf²} from {@code r²}. */
  static double shape(double r2) {
    double r = Math.sqrt(r2);
    return (1.0 + SQRT5 * r + (5.0 / 3.0) * r2) * Math.exp(-SQRT5 * r);
  }

  /** {@code (5/3)(1 + √5 r) e^{-√5 r}}, the common factor of both derivatives above. */
  static double derivativeFactor(double r2) {
    double r = Math.sqrt(r2);
    return (5.0 / 3.0) * (1.0 + SQRT5 * r) * Math.exp(-SQRT5 * r);
  }

  static double scaledDistance2(double[] a, double[] b, double[] inverseLengthScale2) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t * inverseLengthScale2[j];
    }
    return s;
  }
}
