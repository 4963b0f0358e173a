package io.streamtune.optimizer.surrogate;

import java.util.Arrays;

/**
 * A monotone transform of the observed values before a surrogate is fitted to them, so that a few
 * huge values (a diverging configuration, an ill-conditioned objective far from its optimum) do not
 * flatten everything else, and the model spends its resolution near the best values.
 *
 * <p>Notation: {@code y} the values, {@code y_min} and {@code y_med} their minimum and median,
 * {@code δ = max(y_med - y_min, ε)}; {@code w(y) = log(y - y_min + δ)}. {@code w} is increasing, so
 * the order of the values and the incumbent are kept; it maps the better half of the values into
 * {@code [log δ, log 2δ]} and compresses the rest logarithmically. Warping the outputs of a GP is
 * as in Snelson, Rasmussen &amp; Ghahramani 2004 ("Warped Gaussian processes"); HEBO (Cowen-Rivers
 * et al. 2022) fits power transforms for the same reason. The transform is recomputed at every ask
 * from all values, so a value's warped image moves when the minimum or the median does.
 */
public final class OutputWarping {

  private OutputWarping() {}

  public static double[] apply(double[] y) {
    double[] sorted = y.clone();
    Arrays.sort(sorted);
    double min = sorted[0];
    double median = sorted[sorted.length / 2];
    double spread = sorted[sorted.length - 1] - min;
    double delta = Math.max(median - min, Math.max(1e-12, 1e-9 * spread));
    double[] out = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = Math.log(y[i] - min + delta);
    }
    return out;
  }
}
