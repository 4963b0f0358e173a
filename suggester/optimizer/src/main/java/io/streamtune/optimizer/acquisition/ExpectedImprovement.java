package io.streamtune.optimizer.acquisition;

/**
 * Expected improvement over the incumbent (Jones, Schonlau &amp; Welch 1998, eq. 15), for
 * minimisation.
 *
 * <p>Notation: {@code y*} best value so far, {@code ξ ≥ 0} exploration margin, {@code I = y* - ξ -
 * μ}, {@code z = I/σ}: {@code EI = I Φ(z) + σ φ(z)}, {@code ∂EI/∂μ = -Φ(z)}, {@code ∂EI/∂σ = φ(z)}.
 * At {@code σ = 0} it is {@code max(I, 0)}.
 */
public record ExpectedImprovement(double best, double xi) implements Acquisition {

  @Override
  public String name() {
    return "EI";
  }

  @Override
  public double utility(double mean, double std, double[] partials) {
    double improvement = best - xi - mean;
    if (!(std > 0)) {
      if (partials != null) {
        partials[0] = improvement > 0 ? -1 : 0;
        partials[1] = 0;
      }
      return Math.max(improvement, 0);
    }
    double z = improvement / std;
    double cdf = Normal.cdf(z);
    double pdf = Normal.pdf(z);
    if (partials != null) {
      partials[0] = -cdf;
      partials[1] = pdf;
    }
    return improvement * cdf + std * pdf;
  }
}
