package io.streamtune.report;

import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Partial dependence of a model's prediction on one or two dimensions, as scikit-optimize's {@code
 * plot_objective} draws it (Friedman 2001, §8.2): {@code PD_i(v) = (1/S) Σ_s f(x_s with x_i = v)},
 * the prediction averaged over {@code S} points {@code x_s} sampled from the space, with dimension
 * {@code i} (and {@code j}) held at the swept values.
 *
 * @param values the prediction at each swept value (2-D: {@code z[b][a]} for the a-th value of the
 *     first dimension and the b-th of the second)
 */
final class PartialDependence {

  private PartialDependence() {}

  /** A dimension's partial dependence over its swept values. */
  record Curve(int dimension, List<Object> xs, double[] values) {}

  /** A pair's partial dependence over both dimensions' swept values. */
  record Surface(int x, int y, List<Object> xs, List<Object> ys, double[][] values) {}

  static Curve curve(
      SweptSpace space, int i, List<double[]> samples, ToDoubleFunction<double[]> f, int points) {
    List<Object> xs = space.grid(i, points);
    double[] out = new double[xs.size()];
    for (int a = 0; a < xs.size(); a++) {
      double sum = 0;
      for (double[] s : samples) {
        double[] u = s.clone();
        space.set(u, i, xs.get(a));
        sum += f.applyAsDouble(u);
      }
      out[a] = sum / samples.size();
    }
    return new Curve(i, xs, out);
  }

  static Surface surface(
      SweptSpace space,
      int i,
      int j,
      List<double[]> samples,
      ToDoubleFunction<double[]> f,
      int points) {
    List<Object> xs = space.grid(i, points);
    List<Object> ys = space.grid(j, points);
    double[][] z = new double[ys.size()][xs.size()];
    for (int b = 0; b < ys.size(); b++) {
      for (int a = 0; a < xs.size(); a++) {
        double sum = 0;
        for (double[] s : samples) {
          double[] u = s.clone();
          space.set(u, i, xs.get(a));
          space.set(u, j, ys.get(b));
          sum += f.applyAsDouble(u);
        }
        z[b][a] = sum / samples.size();
      }
    }
    return new Surface(i, j, xs, ys, z);
  }
}
