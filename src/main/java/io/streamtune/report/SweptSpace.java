package io.streamtune.report;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.Dimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.report.StudyResults.Dim;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A study's search space as the optimizer encodes it (the unit cube, a categorical one-hot), and
 * the values each dimension is swept over for partial dependence and importance: {@code G}
 * midpoints of equal parts of the unit interval (so equal parts of the logarithm for a log-uniform
 * dimension), every value of an integer dimension with at most {@code G}, every category.
 */
final class SweptSpace {

  private final Space space;
  private final int[] offsets;

  SweptSpace(List<Dim> dims) {
    List<Dimension> out = new ArrayList<>();
    for (Dim d : dims) {
      out.add(
          switch (d.type()) {
            case "categorical" -> new CategoricalDimension(d.name(), d.categories());
            case "integer" ->
                new IntegerDimension(d.name(), Math.round(d.low()), Math.round(d.high()), d.log());
            default ->
                new RealDimension(
                    d.name(),
                    d.low(),
                    d.high(),
                    d.log() ? RealDimension.Prior.LOG_UNIFORM : RealDimension.Prior.UNIFORM);
          });
    }
    space = new Space(out);
    offsets = new int[out.size()];
    for (int i = 1; i < offsets.length; i++) {
      offsets[i] = offsets[i - 1] + out.get(i - 1).unitSize();
    }
  }

  Space space() {
    return space;
  }

  int size() {
    return offsets.length;
  }

  Dimension dimension(int i) {
    return space.dimensions().get(i);
  }

  /** A trial's parameters as the optimizer's types (Long for an integer), in the unit cube. */
  double[] toUnit(Map<String, Object> params) {
    Map<String, Object> typed = new LinkedHashMap<>();
    for (Dimension d : space.dimensions()) {
      Object v = params.get(d.name());
      typed.put(
          d.name(), d instanceof IntegerDimension && v instanceof Double x ? Math.round(x) : v);
    }
    return space.toUnit(typed);
  }

  /** Writes dimension {@code i}'s value {@code v} into a unit-cube point. */
  void set(double[] u, int i, Object v) {
    dimension(i).toUnit(v, u, offsets[i]);
  }

  /**
   * {@code n} points of a Latin hypercube (McKay, Beckman &amp; Conover 1979): each dimension's
   * unit interval cut into {@code n} equal strata, one point in each, the strata paired at random.
   * Its averages vary less than those of independent samples, for the same number of evaluations.
   */
  List<double[]> latinHypercube(int n, SplittableRandom rng) {
    List<double[]> out = new ArrayList<>();
    for (int s = 0; s < n; s++) {
      out.add(new double[space.unitSize()]);
    }
    for (int i = 0; i < size(); i++) {
      int[] strata = new int[n];
      for (int s = 0; s < n; s++) {
        strata[s] = s;
      }
      for (int s = n - 1; s > 0; s--) {
        int r = rng.nextInt(s + 1);
        int t = strata[s];
        strata[s] = strata[r];
        strata[r] = t;
      }
      for (int s = 0; s < n; s++) {
        double u = (strata[s] + rng.nextDouble()) / n;
        set(out.get(s), i, at(i, u));
      }
    }
    return out;
  }

  /** Dimension {@code i}'s value at a point of the unit interval; categories share it equally. */
  private Object at(int i, double u) {
    if (dimension(i) instanceof CategoricalDimension c) {
      return c.categories()
          .get(Math.min(c.categories().size() - 1, (int) (u * c.categories().size())));
    }
    return dimension(i).fromUnit(new double[] {u}, 0);
  }

  /** The values dimension {@code i} is swept over. */
  List<Object> grid(int i, int points) {
    Dimension d = dimension(i);
    List<Object> out = new ArrayList<>();
    if (d instanceof CategoricalDimension c) {
      out.addAll(c.categories());
    } else if (d instanceof IntegerDimension n && n.size() <= points) {
      for (long v = n.low(); v <= n.high(); v++) {
        out.add(v);
      }
    } else {
      for (int k = 0; k < points; k++) {
        Object v = d.fromUnit(new double[] {(k + 0.5) / points}, 0);
        if (!out.contains(v)) {
          out.add(v);
        }
      }
    }
    return out;
  }
}
