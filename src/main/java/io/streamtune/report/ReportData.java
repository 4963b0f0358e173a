package io.streamtune.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.report.StudyResults.Dim;
import io.streamtune.report.StudyResults.Epoch;
import io.streamtune.report.StudyResults.Stop;
import io.streamtune.report.StudyResults.Trial;
import java.util.Map;
import java.util.function.Function;

/**
 * What every chart of the report shows, as one JSON document that the page's script only maps onto
 * charts: no number is computed in the browser. Values are in the metric's own sign; a value that
 * is not finite is null.
 */
public final class ReportData {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportData() {}

  public static ObjectNode of(StudyResults study) {
    return of(study, SurrogateReport::of);
  }

  /**
   * The data, with the models (importance, partial dependence) from {@code surrogate}: the live UI
   * refits them only when a final value arrives, not at every epoch.
   */
  public static ObjectNode of(StudyResults study, Function<StudyResults, JsonNode> surrogate) {
    ReportSummary summary = ReportSummary.of(study);
    Convergence convergence = Convergence.of(study);
    int best = summary.best().map(Trial::number).orElse(-1);
    ObjectNode root = NODES.objectNode();
    root.put("study", study.study());
    root.put("state", study.state());
    root.put("lede", lede(study));
    root.put("metric", study.metric());
    root.put("direction", study.maximize() ? "maximize" : "minimize");
    root.set("summary", SummaryRows.of(study, summary));
    summary.best().ifPresent(b -> root.set("best", bestNode(b)));
    ObjectNode convergenceNode = convergence(convergence);
    study
        .baselineRun()
        .ifPresent(b -> convergenceNode.set("baseline", baseline(study, convergence, b)));
    root.set("convergence", convergenceNode);
    root.set("space", space(study));
    ArrayNode curves = root.putArray("curves");
    ArrayNode trials = root.putArray("trials");
    for (Trial t : study.trials()) {
      curves.add(curve(t, t.number() == best));
      trials.add(row(t, t.number() == best));
    }
    root.set("points", points(study, best));
    root.set("surrogate", surrogate.apply(study));
    ArrayNode histograms = root.putArray("histograms");
    for (Dim d : study.space()) {
      Histogram h = Histogram.of(d, study.trials());
      ObjectNode o = histograms.addObject();
      o.put("name", h.dimension());
      ArrayNode labels = o.putArray("labels");
      h.labels().forEach(labels::add);
      ArrayNode counts = o.putArray("counts");
      for (int c : h.counts()) {
        counts.add(c);
      }
    }
    return root;
  }

  /** The models of the study (importance, partial dependence), as {@link #of} embeds them. */
  public static JsonNode models(StudyResults study) {
    return SurrogateReport.of(study);
  }

  /** The line under the title: state, objective, metric and direction, algorithm, stopping. */
  static String lede(StudyResults study) {
    return study.state()
        + " · "
        + study.objective()
        + " · "
        + study.metric()
        + (study.maximize() ? " (maximize)" : " (minimize)")
        + " · "
        + study.algorithm()
        + " · stopping "
        + study.stopping();
  }

  private static ObjectNode bestNode(Trial b) {
    ObjectNode o = NODES.objectNode();
    o.put("number", b.number());
    o.put("trial_id", b.trialId());
    o.set("value", number(b.value()));
    o.set("params", params(b.params()));
    ObjectNode extra = o.putObject("extra_metrics");
    b.extraMetrics().forEach((k, v) -> extra.set(k, number(v)));
    return o;
  }

  private static ObjectNode convergence(Convergence c) {
    ObjectNode o = NODES.objectNode();
    ArrayNode points = o.putArray("points");
    c.points().forEach(p -> points.add(triple(p)));
    ArrayNode partial = o.putArray("partial");
    c.partial().forEach(p -> partial.add(triple(p)));
    o.put("log_scale_fits", c.logScaleFits() && !c.points().isEmpty());
    return o;
  }

  /**
   * A baseline's best so far, and both final bests with which one is better, so the page states the
   * comparison without computing it.
   */
  private static ObjectNode baseline(
      StudyResults study, Convergence own, StudyResults.Baseline baseline) {
    Convergence c = Convergence.of(study.maximize(), baseline.values());
    ObjectNode o = NODES.objectNode();
    o.put("study", baseline.study());
    o.put("algorithm", baseline.algorithm());
    ArrayNode points = o.putArray("points");
    c.points().forEach(p -> points.add(triple(p)));
    o.set("best", number(c.best().orElse(null)));
    o.set("own_best", number(own.best().orElse(null)));
    o.put("verdict", SummaryRows.comparison(study, own.best(), c.best(), baseline));
    return o;
  }

  private static ArrayNode triple(Convergence.Point p) {
    ArrayNode a = NODES.arrayNode();
    a.add(p.number());
    a.add(number(p.value()));
    a.add(number(p.bestSoFar()));
    return a;
  }

  private static ArrayNode space(StudyResults study) {
    ArrayNode out = NODES.arrayNode();
    for (Dim d : study.space()) {
      ObjectNode o = out.addObject();
      o.put("name", d.name());
      o.put("type", d.type());
      if (d.categorical()) {
        ArrayNode cats = o.putArray("categories");
        d.categories().forEach(cats::add);
      } else {
        o.put("low", d.low());
        o.put("high", d.high());
        o.put("log", d.log());
      }
    }
    return out;
  }

  /** A trial's learning curve, and where it was stopped: the stop step and the value there. */
  static ObjectNode curve(Trial t, boolean best) {
    ObjectNode o = NODES.objectNode();
    o.put("number", t.number());
    o.put("status", t.status());
    o.put("best", best);
    ArrayNode points = o.putArray("points");
    for (Epoch e : t.curve()) {
      points.addArray().add(e.epoch()).add(number(e.value()));
    }
    if (t.stop() != null) {
      Stop s = t.stop();
      Double at = valueAt(t, s.step());
      o.putObject("stop")
          .put("rule", s.rule())
          .put("step", s.step())
          .put("reason", s.reason())
          .set("value", number(at));
    }
    return o;
  }

  /** The curve's value at an epoch, or its last value before it when that epoch is missing. */
  static Double valueAt(Trial t, int epoch) {
    Double found = null;
    for (Epoch e : t.curve()) {
      if (e.epoch() <= epoch && e.value() != null) {
        found = e.value();
      }
    }
    return found != null ? found : t.value();
  }

  private static ObjectNode row(Trial t, boolean best) {
    ObjectNode o = NODES.objectNode();
    o.put("number", t.number());
    o.put("status", t.status());
    o.set("value", number(t.value()));
    o.put("partial", t.partial());
    o.put("best", best);
    o.put("epochs", t.epochsRun());
    o.put("max_epochs", t.maxEpochs());
    o.set("duration", number(t.durationSeconds()));
    o.put("attempt", t.attempt());
    o.put("worker", t.worker() == null ? "" : t.worker());
    String stop =
        t.stop() == null
            ? ""
            : t.stop().rule() + " at epoch " + t.stop().step() + ": " + t.stop().reason();
    o.put("stop", t.error() != null && stop.isEmpty() ? "error: " + t.error() : stop);
    o.set("params", params(t.params()));
    ObjectNode extra = o.putObject("extra_metrics");
    t.extraMetrics().forEach((k, v) -> extra.set(k, number(v)));
    return o;
  }

  /**
   * The sampled points with a final value, in trial order, for parallel coordinates and the
   * evaluations: one value per dimension in the space's order (a category as its name), then the
   * trial's value and number.
   */
  private static ObjectNode points(StudyResults study, int best) {
    ObjectNode o = NODES.objectNode();
    ArrayNode rows = o.putArray("rows");
    for (Trial t : study.trials()) {
      if (!t.hasFinalValue()) {
        continue;
      }
      ArrayNode r = rows.addArray();
      for (Dim d : study.space()) {
        r.add(param(t.params().get(d.name())));
      }
      r.add(t.value());
      r.add(t.number());
    }
    o.put("best", best);
    return o;
  }

  private static ObjectNode params(Map<String, Object> params) {
    ObjectNode p = NODES.objectNode();
    params.forEach((k, v) -> p.set(k, param(v)));
    return p;
  }

  private static JsonNode param(Object v) {
    if (v instanceof Double d) {
      return number(d);
    }
    return v == null ? NODES.nullNode() : NODES.textNode(v.toString());
  }

  static JsonNode number(Double v) {
    return v == null || !Double.isFinite(v) ? NODES.nullNode() : NODES.numberNode(v);
  }
}
