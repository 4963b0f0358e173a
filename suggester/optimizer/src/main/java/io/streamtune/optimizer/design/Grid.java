package io.streamtune.optimizer.design;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.Dimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A full-factorial grid over a {@link Space}: every category, every integer when there are at most
 * {@code levels} of them (else {@code levels} evenly spaced ones), and {@code levels} evenly spaced
 * reals in the unit cube (so a log-uniform dimension gets a geometric grid). Real levels include
 * both ends, so the grid with {@code 2L - 1} levels contains the grid with {@code L}: refining
 * never repeats work.
 */
public final class Grid {

  private Grid() {}

  /** The values of each dimension at this resolution. */
  public static List<List<Object>> axes(Space space, int levels) {
    if (levels < 1) {
      throw new IllegalArgumentException("levels must be >= 1 but was " + levels);
    }
    List<List<Object>> axes = new ArrayList<>();
    for (Dimension d : space.dimensions()) {
      if (d instanceof CategoricalDimension c) {
        axes.add(List.copyOf(c.categories()));
      } else if (d instanceof IntegerDimension i) {
        axes.add(integerAxis(i, levels));
      } else {
        axes.add(realAxis((RealDimension) d, levels));
      }
    }
    return axes;
  }

  private static List<Object> integerAxis(IntegerDimension d, int levels) {
    if (d.size() <= levels) {
      List<Object> all = new ArrayList<>();
      for (long v = d.low(); v <= d.high(); v++) {
        all.add(v);
      }
      return all;
    }
    TreeSet<Long> values = new TreeSet<>();
    for (int k = 0; k < levels; k++) {
      double t = levels == 1 ? 0.5 : (double) k / (levels - 1);
      values.add(Math.round(d.low() + t * (d.high() - d.low())));
    }
    return new ArrayList<>(values);
  }

  private static List<Object> realAxis(RealDimension d, int levels) {
    List<Object> values = new ArrayList<>();
    double[] u = new double[1];
    for (int k = 0; k < levels; k++) {
      u[0] = levels == 1 ? 0.5 : (double) k / (levels - 1);
      values.add(d.fromUnit(u, 0));
    }
    return values;
  }

  /** Number of grid points, saturating at {@code Long.MAX_VALUE}. */
  public static long size(List<List<Object>> axes) {
    long size = 1;
    for (List<Object> a : axes) {
      if (size > Long.MAX_VALUE / Math.max(1, a.size())) {
        return Long.MAX_VALUE;
      }
      size *= a.size();
    }
    return size;
  }

  /** The largest resolution (at least 2) whose grid has at most {@code budget} points. */
  public static int levelsFor(Space space, long budget) {
    int levels = 2;
    while (levels < 1_000_000
        && size(axes(space, levels + 1)) <= budget
        && size(axes(space, levels + 1)) > size(axes(space, levels))) {
      levels++;
    }
    return levels;
  }

  /**
   * Whether a finer resolution would add points (false when every dimension is fully enumerated).
   */
  public static boolean canRefine(Space space, int levels) {
    return size(axes(space, 2 * levels - 1)) > size(axes(space, levels));
  }

  /** The {@code index}-th point in lexicographic order, last dimension fastest. */
  public static Map<String, Object> point(Space space, List<List<Object>> axes, long index) {
    Object[] values = new Object[axes.size()];
    for (int d = axes.size() - 1; d >= 0; d--) {
      int k = axes.get(d).size();
      values[d] = axes.get(d).get((int) (index % k));
      index /= k;
    }
    Map<String, Object> p = new LinkedHashMap<>();
    for (int d = 0; d < values.length; d++) {
      p.put(space.dimensions().get(d).name(), values[d]);
    }
    return p;
  }
}
