package io.streamtune.optimizer.acquisition;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.Dimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Coordinate search over the integer and categorical dimensions of a point: each such dimension in
 * turn is set to every category (or to integers at doubling steps around the current one, all of
 * them when there are at most {@link #ENUMERATE} values) and the best utility is kept, with the
 * continuous coordinates held. A gradient step on a one-hot or binned relaxation cannot tell which
 * category is best, because the utility between categories is a fiction of the relaxation; an exact
 * search of each discrete dimension can, as Optuna's {@code GPSampler} does in its mixed local
 * search ({@code optuna/_gp/optim_mixed.py}).
 */
final class DiscreteSearch {

  static final int ENUMERATE = 16;
  private static final int PASSES = 2;

  private final Space space;
  private final int[] offsets;

  DiscreteSearch(Space space) {
    this.space = space;
    this.offsets = new int[space.dimensions().size()];
    int o = 0;
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = o;
      o += space.dimensions().get(i).unitSize();
    }
  }

  boolean hasDiscrete() {
    return space.dimensions().stream().anyMatch(d -> !isContinuous(d));
  }

  private static boolean isContinuous(Dimension d) {
    return !(d instanceof IntegerDimension) && !(d instanceof CategoricalDimension);
  }

  /** Improves {@code x} (a snapped unit point) in place; returns its utility. */
  double improve(double[] x, double utility, ToDoubleFunction<double[]> u) {
    double best = utility;
    for (int pass = 0; pass < PASSES; pass++) {
      boolean moved = false;
      for (int i = 0; i < offsets.length; i++) {
        Dimension d = space.dimensions().get(i);
        if (isContinuous(d)) {
          continue;
        }
        Object current = d.fromUnit(x, offsets[i]);
        double[] trial = x.clone();
        for (Object v : alternatives(d, current)) {
          d.toUnit(v, trial, offsets[i]);
          double value = u.applyAsDouble(trial);
          if (value > best) {
            best = value;
            System.arraycopy(trial, offsets[i], x, offsets[i], d.unitSize());
            moved = true;
          }
        }
      }
      if (!moved) {
        break;
      }
    }
    return best;
  }

  private static List<Object> alternatives(Dimension d, Object current) {
    List<Object> out = new ArrayList<>();
    if (d instanceof CategoricalDimension c) {
      for (String s : c.categories()) {
        if (!s.equals(current)) {
          out.add(s);
        }
      }
      return out;
    }
    IntegerDimension i = (IntegerDimension) d;
    long v = (Long) current;
    if (i.size() <= ENUMERATE) {
      for (long k = i.low(); k <= i.high(); k++) {
        if (k != v) {
          out.add(k);
        }
      }
      return out;
    }
    for (long step = 1; step <= i.size(); step *= 2) {
      if (v - step >= i.low()) {
        out.add(v - step);
      }
      if (v + step <= i.high()) {
        out.add(v + step);
      }
    }
    return out;
  }
}
