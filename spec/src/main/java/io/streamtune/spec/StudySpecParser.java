package io.streamtune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.Direction;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a YAML (or JSON) study spec into a valid {@link StudySpec}. The parser checks what only the
 * YAML shows (syntax, duplicate and unknown keys, types), builds the Avro record, and then runs
 * {@link SpecValidation} on it: the same rules a service applies to a spec it reads from Kafka. All
 * problems are collected before failing, and each names its field, so a user fixes a spec in one
 * pass. Unknown keys are errors (with a suggestion), because a silently ignored {@code n_trails}
 * runs the wrong study.
 */
public final class StudySpecParser {

  private final List<String> problems;

  private StudySpecParser(List<String> problems) {
    this.problems = new ArrayList<>(problems);
  }

  /**
   * Whether {@code id} is a study id this parser accepts; services use it to refuse foreign
   * records.
   */
  public static boolean isStudyId(String id) {
    return SpecValidation.isStudyId(id);
  }

  /** Reads a spec file; a file above {@link SpecLimits#MAX_YAML_BYTES} is refused unread. */
  public static StudySpec parse(Path file) {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(SpecLimits.MAX_YAML_BYTES + 1); // never more, whatever the file is
      if (bytes.length > SpecLimits.MAX_YAML_BYTES) {
        throw new SpecException(file + " is " + size(file) + "; " + tooLarge());
      }
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read (" + e.getMessage() + ")");
    }
    try {
      return parse(StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString());
    } catch (CharacterCodingException e) {
      throw new SpecException(file + ": not UTF-8 text");
    }
  }

  /** The size of a file found too large; a pipe or device has no size to tell. */
  private static String size(Path file) {
    try {
      long n = Files.size(file);
      if (n > SpecLimits.MAX_YAML_BYTES) {
        return SpecLimits.bytes(n);
      }
    } catch (IOException e) {
      // fall through: the limit was exceeded while reading, which is all there is to say
    }
    return "more than " + SpecLimits.bytes(SpecLimits.MAX_YAML_BYTES);
  }

  private static String tooLarge() {
    return "a spec may be at most " + SpecLimits.bytes(SpecLimits.MAX_YAML_BYTES);
  }

  public static StudySpec parse(String yaml) {
    // Characters never outnumber UTF-8 bytes, so a long text is refused before it is encoded.
    long bytes =
        yaml.length() > SpecLimits.MAX_YAML_BYTES
            ? yaml.length()
            : yaml.getBytes(StandardCharsets.UTF_8).length;
    if (bytes > SpecLimits.MAX_YAML_BYTES) {
      throw new SpecException("the spec is " + SpecLimits.bytes(bytes) + "; " + tooLarge());
    }
    YamlTree.Result tree;
    try {
      tree = YamlTree.read(yaml);
    } catch (IOException e) {
      throw new SpecException("not valid YAML: " + YamlTree.describe(e));
    }
    if (tree.root() == null || !tree.root().isObject()) {
      throw new SpecException(
          "the spec must be a YAML mapping with keys " + SpecVocabulary.TOP_LEVEL);
    }
    return new StudySpecParser(tree.problems()).read((ObjectNode) tree.root());
  }

  private StudySpec read(ObjectNode root) {
    checkKeys(problems, "", root, SpecVocabulary.TOP_LEVEL);
    SpaceReader spaceReader = new SpaceReader(problems);
    List<Dimension> space = spaceReader.read(root.get("space"));
    // The all-arguments constructor takes nulls, which SpecValidation reports as required fields.
    StudySpec spec =
        new StudySpec(
            text(root, "study", null),
            readObjective(root.get("objective")),
            readMetric(root.get("metric")),
            space,
            integer(problems, root, "n_trials", null),
            integer(problems, root, "parallelism", 1),
            integer(problems, root, "max_epochs", 20),
            new AlgorithmReader(problems).read(root.get("algorithm"), space),
            readStopping(root.get("stopping")),
            0L,
            new EarlyStopReader(problems).read(root.get("early_stop")),
            null); // a submitted study runs; only a cancel record sets cancel
    List<String> all = new ArrayList<>(problems);
    for (String p : SpecValidation.problems(spec, spaceReader.unreadable())) {
      if (!reported(Words.pathOf(p))) {
        all.add(p);
      }
    }
    if (!all.isEmpty()) {
      throw new SpecException(all);
    }
    return spec;
  }

  /** Whether a YAML problem already covers {@code path}: a field that could not be read. */
  private boolean reported(String path) {
    for (String p : problems) {
      if (Words.within(path, Words.pathOf(p))) {
        return true;
      }
    }
    return false;
  }

  private ObjectiveSpec readObjective(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isValueNode()) {
      return new ObjectiveSpec(node.asText(), new LinkedHashMap<>());
    }
    if (!node.isObject()) {
      problems.add("objective: must be a name or a mapping with 'name' and 'options'");
      return null;
    }
    checkKeys(problems, "objective.", node, List.of("name", "options"));
    Map<String, String> options = new LinkedHashMap<>();
    JsonNode opts = node.get("options");
    if (opts != null && !opts.isNull()) {
      if (!opts.isObject()) {
        problems.add("objective.options: must be a mapping");
      } else {
        // Objectives parse their options from text; a nested value is passed on as JSON.
        opts.fields()
            .forEachRemaining(
                e ->
                    options.put(
                        e.getKey(),
                        e.getValue().isNull()
                            ? null
                            : e.getValue().isValueNode()
                                ? e.getValue().asText()
                                : e.getValue().toString()));
      }
    }
    return new ObjectiveSpec(text(node, "name", "objective."), options);
  }

  private MetricSpec readMetric(JsonNode node) {
    if (node == null || node.isNull()) {
      return new MetricSpec("loss", Direction.MINIMIZE);
    }
    if (!node.isObject()) {
      problems.add("metric: must be a mapping with 'name' and 'direction'");
      return new MetricSpec("loss", Direction.MINIMIZE);
    }
    checkKeys(problems, "metric.", node, List.of("name", "direction"));
    String name = node.has("name") ? text(node, "name", "metric.") : "loss";
    String dir = node.has("direction") ? text(node, "direction", "metric.") : "minimize";
    Direction direction =
        switch (dir == null ? "" : dir.toLowerCase(Locale.ROOT)) {
          case "minimize", "min" -> Direction.MINIMIZE;
          case "maximize", "max" -> Direction.MAXIMIZE;
          default -> {
            problems.add(
                "metric.direction: must be 'minimize' or 'maximize' but was " + Words.quote(dir));
            yield Direction.MINIMIZE;
          }
        };
    return new MetricSpec(name, direction);
  }

  private StoppingSpec readStopping(JsonNode node) {
    if (node == null || node.isNull()) {
      return new StoppingSpec("none", new LinkedHashMap<>());
    }
    if (node.isValueNode()) {
      return new StoppingSpec(node.asText(), new LinkedHashMap<>());
    }
    if (!node.isObject()) {
      problems.add("stopping: must be a rule name or a mapping with 'rule' and its options");
      return new StoppingSpec("none", new LinkedHashMap<>());
    }
    String rule = node.has("rule") ? text(node, "rule", "stopping.") : "none";
    Map<String, Double> options = new LinkedHashMap<>();
    node.fields()
        .forEachRemaining(
            e -> {
              if (e.getKey().equals("rule")) {
                return;
              }
              Double d = e.getValue().isNull() ? null : number(e.getValue());
              if (d == null && !e.getValue().isNull()) {
                problems.add(
                    "stopping."
                        + e.getKey()
                        + ": must be a number but was "
                        + Words.quote(e.getValue().asText()));
              } else {
                options.put(e.getKey(), d); // a null is reported by SpecValidation
              }
            });
    return new StoppingSpec(rule, options);
  }

  // ---- small helpers shared with the readers ----------------------------------------------------

  static void checkKeys(
      List<String> problems, String prefix, JsonNode node, Collection<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!allowed.contains(key)) {
                problems.add(
                    prefix
                        + Words.shortened(key)
                        + ": unknown field"
                        + Words.suggestion(key, allowed)
                        + "; allowed here: "
                        + Words.sorted(allowed));
              }
            });
  }

  /** A scalar field as text, or null (a problem if it is not a single value). */
  private String text(JsonNode node, String field, String prefix) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isValueNode()) {
      problems.add((prefix == null ? "" : prefix) + field + ": must be a single value");
      return null;
    }
    return v.asText();
  }

  /**
   * A whole-number field, or {@code fallback} when absent; a placeholder of 1 after a problem,
   * which keeps the record buildable (the problem already names the field).
   */
  static int integer(List<String> problems, JsonNode node, String path, Integer fallback) {
    String field = path.substring(path.lastIndexOf('.') + 1);
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        problems.add(path + ": required");
        return 1;
      }
      return fallback;
    }
    Double d = number(v);
    if (d == null || !Double.isFinite(d) || d != Math.rint(d)) {
      problems.add(path + ": must be a whole number but was " + Words.quote(v.asText()));
      return 1;
    }
    if (Math.abs(d) > Integer.MAX_VALUE) {
      problems.add(path + ": must be at most " + Integer.MAX_VALUE + " but was " + v.asText());
      return 1;
    }
    return d.intValue();
  }

  /** YAML 1.1 reads {@code 1e-4} as a string, so numbers are also accepted in text form. */
  static Double number(JsonNode v) {
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isTextual()) {
      try {
        return Double.parseDouble(v.asText().trim());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
