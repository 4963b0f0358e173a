package io.streamtune.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialPhase;
import io.streamtune.study.TrialView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * A study's results file. Its top level is scikit-optimize's {@code OptimizeResult}: {@code x} and
 * {@code fun} (the best point and value), {@code x_iters} and {@code func_vals} (every trial with a
 * final value, in trial order), {@code space} and {@code specs}, in skopt's minimisation
 * convention: a maximised metric's values are negated there, and {@code metric} says so. Beside
 * them {@code trials} holds every trial as it ended, with its per-epoch curve, and {@code best} the
 * best in the metric's own sign.
 *
 * <p>A trial the monitor stopped early has only a partial value: it is in {@code trials} (marked
 * {@code "partial": true}) but not in {@code x_iters}, so that {@code fun == min(func_vals)} and
 * {@code x == x_iters[argmin(func_vals)]} hold, as they do in skopt.
 */
public final class ResultsFile {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResultsFile() {}

  /** Writes the file atomically: a reader never sees half of it. */
  public static void write(StudyView study, Path file) {
    write(of(study), file);
  }

  /** Writes a results tree atomically (a study's, perhaps with its baseline attached). */
  public static void write(JsonNode results, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Path tmp = Files.createTempFile(parent, ".streamtune-", ".json");
      JSON.writeValue(tmp.toFile(), results);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write results to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The file's content. */
  public static ObjectNode of(StudyView study) {
    StudySpec spec =
        study
            .spec()
            .orElseThrow(
                () -> new IllegalStateException("study " + study.studyId() + " has no spec"));
    double sign = study.maximize() ? -1 : 1;
    ObjectNode root = JSON.createObjectNode();
    ArrayNode xIters = JSON.createArrayNode();
    ArrayNode funcVals = JSON.createArrayNode();
    for (TrialView t : study.trials()) {
      if (t.hasFinalValue()) {
        xIters.add(point(spec, t.params()));
        funcVals.add(sign * t.result().orElseThrow().getValue());
      }
    }
    study
        .best()
        .ifPresentOrElse(
            b -> {
              root.set("x", point(spec, b.params()));
              root.put("fun", sign * b.result().orElseThrow().getValue());
            },
            () -> {
              root.putNull("x");
              root.putNull("fun");
            });
    root.set("x_iters", xIters);
    root.set("func_vals", funcVals);
    root.set("space", space(spec));
    ObjectNode specs = root.putObject("specs");
    specs.put("function", "streamtune");
    specs.set("args", specJson(spec));
    specs.put("seed", spec.getAlgorithm().getSeed());
    root.putObject("metric")
        .put("name", spec.getMetric().getName())
        .put("direction", spec.getMetric().getDirection().name().toLowerCase(Locale.ROOT))
        .put("func_vals_sign", (int) sign);
    summary(root, study, spec);
    ArrayNode trials = root.putArray("trials");
    for (TrialView t : study.trials()) {
      trials.add(TrialJson.of(t, study.params(t), study.cancelled()));
    }
    return root;
  }

  private static void summary(ObjectNode root, StudyView study, StudySpec spec) {
    root.put("study", study.studyId());
    root.put("state", study.state());
    root.put("objective", spec.getObjective().getName());
    root.put("algorithm", spec.getAlgorithm().getName());
    root.put("stopping", spec.getStopping().getRule());
    root.put("n_trials", spec.getNTrials());
    root.put("started_at", iso(study.startedAt()));
    study
        .endedAt()
        .ifPresentOrElse(t -> root.put("ended_at", iso(t)), () -> root.putNull("ended_at"));
    long end = study.endedAt().orElse(study.updatedAt());
    root.put("wall_seconds", Math.max(0, end - study.startedAt()) / 1000.0);
    long epochsRun = 0;
    long budget = 0;
    for (TrialView t : study.trials()) {
      epochsRun += t.epochs();
      budget += t.maxEpochs();
    }
    root.put("epochs_run", epochsRun);
    root.put("epochs_budget", budget);
    ObjectNode counts = root.putObject("status_counts");
    for (TrialPhase p : TrialPhase.values()) {
      counts.put(p.name().toLowerCase(Locale.ROOT), study.count(p));
    }
    study
        .best()
        .ifPresentOrElse(b -> root.set("best", bestNode(study, b)), () -> root.putNull("best"));
  }

  /** The best trial in the metric's own sign: what {@code streamtune best} prints. */
  public static ObjectNode bestNode(StudyView study, TrialView best) {
    TrialResult r = best.result().orElseThrow();
    ObjectNode node = JSON.createObjectNode();
    node.put("study", study.studyId());
    node.put("trial_id", best.trialId());
    node.put("number", best.number());
    node.put("metric", study.metricName());
    node.put("direction", study.maximize() ? "maximize" : "minimize");
    node.set("value", TrialJson.number(r.getValue()));
    node.set("params", TrialJson.params(study.params(best)));
    if (!r.getExtraMetrics().isEmpty()) {
      ObjectNode extra = node.putObject("extra_metrics");
      r.getExtraMetrics().forEach((k, v) -> extra.set(k, TrialJson.number(v)));
    }
    return node;
  }

  /** A point as skopt lists it: one value per dimension, in the space's order. */
  static ArrayNode point(StudySpec spec, Map<String, Object> params) {
    ArrayNode x = JSON.createArrayNode();
    for (Dimension d : spec.getSpace()) {
      x.add(TrialJson.value(params.get(d.getName())));
    }
    return x;
  }

  /** The dimensions as skopt names them: real, integer or categorical, with bounds and prior. */
  static ArrayNode space(StudySpec spec) {
    ArrayNode out = JSON.createArrayNode();
    for (Dimension d : spec.getSpace()) {
      ObjectNode o = out.addObject();
      o.put("name", d.getName());
      switch (d.getType()) {
        case REAL -> {
          o.put("type", "real");
          o.put("low", d.getLow());
          o.put("high", d.getHigh());
          o.put("prior", d.getPrior().name().equals("LOG_UNIFORM") ? "log-uniform" : "uniform");
        }
        case INTEGER -> {
          o.put("type", "integer");
          o.put("low", (long) d.getLow());
          o.put("high", (long) d.getHigh());
        }
        case CATEGORICAL -> {
          o.put("type", "categorical");
          ArrayNode cats = o.putArray("categories");
          d.getCategories().forEach(cats::add);
        }
      }
    }
    return out;
  }

  /** The spec as its Avro record, in JSON: exactly what the services ran. */
  static JsonNode specJson(StudySpec spec) {
    try {
      return JSON.readTree(spec.toString());
    } catch (IOException e) {
      throw new IllegalStateException("the spec does not print as JSON", e);
    }
  }

  static String iso(long epochMs) {
    return epochMs <= 0 ? null : Instant.ofEpochMilli(epochMs).toString();
  }

  /** The file as a tree, for readers (tests, the export command). */
  public static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }
}
