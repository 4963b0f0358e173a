package io.streamtune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.avro.Direction;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.EarlyStop;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A study's results so far, deduplicated by trial id, with the best trial in the study's direction.
 * Writes {@code results.json}.
 */
public final class StudyReport {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final StudySpec spec;
  private final Map<String, TrialResult> results = new LinkedHashMap<>();
  private final long startedAt;

  public StudyReport(StudySpec spec, long startedAt) {
    this.spec = spec;
    this.startedAt = startedAt;
  }

  /** Returns false for a duplicate of a trial already reported. */
  public boolean add(TrialResult r) {
    return results.putIfAbsent(r.getTrialId(), r) == null;
  }

  public String metricName() {
    return spec.getMetric().getName();
  }

  public int finished() {
    return results.size();
  }

  public boolean done() {
    return results.size() >= spec.getNTrials();
  }

  public long count(TrialStatus status) {
    return results.values().stream().filter(r -> r.getStatus() == status).count();
  }

  /**
   * The best trial whose value is final: it ran to completion, or its own patience ended it ({@code
   * early_stop}). Trials the monitor pruned never win, their value is only partial.
   */
  public Optional<TrialResult> best() {
    Comparator<TrialResult> byValue = Comparator.comparingDouble(TrialResult::getValue);
    if (spec.getMetric().getDirection() == Direction.MAXIMIZE) {
      byValue = byValue.reversed();
    }
    return results.values().stream()
        .filter(r -> r.getValue() != null && EarlyStop.hasFinalValue(r))
        .min(byValue);
  }

  public List<TrialResult> trials() {
    return results.values().stream()
        .sorted(Comparator.comparingInt(TrialResult::getTrialNumber))
        .toList();
  }

  public long elapsedMillis(long now) {
    return now - startedAt;
  }

  public void write(Path file, long now) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("study", spec.getStudyId());
    root.put("objective", spec.getObjective().getName());
    root.putObject("metric")
        .put("name", spec.getMetric().getName())
        .put("direction", spec.getMetric().getDirection().name().toLowerCase(Locale.ROOT));
    root.put("n_trials", spec.getNTrials());
    root.put("algorithm", spec.getAlgorithm().getName());
    root.put("stopping", spec.getStopping().getRule());
    root.put("wall_seconds", elapsedMillis(now) / 1000.0);
    long epochsRun = results.values().stream().mapToLong(TrialResult::getEpochsRun).sum();
    long budget = results.values().stream().mapToLong(TrialResult::getMaxEpochs).sum();
    root.put("epochs_run", epochsRun);
    root.put("epochs_budget", budget);
    ObjectNode counts = root.putObject("status_counts");
    for (TrialStatus s : TrialStatus.values()) {
      counts.put(s.name().toLowerCase(Locale.ROOT), count(s));
    }
    best()
        .ifPresentOrElse(
            b -> {
              ObjectNode best = root.putObject("best");
              best.put("trial_id", b.getTrialId());
              best.put("value", b.getValue());
              best.set("params", params(b));
              if (!b.getExtraMetrics().isEmpty()) {
                best.set("extra_metrics", JSON.valueToTree(b.getExtraMetrics()));
              }
            },
            () -> root.putNull("best"));
    ArrayNode trials = root.putArray("trials");
    for (TrialResult r : trials()) {
      ObjectNode t = trials.addObject();
      t.put("trial_id", r.getTrialId());
      t.put("number", r.getTrialNumber());
      t.put("status", r.getStatus().name());
      if (r.getValue() == null) {
        t.putNull("value");
      } else {
        t.put("value", r.getValue());
      }
      t.set("params", params(r));
      t.put("epochs_run", r.getEpochsRun());
      t.put("max_epochs", r.getMaxEpochs());
      t.put("attempt", r.getAttempt());
      t.put("worker", r.getWorker());
      t.put("duration_ms", r.getFinishedAt() - r.getStartedAt());
      if (r.getError() != null) {
        t.put("error", r.getError());
      }
      if (!r.getExtraMetrics().isEmpty()) {
        t.set("extra_metrics", JSON.valueToTree(r.getExtraMetrics()));
      }
    }
    JSON.writeValue(file.toFile(), root);
  }

  private static ObjectNode params(TrialResult r) {
    ObjectNode p = JSON.createObjectNode();
    r.getParams().forEach((k, v) -> p.set(k, JSON.valueToTree(v)));
    return p;
  }

  public static String formatParams(TrialResult r) {
    StringBuilder sb = new StringBuilder();
    r.getParams()
        .forEach(
            (k, v) -> {
              if (sb.length() > 0) {
                sb.append(", ");
              }
              sb.append(k)
                  .append('=')
                  .append(v instanceof Double d ? String.format(Locale.ROOT, "%.6g", d) : v);
            });
    return sb.toString();
  }
}
