package io.streamtune.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Parameter importance as fANOVA's main effects (Hutter, Hoos &amp; Leyton-Brown 2014, §3): with
 * {@code f_0 = E[f]} and {@code a_i(v) = E[f | x_i = v]} the marginal of dimension {@code i},
 * dimension {@code i} explains the fraction {@code V_i / V} of the variance {@code V = Var[f]},
 * where {@code V_i = Var_v[a_i(v)]}, both under the uniform distribution of the unit cube (a
 * log-uniform dimension uniform in its logarithm, the categories equally likely). The fractions add
 * up to at most 1; the rest is the share of interactions.
 *
 * <p>fANOVA computes the marginals exactly from the trees of a random forest; here they are
 * estimated by Monte Carlo, as the partial dependence over sampled points (an unbiased estimate of
 * the same marginal), on any model.
 */
final class Importance {

  private Importance() {}

  /** A dimension's share of the variance. */
  record Effect(int dimension, double fraction) {}

  static List<Effect> mainEffects(
      SweptSpace space, List<double[]> samples, ToDoubleFunction<double[]> f, int points) {
    // Sweeping dimension i over its G values at each of the S samples evaluates f on G x S points
    // whose coordinate i is exactly stratified: their variance estimates V better than f at the S
    // samples alone would. V is the mean of the d such estimates.
    int d = space.size();
    double[] vi = new double[d];
    double total = 0;
    for (int i = 0; i < d; i++) {
      List<Object> grid = space.grid(i, points);
      double[] marginal = new double[grid.size()];
      double[] all = new double[grid.size() * samples.size()];
      int k = 0;
      for (int a = 0; a < grid.size(); a++) {
        double sum = 0;
        for (double[] s : samples) {
          double[] u = s.clone();
          space.set(u, i, grid.get(a));
          all[k] = f.applyAsDouble(u);
          sum += all[k++];
        }
        marginal[a] = sum / samples.size();
      }
      vi[i] = variance(marginal);
      total += variance(all) / d;
    }
    Effect[] out = new Effect[d];
    for (int i = 0; i < d; i++) {
      out[i] = new Effect(i, total > 0 ? Math.min(1, vi[i] / total) : 0);
    }
    return List.of(out);
  }

  /** The population variance, {@code (1/n) Σ (x - x̄)²}. */
  static double variance(double[] x) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double ss = 0;
    for (double v : x) {
      ss += (v - mean) * (v - mean);
    }
    return ss / x.length;
  }
}
