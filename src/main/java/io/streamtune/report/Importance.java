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
    double[] all = new double[samples.size()];
    for (int s = 0; s < all.length; s++) {
      all[s] = f.applyAsDouble(samples.get(s));
    }
    double total = variance(all);
    Effect[] out = new Effect[space.size()];
    for (int i = 0; i < out.length; i++) {
      double vi = variance(PartialDependence.curve(space, i, samples, f, points).values());
      out[i] = new Effect(i, total > 0 ? Math.min(1, vi / total) : 0);
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
