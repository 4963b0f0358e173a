package io.streamtune.optimizer.surrogate;

/** A probabilistic model of the objective over the unit cube, queried by acquisition functions. */
public interface Surrogate {

  /** Posterior mean and std at unit-cube point {@code x}; gradients only if asked and supported. */
  Posterior posterior(double[] x, boolean withGradient);

  default Posterior posterior(double[] x) {
    return posterior(x, false);
  }

  /**
   * Means and stds at {@code xs[from..to)}, into {@code mean} and {@code std} at the same indices:
   * the same values as {@link #posterior(double[])} point by point, which is what this default
   * does; a model may compute a block at once, faster.
   */
  default void posteriors(double[][] xs, int from, int to, double[] mean, double[] std) {
    for (int i = from; i < to; i++) {
      Posterior p = posterior(xs[i], false);
      mean[i] = p.mean();
      std[i] = p.std();
    }
  }

  /** Whether {@link #posterior(double[], boolean)} can return gradients (trees cannot). */
  boolean hasGradient();
}
