package io.streamtune.results;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.study.TrialView;
import java.util.Map;

/** One trial of a results file: how it ended, with its curve, in the metric's own sign. */
final class TrialJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private TrialJson() {}

  static ObjectNode of(TrialView t, Map<String, Object> params, boolean studyCancelled) {
    ObjectNode o = NODES.objectNode();
    o.put("number", t.number());
    o.put("trial_id", t.trialId());
    o.put("status", t.phase(studyCancelled).name());
    TrialResult r = t.result().orElse(null);
    Double value = r == null ? null : r.getValue();
    o.set("value", number(value));
    o.put("partial", value != null && !t.hasFinalValue());
    o.set("params", params(params));
    o.put("epochs_run", t.epochs());
    o.put("max_epochs", t.maxEpochs());
    o.put("attempt", t.attempt());
    o.put("lost_attempts", t.lostAttempts());
    o.put("worker", t.worker());
    if (r != null) {
      o.put("started_at", ResultsFile.iso(r.getStartedAt()));
      o.put("finished_at", ResultsFile.iso(r.getFinishedAt()));
      o.put("duration_seconds", Math.max(0, r.getFinishedAt() - r.getStartedAt()) / 1000.0);
      if (r.getStatus() == TrialStatus.PRUNED) {
        o.putObject("stop")
            .put("rule", r.getStopRule())
            .put("step", r.getStopStep())
            .put("reason", r.getStopReason());
      }
      if (r.getError() != null) {
        o.put("error", r.getError());
      }
      if (!r.getExtraMetrics().isEmpty()) {
        ObjectNode extra = o.putObject("extra_metrics");
        r.getExtraMetrics().forEach(extra::put);
      }
    }
    ArrayNode curve = o.putArray("curve");
    t.curve().forEach((epoch, v) -> curve.addObject().put("epoch", epoch).set("value", number(v)));
    return o;
  }

  /** JSON has no NaN or infinity: a diverged value is written as null. */
  static JsonNode number(Double v) {
    return v == null || !Double.isFinite(v) ? NODES.nullNode() : NODES.numberNode(v);
  }

  static ObjectNode params(Map<String, Object> params) {
    ObjectNode p = NODES.objectNode();
    params.forEach((k, v) -> p.set(k, value(v)));
    return p;
  }

  /** A parameter value: a number stays a number (integers as integers), a category a string. */
  static JsonNode value(Object v) {
    if (v instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (v instanceof Integer i) {
      return NODES.numberNode(i);
    }
    if (v instanceof Double d) {
      return number(d);
    }
    return v == null ? NODES.nullNode() : NODES.textNode(v.toString());
  }
}
