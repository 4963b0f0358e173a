package io.streamtune.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A study's results as the report reads them: the fields of a results file (see the README's
 * "Results file"), in the metric's own sign. Built only from that file's JSON tree, so a report
 * made from Kafka and one made from the file the run wrote are the same.
 *
 * @param spec the study's spec as the services ran it ({@code specs.args}), or an empty object
 */
public record StudyResults(
    String study,
    String state,
    String metric,
    boolean maximize,
    String objective,
    String algorithm,
    String stopping,
    int nTrials,
    String startedAt,
    String endedAt,
    double wallSeconds,
    long epochsRun,
    long epochsBudget,
    List<Dim> space,
    List<Trial> trials,
    JsonNode spec,
    Baseline baseline) {

  public StudyResults {
    space = List.copyOf(space);
    trials = List.copyOf(trials);
  }

  /**
   * The same search space searched by another algorithm (random search, by {@code run --baseline
   * random}): its final values in trial order, in the metric's own sign.
   */
  public record Baseline(String study, String algorithm, List<Valued> values) {
    public Baseline {
      values = List.copyOf(values);
    }
  }

  /** A trial's final value. */
  public record Valued(int number, double value) {}

  public Optional<Baseline> baselineRun() {
    return Optional.ofNullable(baseline);
  }

  /** One dimension of the search space, as skopt names it: real, integer or categorical. */
  public record Dim(
      String name, String type, double low, double high, boolean log, List<String> categories) {
    public Dim {
      categories = List.copyOf(categories);
    }

    public boolean categorical() {
      return "categorical".equals(type);
    }
  }

  /** Why and when the monitor or the trainer stopped a trial. */
  public record Stop(String rule, int step, String reason) {}

  /** One epoch's value; null when it was not finite. */
  public record Epoch(int epoch, Double value) {}

  /**
   * One trial as it ended.
   *
   * @param value its value in the metric's sign, null if it has none (failed, diverged)
   * @param partial whether the value is the last epoch's of a trial the monitor stopped
   * @param params parameter values: numbers as {@code Double}, categories as {@code String}
   */
  public record Trial(
      int number,
      String trialId,
      String status,
      Double value,
      boolean partial,
      Map<String, Object> params,
      int epochsRun,
      int maxEpochs,
      int attempt,
      String worker,
      Double durationSeconds,
      Stop stop,
      String error,
      Map<String, Double> extraMetrics,
      List<Epoch> curve) {

    public Trial {
      // Orders kept: parameters in the space's order, extra metrics by name
      params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
      extraMetrics = Collections.unmodifiableMap(new TreeMap<>(extraMetrics));
      curve = List.copyOf(curve);
    }

    /** A value the optimizer was told: not partial, and finite. */
    public boolean hasFinalValue() {
      return value != null && !partial && Double.isFinite(value);
    }

    public Optional<Stop> stopped() {
      return Optional.ofNullable(stop);
    }
  }

  /** Reads a results file's tree. */
  public static StudyResults of(JsonNode root) {
    JsonNode metric = root.path("metric");
    List<Dim> space = new ArrayList<>();
    for (JsonNode d : root.path("space")) {
      List<String> cats = new ArrayList<>();
      d.path("categories").forEach(c -> cats.add(c.asText()));
      space.add(
          new Dim(
              d.path("name").asText(),
              d.path("type").asText(),
              d.path("low").asDouble(),
              d.path("high").asDouble(),
              "log-uniform".equals(d.path("prior").asText()),
              cats));
    }
    List<Trial> trials = new ArrayList<>();
    for (JsonNode t : root.path("trials")) {
      trials.add(trial(t, space));
    }
    return new StudyResults(
        root.path("study").asText(),
        root.path("state").asText(),
        metric.path("name").asText("value"),
        "maximize".equals(metric.path("direction").asText().toLowerCase(Locale.ROOT)),
        root.path("objective").asText(),
        root.path("algorithm").asText(),
        root.path("stopping").asText(),
        root.path("n_trials").asInt(),
        text(root.path("started_at")),
        text(root.path("ended_at")),
        root.path("wall_seconds").asDouble(),
        root.path("epochs_run").asLong(),
        root.path("epochs_budget").asLong(),
        space,
        trials,
        root.path("specs").path("args"),
        baseline(root.path("baseline")));
  }

  private static Baseline baseline(JsonNode b) {
    if (!b.isObject()) {
      return null;
    }
    List<Valued> values = new ArrayList<>();
    for (JsonNode v : b.path("values")) {
      if (v.path("value").isNumber()) {
        values.add(new Valued(v.path("number").asInt(), v.path("value").asDouble()));
      }
    }
    return new Baseline(b.path("study").asText(), b.path("algorithm").asText(), values);
  }

  private static Trial trial(JsonNode t, List<Dim> space) {
    // In the space's order, whatever order the map that wrote the file kept them in
    Map<String, Object> params = new LinkedHashMap<>();
    JsonNode given = t.path("params");
    space.forEach(d -> param(params, d.name(), given.get(d.name())));
    given.fields().forEachRemaining(e -> param(params, e.getKey(), e.getValue()));
    Map<String, Double> extra = new LinkedHashMap<>();
    t.path("extra_metrics")
        .fields()
        .forEachRemaining(e -> extra.put(e.getKey(), e.getValue().asDouble()));
    List<Epoch> curve = new ArrayList<>();
    for (JsonNode e : t.path("curve")) {
      curve.add(new Epoch(e.path("epoch").asInt(), number(e.path("value"))));
    }
    JsonNode s = t.path("stop");
    Stop stop =
        s.isObject()
            ? new Stop(s.path("rule").asText(), s.path("step").asInt(), s.path("reason").asText())
            : null;
    return new Trial(
        t.path("number").asInt(),
        t.path("trial_id").asText(),
        t.path("status").asText(),
        number(t.path("value")),
        t.path("partial").asBoolean(),
        params,
        t.path("epochs_run").asInt(),
        t.path("max_epochs").asInt(),
        t.path("attempt").asInt(1),
        text(t.path("worker")),
        number(t.path("duration_seconds")),
        stop,
        text(t.path("error")),
        extra,
        curve);
  }

  private static void param(Map<String, Object> params, String name, JsonNode v) {
    if (v != null && !v.isNull() && !params.containsKey(name)) {
      params.put(name, v.isNumber() ? v.asDouble() : v.asText());
    }
  }

  private static Double number(JsonNode n) {
    return n.isNumber() ? n.asDouble() : null;
  }

  private static String text(JsonNode n) {
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }
}
