package io.streamtune.optimizer.gp;

/**
 * The standardisation of observed values that the GP is fitted on: ỹ = (y − mean) / scale, with the
 * population standard deviation (ddof = 0, as scikit-learn's normalize_y) as the scale, or 1 when
 * every value is the same.
 *
 * <p>The optimizer uses it too, for the GP-Hedge rewards and the {@code cl_mean} lie, so that the
 * GP, the hedge and the liar share one definition of the normalised scale.
 */
public record YScaling(double mean, double scale) {

  public static YScaling of(double[] y) {
    int n = y.length;
    double mean = 0;
    for (double v : y) {
      mean += v;
    }
    mean /= n;
    double var = 0;
    for (double v : y) {
      var += (v - mean) * (v - mean);
    }
    double sd = Math.sqrt(var / n);
    return new YScaling(mean, sd > 1e-12 ? sd : 1.0);
  }

  public double apply(double v) {
    return (v - mean) / scale;
  }
}
