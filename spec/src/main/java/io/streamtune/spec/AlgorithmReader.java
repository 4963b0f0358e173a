package io.streamtune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.Dimension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code algorithm:} mapping, including {@code x0} default points. Only the YAML's shape
 * is checked here; names, ranges and whether each point fits the space are {@link
 * SpecValidation}'s, so that a bad default fails at submit time rather than inside the suggester.
 */
final class AlgorithmReader {

  private static final List<String> KEYS =
      List.of("name", "acq_func", "n_initial_points", "initial_design", "seed", "x0");

  /** Seeds are read through a double; beyond 2^53 they would silently change. */
  private static final double MAX_EXACT_SEED = 9_007_199_254_740_992.0;

  private final List<String> problems;

  AlgorithmReader(List<String> problems) {
    this.problems = problems;
  }

  /**
   * @param space the readable dimensions (null if none), whose types the x0 values take
   */
  AlgorithmSpec read(JsonNode node, List<Dimension> space) {
    AlgorithmSpec.Builder b = AlgorithmSpec.newBuilder();
    if (node == null || node.isNull()) {
      return b.build();
    }
    if (node.isValueNode()) {
      return b.setName(node.asText()).build();
    }
    if (!node.isObject()) {
      problems.add("algorithm: must be a name or a mapping");
      return b.build();
    }
    StudySpecParser.checkKeys(problems, "algorithm.", node, KEYS);
    String name = text(node, "name");
    if (name != null) {
      b.setName(name);
    }
    String acqFunc = text(node, "acq_func");
    if (acqFunc != null) {
      b.setAcqFunc(acqFunc);
    }
    String design = text(node, "initial_design");
    if (design != null) {
      b.setInitialDesign(design);
    }
    if (node.hasNonNull("n_initial_points")) {
      b.setNInitialPoints(
          StudySpecParser.integer(problems, node, "algorithm.n_initial_points", null));
    }
    if (node.hasNonNull("seed")) {
      JsonNode v = node.get("seed");
      Double d = StudySpecParser.number(v);
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        b.setSeed(v.longValue());
      } else if (d != null && d == Math.rint(d) && Math.abs(d) <= MAX_EXACT_SEED) {
        b.setSeed(d.longValue());
      } else {
        problems.add("algorithm.seed: must be a whole number but was " + Words.quote(v.asText()));
      }
    }
    if (node.hasNonNull("x0")) {
      b.setX0(readX0(node.get("x0"), space == null ? List.of() : space));
    }
    return b.build();
  }

  private String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      problems.add("algorithm." + field + ": must be a single value");
      return null;
    }
    return v.asText();
  }

  private List<Map<String, Object>> readX0(JsonNode node, List<Dimension> space) {
    List<Map<String, Object>> points = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(
          "algorithm.x0: must be a list of points, each a mapping from parameter name to value");
      return points;
    }
    if (node.size() > SpecLimits.MAX_X0_POINTS) {
      problems.add(SpaceChecks.tooManyPoints(node.size()));
      return points;
    }
    Map<String, Dimension> dims = new LinkedHashMap<>();
    space.forEach(d -> dims.put(d.getName(), d));
    for (int i = 0; i < node.size(); i++) {
      String path = "algorithm.x0[" + i + "]";
      JsonNode p = node.get(i);
      Map<String, Object> point = new LinkedHashMap<>();
      points.add(point); // also when unreadable, so that later points keep their index
      if (!p.isObject()) {
        problems.add(path + ": must be a mapping from parameter name to value");
        continue;
      }
      p.fields()
          .forEachRemaining(
              e -> {
                JsonNode v = e.getValue();
                if (v.isNull()) {
                  return; // SpecValidation reports the value as missing
                }
                if (!v.isValueNode()) {
                  problems.add(path + "." + e.getKey() + ": must be a single value");
                  return;
                }
                point.put(e.getKey(), wire(dims.get(e.getKey()), v));
              });
    }
    return points;
  }

  /** A value in the wire's types (Long, Double, String), in its dimension's type if it has one. */
  private static Object wire(Dimension d, JsonNode v) {
    if (d != null) {
      Object value = ParamValues.coerce(d, v.isNumber() ? v.numberValue() : v.asText());
      return value instanceof Number n && !(value instanceof Long) ? n.doubleValue() : value;
    }
    return v.isNumber() ? (Object) v.doubleValue() : v.asText();
  }
}
