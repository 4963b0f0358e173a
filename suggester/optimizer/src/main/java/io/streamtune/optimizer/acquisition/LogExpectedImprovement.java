package io.streamtune.optimizer.acquisition;

/**
 * {@code log EI}, computed without underflow far from the incumbent (Ament et al. 2023, "Unexpected
 * improvements to expected improvement", eq. 9), where plain EI and its gradient vanish to zero.
 *
 * <p>Notation: {@code z = (y* - ξ - μ)/σ}, {@code h(z) = z Φ(z) + φ(z)}, so {@code EI = σ h(z)} and
 * {@code log EI = log σ + log h(z)}. For {@code z < -3}, with {@code t = -z}, the Mills ratio
 * {@code R(t) = Φ(-t)/φ(t)} and its continued fraction {@code 1/R = t + 1/(t + 2/(t + 3/…))} give
 * {@code h = φ(z) R(t) C(t)} with {@code C(t) = 1/R(t) - t}, which avoids the cancellation in
 * {@code zΦ(z) + φ(z)}. Partials: {@code ∂/∂μ = -Φ(z)/(σh)}, {@code ∂/∂σ = φ(z)/(σh)}, and {@code
 * Φ/h = 1/C}, {@code φ/h = 1/(RC)} in the tail.
 */
public record LogExpectedImprovement(double best, double xi) implements Acquisition {

  private static final double TAIL = -3.0;
  private static final int DEPTH = 80;

  @Override
  public String name() {
    return "LogEI";
  }

  @Override
  public double utility(double mean, double std, double[] partials) {
    double improvement = best - xi - mean;
    if (!(std > 0)) {
      if (partials != null) {
        partials[0] = improvement > 0 ? -1 / improvement : 0;
        partials[1] = 0;
      }
      return improvement > 0 ? Math.log(improvement) : Double.NEGATIVE_INFINITY;
    }
    double z = improvement / std;
    if (z >= TAIL) {
      double cdf = Normal.cdf(z);
      double pdf = Normal.pdf(z);
      double h = z * cdf + pdf;
      if (partials != null) {
        partials[0] = -cdf / (std * h);
        partials[1] = pdf / (std * h);
      }
      return Math.log(std) + Math.log(h);
    }
    double t = -z;
    double c = tailFraction(t); // C(t) = 1/(t + 2/(t + 3/(...)))
    double invR = t + c; // 1/R(t)
    double logPdf = -0.5 * z * z - Normal.LOG_SQRT_2PI;
    if (partials != null) {
      partials[0] = -1.0 / (std * c);
      partials[1] = invR / (std * c);
    }
    return Math.log(std) + logPdf - Math.log(invR) + Math.log(c);
  }

  /** {@code 1/(t + 2/(t + 3/(t + …)))}, evaluated bottom-up; converges fast for {@code t ≥ 3}. */
  private static double tailFraction(double t) {
    double f = t;
    for (int k = DEPTH; k >= 2; k--) {
      f = t + k / f;
    }
    return 1.0 / f;
  }
}
