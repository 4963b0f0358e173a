package io.streamtune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Prior;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code space:} mapping. Each entry is {@code name: {type, low, high, prior}} or {@code
 * name: {type: categorical, values: [...]}}.
 */
final class SpaceReader {

  private static final List<String> NUMERIC_KEYS = List.of("type", "low", "high", "prior");
  private static final List<String> CATEGORICAL_KEYS = List.of("type", "values");

  private final List<String> problems;

  SpaceReader(List<String> problems) {
    this.problems = problems;
  }

  List<Dimension> read(JsonNode node) {
    List<Dimension> dims = new ArrayList<>();
    if (node == null || node.isNull()) {
      problems.add("space: required (a mapping from parameter name to its range)");
      return dims;
    }
    if (!node.isObject() || node.isEmpty()) {
      problems.add("space: must be a non-empty mapping from parameter name to its range");
      return dims;
    }
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      Dimension d = readDimension("space." + e.getKey(), e.getKey(), e.getValue());
      if (d != null) {
        dims.add(d);
      }
    }
    return dims;
  }

  private Dimension readDimension(String path, String name, JsonNode node) {
    if (!node.isObject()) {
      problems.add(path + ": must be a mapping such as {type: real, low: 0, high: 1}");
      return null;
    }
    JsonNode typeNode = node.get("type");
    String type = typeNode == null ? "" : typeNode.asText().toLowerCase(Locale.ROOT);
    switch (type) {
      case "int", "integer" -> {
        StudySpecParser.checkKeys(problems, path + ".", node, NUMERIC_KEYS);
        return numeric(path, name, node, DimensionType.INTEGER);
      }
      case "real", "float", "double" -> {
        StudySpecParser.checkKeys(problems, path + ".", node, NUMERIC_KEYS);
        return numeric(path, name, node, DimensionType.REAL);
      }
      case "categorical", "choice" -> {
        StudySpecParser.checkKeys(problems, path + ".", node, CATEGORICAL_KEYS);
        return categorical(path, name, node);
      }
      default -> {
        problems.add(
            path
                + ".type: must be one of [categorical, integer, real] but was '"
                + type
                + "'"
                + StudySpecParser.suggestion(type, List.of("categorical", "integer", "real")));
        return null;
      }
    }
  }

  private Dimension numeric(String path, String name, JsonNode node, DimensionType type) {
    Double low = bound(path + ".low", node.get("low"));
    Double high = bound(path + ".high", node.get("high"));
    Prior prior = Prior.UNIFORM;
    JsonNode priorNode = node.get("prior");
    if (priorNode != null && !priorNode.isNull()) {
      String p = priorNode.asText().toLowerCase(Locale.ROOT).replace('_', '-');
      if (p.equals("log-uniform") || p.equals("loguniform") || p.equals("log")) {
        prior = Prior.LOG_UNIFORM;
      } else if (!p.equals("uniform")) {
        problems.add(
            path
                + ".prior: must be 'uniform' or 'log-uniform' but was '"
                + priorNode.asText()
                + "'");
      }
    }
    if (low == null || high == null) {
      return null;
    }
    if (type == DimensionType.INTEGER && (low != Math.rint(low) || high != Math.rint(high))) {
      problems.add(
          path + ": integer bounds must be whole numbers but were [" + low + ", " + high + "]");
      return null;
    }
    boolean valid = type == DimensionType.INTEGER ? low <= high : low < high;
    if (!valid) {
      problems.add(
          path
              + ": low ("
              + low
              + ") must be "
              + (type == DimensionType.INTEGER ? "<=" : "<")
              + " high ("
              + high
              + ")");
      return null;
    }
    if (prior == Prior.LOG_UNIFORM && low <= 0) {
      problems.add(path + ".low: a log-uniform prior needs low > 0 but was " + low);
      return null;
    }
    return Dimension.newBuilder()
        .setName(name)
        .setType(type)
        .setLow(low)
        .setHigh(high)
        .setPrior(prior)
        .setCategories(List.of())
        .build();
  }

  private Double bound(String path, JsonNode v) {
    if (v == null || v.isNull()) {
      problems.add(path + ": required");
      return null;
    }
    Double d = StudySpecParser.number(v);
    if (d == null || !Double.isFinite(d)) {
      problems.add(path + ": must be a finite number but was '" + v.asText() + "'");
      return null;
    }
    return d;
  }

  private Dimension categorical(String path, String name, JsonNode node) {
    JsonNode values = node.get("values");
    if (values == null || !values.isArray() || values.isEmpty()) {
      problems.add(path + ".values: required, a non-empty list such as [relu, sigmoid]");
      return null;
    }
    List<String> cats = new ArrayList<>();
    values.forEach(v -> cats.add(v.asText()));
    List<String> duplicates = new ArrayList<>();
    StudySpecParser.unique(cats, duplicates);
    if (!duplicates.isEmpty()) {
      problems.add(path + ".values: duplicate categories " + duplicates);
      return null;
    }
    return Dimension.newBuilder()
        .setName(name)
        .setType(DimensionType.CATEGORICAL)
        .setLow(0)
        .setHigh(0)
        .setPrior(Prior.UNIFORM)
        .setCategories(cats)
        .build();
  }
}
