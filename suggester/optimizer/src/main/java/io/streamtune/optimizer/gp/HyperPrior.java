package io.streamtune.optimizer.gp;

/**
 * A weak prior on the GP hyperparameters, added to the log marginal likelihood so that a fit on few
 * points cannot run to degenerate length scales, amplitudes or noise (maximum a posteriori instead
 * of type-II maximum likelihood).
 *
 * <p>Notation: {@code θ = [log σf², log ℓ_1..ℓ_D, log σn²]} as in {@link GaussianProcess}; {@code
 * λ_j = 1/ℓ_j²} the inverse squared length scales. The log density, up to a constant, is
 *
 * <pre>
 *   log p(θ) = Σ_j -(a/λ_j + a λ_j)            a = 0.1   (mode ℓ = 1, the cube's width)
 *            + (2 - 1) log σf² - σf²          Gamma(2, 1) on the amplitude of standardised y
 *            + (1.1 - 1) log σn² - 30 σn²     Gamma(1.1, 30): noise is small unless the data say so
 * </pre>
 *
 * taken as a function of the values, not of {@code θ} (no Jacobian), as Optuna's {@code GPSampler}
 * does ({@code optuna/_gp/prior.py}, Optuna 4–5), whose choices these are. By the chain rule,
 * {@code ∂/∂θ_j = (-2λ_j)(a/λ_j² - a) = 2a λ_j - 2a/λ_j}, {@code ∂/∂θ_0 = 1 - σf²} and {@code
 * ∂/∂θ_{D+1} = 0.1 - 30 σn²}.
 */
final class HyperPrior {

  private static final double LENGTH_RATE = 0.1;
  private static final double NOISE_SHAPE = 1.1;
  private static final double NOISE_RATE = 30.0;

  private HyperPrior() {}

  /** Returns {@code log p(θ)} and adds {@code ∂ log p/∂θ} into {@code grad}. */
  static double logDensity(double[] theta, double[] grad) {
    int dim = theta.length - 2;
    double amplitude = Math.exp(theta[0]);
    double lp = theta[0] - amplitude;
    grad[0] += 1.0 - amplitude;
    for (int j = 1; j <= dim; j++) {
      double lambda = Math.exp(-2 * theta[j]);
      lp -= LENGTH_RATE / lambda + LENGTH_RATE * lambda;
      grad[j] += 2 * LENGTH_RATE * lambda - 2 * LENGTH_RATE / lambda;
    }
    double noise = Math.exp(theta[dim + 1]);
    lp += (NOISE_SHAPE - 1) * theta[dim + 1] - NOISE_RATE * noise;
    grad[dim + 1] += (NOISE_SHAPE - 1) - NOISE_RATE * noise;
    return lp;
  }
}
