package io.streamtune.optimizer.surrogate;

/** A probabilistic model of the objective over the unit cube, queried by acquisition functions. */
public interface Surrogate {

  /** Posterior mean and std at unit-cube point {@code x}; gradients only if asked and supported. */
  Posterior posterior(double[] x, boolean withGradient);

  default Posterior posterior(double[] x) {
    return posterior(x, false);
  }

  /** Whether {@link #posterior(double[], boolean)} can return gradients (trees cannot). */
  boolean hasGradient();
}
