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
                new IntegerDimension(d.name(), Math.round(d.low()), Math.round(d.high()));
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
