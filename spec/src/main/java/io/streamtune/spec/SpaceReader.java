package io.streamtune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Prior;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code space:} mapping. Each entry is {@code name: {type, low, high, prior}} or {@code
 * name: {type: categorical, values: [...]}}. Only the YAML's shape is checked here (types, keys);
 * ranges are {@link SpecValidation}'s. A dimension whose shape is wrong is left out of the record
 * and remembered as {@link #unreadable()}, so no follow-on problem is reported about it.
 */
final class SpaceReader {

  private static final List<String> NUMERIC_KEYS = List.of("type", "low", "high", "prior");
  private static final List<String> CATEGORICAL_KEYS = List.of("type", "values");
  private static final List<String> TYPES = List.of("categorical", "integer", "real");

  private final List<String> problems;
  private final Set<String> unreadable = new LinkedHashSet<>();

  SpaceReader(List<String> problems) {
    this.problems = problems;
  }

  Set<String> unreadable() {
    return unreadable;
  }

  /** The dimensions, or null when there is no space mapping (then SpecValidation reports it). */
  List<Dimension> read(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      problems.add("space: must be a mapping from parameter name to its range");
      return null;
    }
    if (node.size() > SpecLimits.MAX_DIMENSIONS) {
      problems.add(SpaceChecks.tooManyDimensions(node.size())); // fail fast: build none of them
      node.fieldNames().forEachRemaining(unreadable::add);
      return List.of();
    }
    List<Dimension> dims = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> it = node.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      int before = problems.size();
      Dimension d = readDimension("space." + e.getKey(), e.getKey(), e.getValue());
      if (d != null && problems.size() == before) {
        dims.add(d);
      } else {
        unreadable.add(e.getKey());
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
    if (typeNode == null || typeNode.isNull()) {
      problems.add(path + ".type: required, one of " + TYPES);
      return null;
    }
    String type = typeNode.asText().toLowerCase(Locale.ROOT);
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
                + ".type: must be one of "
                + TYPES
                + " but was "
                + Words.quote(type)
                + Words.suggestion(type, TYPES));
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
                + ".prior: must be 'uniform' or 'log-uniform' but was "
                + Words.quote(priorNode.asText()));
        return null;
      }
    }
    if (low == null || high == null) {
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

  /** A bound as a number; NaN and infinities pass, for SpecValidation to refuse by name. */
  private Double bound(String path, JsonNode v) {
    if (v == null || v.isNull()) {
      problems.add(path + ": required");
      return null;
    }
    Double d = StudySpecParser.number(v);
    if (d == null) {
      problems.add(path + ": must be a number but was " + Words.quote(v.asText()));
    }
    return d;
  }

  private Dimension categorical(String path, String name, JsonNode node) {
    JsonNode values = node.get("values");
    List<String> cats = new ArrayList<>();
    if (values != null && !values.isNull()) {
      if (!values.isArray()) {
        problems.add(path + ".values: must be a list such as [relu, sigmoid]");
        return null;
      }
      if (values.size() > SpecLimits.MAX_CATEGORIES) {
        problems.add(SpaceChecks.tooManyValues(path, values.size()));
        return null;
      }
      for (int i = 0; i < values.size(); i++) {
        JsonNode v = values.get(i);
        if (!v.isValueNode() || v.isNull()) {
          problems.add(path + ".values[" + i + "]: must be a single value such as relu");
          return null;
        }
        cats.add(v.asText());
      }
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
