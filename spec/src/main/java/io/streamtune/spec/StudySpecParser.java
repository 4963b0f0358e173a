package io.streamtune.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.Direction;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a YAML (or JSON) study spec into a validated {@link StudySpec}. All problems are collected
 * before failing, and each names its field, so a user fixes a spec in one pass. Unknown keys are
 * errors (with a suggestion), because a silently ignored {@code n_trails} runs the wrong study.
 */
public final class StudySpecParser {

  private static final Pattern STUDY_ID = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  private static final YAMLMapper YAML = new YAMLMapper();

  private final List<String> problems = new ArrayList<>();

  private StudySpecParser() {}

  /**
   * Whether {@code id} is a study id this parser accepts; services use it to refuse foreign
   * records.
   */
  public static boolean isStudyId(String id) {
    return id != null && STUDY_ID.matcher(id).matches();
  }

  public static StudySpec parse(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new SpecException(file + ": cannot read (" + e.getMessage() + ")");
    }
    return parse(text);
  }

  public static StudySpec parse(String yaml) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      throw new SpecException(
          "not valid YAML: "
              + e.getOriginalMessage()
              + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
    }
    if (root == null || !root.isObject()) {
      throw new SpecException(
          "the spec must be a YAML mapping with keys " + SpecVocabulary.TOP_LEVEL);
    }
    return new StudySpecParser().read((ObjectNode) root);
  }

  private StudySpec read(ObjectNode root) {
    checkKeys("", root, SpecVocabulary.TOP_LEVEL);

    String studyId = text(root, "study", null);
    if (studyId == null) {
      problems.add("study: required (the study id, for example 'study: quickstart')");
    } else if (!STUDY_ID.matcher(studyId).matches()) {
      problems.add("study: must match " + STUDY_ID.pattern() + " but was '" + studyId + "'");
    }

    ObjectiveSpec objective = readObjective(root.get("objective"));
    MetricSpec metric = readMetric(root.get("metric"));
    int nTrials = intAtLeast(root, "n_trials", null, 1);
    int parallelism = intAtLeast(root, "parallelism", 1, 1);
    int maxEpochs = intAtLeast(root, "max_epochs", 20, 1);
    List<Dimension> space = new SpaceReader(problems).read(root.get("space"));
    AlgorithmSpec algorithm =
        new AlgorithmReader(problems)
            .read(root.get("algorithm"), space, declaredNames(root.get("space")));
    StoppingSpec stopping = readStopping(root.get("stopping"));

    if (!problems.isEmpty()) {
      throw new SpecException(problems);
    }
    return StudySpec.newBuilder()
        .setStudyId(studyId)
        .setObjective(objective)
        .setMetric(metric)
        .setSpace(space)
        .setNTrials(nTrials)
        .setParallelism(parallelism)
        .setMaxEpochs(maxEpochs)
        .setAlgorithm(algorithm)
        .setStopping(stopping)
        .setSubmittedAt(0L)
        .build();
  }

  private ObjectiveSpec readObjective(JsonNode node) {
    if (node == null || node.isNull()) {
      problems.add("objective: required (for example 'objective: {name: branin}')");
      return null;
    }
    if (node.isTextual()) {
      return new ObjectiveSpec(node.asText(), Map.of());
    }
    if (!node.isObject()) {
      problems.add("objective: must be a name or a mapping with 'name' and 'options'");
      return null;
    }
    checkKeys("objective.", node, List.of("name", "options"));
    String name = text(node, "name", null);
    if (name == null || name.isBlank()) {
      problems.add("objective.name: required");
    }
    Map<String, String> options = new LinkedHashMap<>();
    JsonNode opts = node.get("options");
    if (opts != null && !opts.isNull()) {
      if (!opts.isObject()) {
        problems.add("objective.options: must be a mapping");
      } else {
        opts.fields()
            .forEachRemaining(
                e ->
                    options.put(
                        e.getKey(),
                        e.getValue().isValueNode()
                            ? e.getValue().asText()
                            : e.getValue().toString()));
      }
    }
    return new ObjectiveSpec(name, options);
  }

  private MetricSpec readMetric(JsonNode node) {
    if (node == null || node.isNull()) {
      return new MetricSpec("loss", Direction.MINIMIZE);
    }
    if (!node.isObject()) {
      problems.add("metric: must be a mapping with 'name' and 'direction'");
      return null;
    }
    checkKeys("metric.", node, List.of("name", "direction"));
    String name = text(node, "name", "loss");
    String dir = text(node, "direction", "minimize");
    Direction direction =
        switch (dir.toLowerCase(Locale.ROOT)) {
          case "minimize", "min" -> Direction.MINIMIZE;
          case "maximize", "max" -> Direction.MAXIMIZE;
          default -> {
            problems.add(
                "metric.direction: must be 'minimize' or 'maximize' but was '" + dir + "'");
            yield Direction.MINIMIZE;
          }
        };
    return new MetricSpec(name, direction);
  }

  private StoppingSpec readStopping(JsonNode node) {
    if (node == null || node.isNull()) {
      return new StoppingSpec("none", Map.of());
    }
    if (node.isTextual()) {
      node = YAML.createObjectNode().put("rule", node.asText());
    }
    if (!node.isObject()) {
      problems.add("stopping: must be a rule name or a mapping with 'rule' and its options");
      return null;
    }
    String rule = text(node, "rule", "none");
    Set<String> allowed = SpecVocabulary.STOPPING_RULES.get(rule);
    if (allowed == null) {
      problems.add(
          "stopping.rule: must be one of "
              + sorted(SpecVocabulary.STOPPING_RULES.keySet())
              + " but was '"
              + rule
              + "'"
              + suggestion(rule, SpecVocabulary.STOPPING_RULES.keySet()));
      return null;
    }
    List<String> keys = new ArrayList<>(allowed);
    keys.add("rule");
    checkKeys("stopping.", node, keys);
    Map<String, Double> options = new LinkedHashMap<>();
    for (String key : allowed) {
      JsonNode v = node.get(key);
      if (v != null && !v.isNull()) {
        Double d = number(v);
        if (d == null || !Double.isFinite(d)) {
          problems.add("stopping." + key + ": must be a number but was '" + v.asText() + "'");
        } else if (d < 0) {
          problems.add("stopping." + key + ": must be >= 0 but was " + d);
        } else {
          options.put(key, d);
        }
      }
    }
    return new StoppingSpec(rule, options);
  }

  // ---- small helpers shared with the readers ----------------------------------------------------

  private static List<String> declaredNames(JsonNode space) {
    List<String> names = new ArrayList<>();
    if (space != null && space.isObject()) {
      space.fieldNames().forEachRemaining(names::add);
    }
    return names;
  }

  void checkKeys(String prefix, JsonNode node, Collection<String> allowed) {
    checkKeys(problems, prefix, node, allowed);
  }

  static void checkKeys(
      List<String> problems, String prefix, JsonNode node, Collection<String> allowed) {
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!allowed.contains(key)) {
                problems.add(
                    prefix
                        + key
                        + ": unknown field"
                        + suggestion(key, allowed)
                        + "; allowed here: "
                        + sorted(allowed));
              }
            });
  }

  private String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isValueNode()) {
      problems.add(field + ": must be a single value");
      return fallback;
    }
    return v.asText();
  }

  private int intAtLeast(JsonNode node, String field, Integer fallback, int min) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      if (fallback == null) {
        problems.add(field + ": required");
        return min;
      }
      return fallback;
    }
    Double d = number(v);
    if (d == null || d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
      problems.add(field + ": must be a whole number but was '" + v.asText() + "'");
      return min;
    }
    if (d < min) {
      problems.add(field + ": must be >= " + min + " but was " + d.intValue());
      return min;
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

  static List<String> sorted(Collection<String> words) {
    return words.stream().sorted().toList();
  }

  static String suggestion(String word, Collection<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      int d = levenshtein(word.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best != null && bestDistance <= Math.max(2, word.length() / 3)
        ? " (did you mean '" + best + "'?)"
        : "";
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  static Set<String> unique(List<String> values, List<String> duplicates) {
    Set<String> seen = new HashSet<>();
    for (String v : values) {
      if (!seen.add(v)) {
        duplicates.add(v);
      }
    }
    return seen;
  }
}
