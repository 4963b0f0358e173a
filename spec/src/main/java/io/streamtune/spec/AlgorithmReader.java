package io.streamtune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.Dimension;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code algorithm:} mapping, including {@code x0} default points, which are checked
 * against the space so that a bad default fails at submit time rather than inside the suggester.
 */
final class AlgorithmReader {

  private static final List<String> KEYS =
      List.of("name", "acq_func", "n_initial_points", "initial_design", "seed", "x0");

  private final List<String> problems;

  AlgorithmReader(List<String> problems) {
    this.problems = problems;
  }

  /**
   * @param declared every parameter name under {@code space:}, including those rejected there, so
   *     that an x0 value for a rejected dimension is not reported again as an unknown field
   */
  AlgorithmSpec read(JsonNode node, List<Dimension> space, Collection<String> declared) {
    AlgorithmSpec.Builder b = AlgorithmSpec.newBuilder();
    if (node == null || node.isNull()) {
      return b.build();
    }
    if (node.isTextual()) {
      return b.setName(oneOf("algorithm.name", node.asText(), SpecVocabulary.ALGORITHMS)).build();
    }
    if (!node.isObject()) {
      problems.add("algorithm: must be a name or a mapping");
      return b.build();
    }
    StudySpecParser.checkKeys(problems, "algorithm.", node, KEYS);
    if (node.hasNonNull("name")) {
      b.setName(oneOf("algorithm.name", node.get("name").asText(), SpecVocabulary.ALGORITHMS));
    }
    if (node.hasNonNull("acq_func")) {
      b.setAcqFunc(
          oneOf("algorithm.acq_func", node.get("acq_func").asText(), SpecVocabulary.ACQUISITIONS));
    }
    if (node.hasNonNull("initial_design")) {
      b.setInitialDesign(
          oneOf(
              "algorithm.initial_design",
              node.get("initial_design").asText(),
              SpecVocabulary.INITIAL_DESIGNS));
    }
    if (node.hasNonNull("n_initial_points")) {
      Double d = StudySpecParser.number(node.get("n_initial_points"));
      if (d == null || d != Math.rint(d) || d < 0) {
        problems.add(
            "algorithm.n_initial_points: must be a whole number >= 0 but was '"
                + node.get("n_initial_points").asText()
                + "'");
      } else {
        b.setNInitialPoints(d.intValue());
      }
    }
    if (node.hasNonNull("seed")) {
      Double d = StudySpecParser.number(node.get("seed"));
      if (d == null || d != Math.rint(d)) {
        problems.add(
            "algorithm.seed: must be a whole number but was '" + node.get("seed").asText() + "'");
      } else {
        b.setSeed(d.longValue());
      }
    }
    if (node.hasNonNull("x0")) {
      b.setX0(readX0(node.get("x0"), space, declared));
    }
    return b.build();
  }

  private String oneOf(String path, String value, Set<String> allowed) {
    if (!allowed.contains(value)) {
      problems.add(
          path
              + ": must be one of "
              + StudySpecParser.sorted(allowed)
              + " but was '"
              + value
              + "'"
              + StudySpecParser.suggestion(value, allowed));
    }
    return value;
  }

  private List<Map<String, Object>> readX0(
      JsonNode node, List<Dimension> space, Collection<String> declared) {
    List<Map<String, Object>> points = new ArrayList<>();
    if (!node.isArray()) {
      problems.add(
          "algorithm.x0: must be a list of points, each a mapping from parameter name to value");
      return points;
    }
    for (int i = 0; i < node.size(); i++) {
      String path = "algorithm.x0[" + i + "]";
      JsonNode p = node.get(i);
      if (!p.isObject()) {
        problems.add(path + ": must be a mapping from parameter name to value");
        continue;
      }
      Map<String, Object> point = new LinkedHashMap<>();
      for (Dimension d : space) {
        JsonNode v = p.get(d.getName());
        if (v == null) {
          problems.add(path + "." + d.getName() + ": missing (every dimension needs a value)");
          continue;
        }
        Object value = ParamValues.coerce(d, v.isNumber() ? (Object) v.numberValue() : v.asText());
        String error = ParamValues.check(d, value);
        if (error != null) {
          problems.add(path + "." + d.getName() + ": " + error);
        } else {
          point.put(d.getName(), value);
        }
      }
      StudySpecParser.checkKeys(problems, path + ".", p, declared);
      points.add(point);
    }
    return points;
  }
}
