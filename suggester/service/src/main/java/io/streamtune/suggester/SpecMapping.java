package io.streamtune.suggester;

import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.optimizer.OptimizerSettings;
import io.streamtune.optimizer.space.Dimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.spec.OptimizerSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Translates the wire contract (Avro) into the optimizer library's types, which know no Avro. */
public final class SpecMapping {

  private SpecMapping() {}

  public static Space space(StudySpec spec) {
    return OptimizerSpace.of(spec.getSpace());
  }

  public static OptimizerSettings settings(StudySpec spec) {
    AlgorithmSpec a = spec.getAlgorithm();
    List<Map<String, Object>> x0 = new ArrayList<>();
    for (Map<String, Object> p : a.getX0()) {
      x0.add(point(p));
    }
    return new OptimizerSettings(
        a.getName(),
        a.getAcqFunc(),
        a.getNInitialPoints(),
        a.getInitialDesign(),
        a.getSeed(),
        x0,
        spec.getNTrials());
  }

  /** Copies a wire map into dimension order with canonical Java types. */
  public static Map<String, Object> point(Map<String, Object> wire) {
    Map<String, Object> p = new LinkedHashMap<>();
    wire.forEach((k, v) -> p.put(k.toString(), v instanceof CharSequence s ? s.toString() : v));
    return p;
  }

  public static Map<String, Object> ordered(Space space, Map<String, Object> wire) {
    Map<String, Object> p = point(wire);
    Map<String, Object> ordered = new LinkedHashMap<>();
    for (Dimension d : space.dimensions()) {
      ordered.put(d.name(), p.get(d.name()));
    }
    return ordered;
  }
}
