package io.streamtune.optimizer.surrogate;

/**
 * A surrogate's belief at one point: mean and standard deviation of the latent objective, and, when
 * requested and available, their gradients with respect to the unit-cube coordinates.
 *
 * @param meanGradient {@code ∂μ/∂x}, length D, or null
 * @param stdGradient {@code ∂σ/∂x}, length D, or null
 */
public record Posterior(double mean, double std, double[] meanGradient, double[] stdGradient) {

  public Posterior(double mean, double std) {
    this(mean, std, null, null);
  }

  public boolean hasGradient() {
    return meanGradient != null && stdGradient != null;
  }
}
