package io.streamtune.optimizer;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.Dimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run, shaped like scikit-optimize's {@code OptimizeResult}: the best point {@code
 * x} and value {@code fun}, every evaluated point and value in order, a description of each
 * dimension of the space, and the surrogate's final summary. It is plain data: serialising it (as
 * JSON, say) is the caller's business, so the library needs no JSON on its classpath.
 */
public record OptimizeResult(
    Map<String, Object> x,
    double fun,
    List<Map<String, Object>> xIters,
    List<Double> funcVals,
    List<Map<String, Object>> space,
    List<Map<String, Object>> models) {

  public OptimizeResult {
    xIters = List.copyOf(xIters);
    funcVals = List.copyOf(funcVals);
    space = List.copyOf(space);
    models = List.copyOf(models);
  }

  /**
   * Builds a result from an optimizer's log; {@code models} may be empty (random and grid search).
   */
  public static OptimizeResult of(
      Space space, ObservationLog log, List<Map<String, Object>> models) {
    if (log.size() == 0) {
      throw new IllegalArgumentException("no evaluations to report");
    }
    int best = 0;
    for (int i = 1; i < log.size(); i++) {
      if (log.ys().get(i) < log.ys().get(best)) {
        best = i;
      }
    }
    return new OptimizeResult(
        log.xs().get(best), log.ys().get(best), log.xs(), log.ys(), describe(space), models);
  }

  static List<Map<String, Object>> describe(Space space) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Dimension d : space.dimensions()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", d.name());
      if (d instanceof IntegerDimension i) {
        m.put("type", "integer");
        m.put("low", i.low());
        m.put("high", i.high());
      } else if (d instanceof RealDimension r) {
        m.put("type", "real");
        m.put("low", r.low());
        m.put("high", r.high());
        m.put("prior", r.prior() == RealDimension.Prior.LOG_UNIFORM ? "log-uniform" : "uniform");
      } else if (d instanceof CategoricalDimension c) {
        m.put("type", "categorical");
        m.put("categories", c.categories());
      }
      out.add(m);
    }
    return out;
  }
}
