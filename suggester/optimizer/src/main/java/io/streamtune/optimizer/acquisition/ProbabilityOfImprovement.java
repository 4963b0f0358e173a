package io.streamtune.optimizer.acquisition;

/**
 * Probability of improvement (Kushner 1964): {@code PI = Φ(z)}, {@code z = (y* - ξ - μ)/σ}; {@code
 * ∂PI/∂μ = -φ(z)/σ}, {@code ∂PI/∂σ = -z φ(z)/σ}.
 */
public record ProbabilityOfImprovement(double best, double xi) implements Acquisition {

  @Override
  public String name() {
    return "PI";
  }

  @Override
  public double utility(double mean, double std, double[] partials) {
    double improvement = best - xi - mean;
    if (!(std > 0)) {
      if (partials != null) {
        partials[0] = 0;
        partials[1] = 0;
      }
      return improvement > 0 ? 1 : 0;
    }
    double z = improvement / std;
    if (partials != null) {
      double pdf = Normal.pdf(z);
      partials[0] = -pdf / std;
      partials[1] = -z * pdf / std;
    }
    return Normal.cdf(z);
  }
}
