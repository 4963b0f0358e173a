package io.streamtune.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamtune.report.StudyResults.Dim;
import io.streamtune.report.StudyResults.Trial;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The summary table: label and text rows, the spec's essentials first, then the outcome. */
final class SummaryRows {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SummaryRows() {}

  static ArrayNode of(StudyResults study, ReportSummary summary) {
    ArrayNode rows = NODES.arrayNode();
    summary
        .best()
        .ifPresentOrElse(
            b -> {
              add(rows, "Best " + study.metric(), num(b.value()) + "  (trial #" + b.number() + ")");
              add(rows, "Best parameters", params(study, b));
              b.extraMetrics().forEach((k, v) -> add(rows, "Best trial's " + k, num(v)));
            },
            () -> add(rows, "Best " + study.metric(), "no trial has a final value yet"));
    study
        .baselineRun()
        .ifPresent(
            b -> {
              Convergence theirs = Convergence.of(study.maximize(), b.values());
              add(
                  rows,
                  "Baseline: " + searchName(b.algorithm()),
                  theirs.best().map(SummaryRows::num).orElse("no final value")
                      + "  (study "
                      + b.study()
                      + ", "
                      + b.values().size()
                      + " trials with a final value). "
                      + comparison(study, summary.best().map(Trial::value), theirs.best(), b));
            });
    add(rows, "State", study.state());
    add(
        rows,
        "Trials",
        ReportSummary.share(summary.trialsFinished(), study.nTrials())
            + " finished; "
            + counts(summary));
    add(
        rows,
        "Epochs run",
        ReportSummary.share(study.epochsRun(), study.epochsBudget()) + " of the budget");
    add(
        rows,
        "Epochs saved by early stopping",
        summary.epochsSaved()
            + (study.epochsRun() > 0 && summary.epochsSaved() > 0
                ? String.format(
                    Locale.ROOT,
                    " (%.2fx fewer epochs)",
                    (study.epochsRun() + summary.epochsSaved()) / (double) study.epochsRun())
                : ""));
    add(rows, "Wall time", duration(study.wallSeconds()) + span(study));
    JsonNode spec = study.spec();
    add(rows, "Objective", study.objective() + options(spec.path("objective").path("options")));
    add(rows, "Metric", study.metric() + " (" + (study.maximize() ? "maximize" : "minimize") + ")");
    add(rows, "Algorithm", study.algorithm() + options(spec.path("algorithm"), "name", "x0"));
    add(rows, "Early stopping", study.stopping() + options(spec.path("stopping").path("options")));
    if (spec.path("early_stop").isObject()) {
      add(rows, "Trial patience", options(spec.path("early_stop")).trim());
    }
    add(
        rows,
        "Budget",
        study.nTrials()
            + " trials of up to "
            + spec.path("max_epochs").asText("?")
            + " epochs, "
            + spec.path("parallelism").asText("?")
            + " at a time");
    add(rows, "Search space", space(study.space()));
    return rows;
  }

  /** Which of a study and its baseline found the better final value, in words. */
  static String comparison(
      StudyResults study, Optional<Double> own, Optional<Double> theirs, StudyResults.Baseline b) {
    if (own.isEmpty() || theirs.isEmpty()) {
      return "No comparison: "
          + (own.isEmpty() ? "this study" : b.algorithm() + " search")
          + " has no final value.";
    }
    double a = own.get();
    double r = theirs.get();
    String mine = searchName(study.algorithm()) + " (" + num(a) + ")";
    String other = searchName(b.algorithm()) + " (" + num(r) + ")";
    if (a == r) {
      return mine + " and " + other + " found the same best " + study.metric() + ".";
    }
    return Convergence.better(study.maximize(), a, r)
        ? mine + " found a better " + study.metric() + " than " + other + "."
        : other + " found a better " + study.metric() + " than " + mine + ".";
  }

  /** An algorithm as a reader knows it: "Bayesian optimisation (gp)", "random search". */
  static String searchName(String algorithm) {
    return switch (algorithm) {
      case "gp", "forest", "gbrt" -> "Bayesian optimisation (" + algorithm + ")";
      case "random", "grid" -> algorithm + " search";
      default -> algorithm;
    };
  }

  private static void add(ArrayNode rows, String label, String text) {
    rows.addArray().add(label).add(text);
  }

  private static String params(StudyResults study, Trial b) {
    List<String> out = new ArrayList<>();
    for (Dim d : study.space()) {
      Object v = b.params().get(d.name());
      out.add(d.name() + " = " + (v instanceof Double x ? num(x) : String.valueOf(v)));
    }
    return String.join(", ", out);
  }

  private static String counts(ReportSummary s) {
    List<String> out = new ArrayList<>();
    s.statusCounts().forEach((k, v) -> out.add(v + " " + k.toLowerCase(Locale.ROOT)));
    return String.join(", ", out);
  }

  private static String span(StudyResults study) {
    if (study.startedAt() == null) {
      return "";
    }
    return " ("
        + study.startedAt()
        + " to "
        + (study.endedAt() == null ? "now" : study.endedAt())
        + ")";
  }

  /** The fields of an options object, "(a 1, b 2)", leaving out the named ones and empty ones. */
  static String options(JsonNode node, String... skip) {
    List<String> out = new ArrayList<>();
    node.fields()
        .forEachRemaining(
            (Map.Entry<String, JsonNode> e) -> {
              if (List.of(skip).contains(e.getKey())
                  || e.getValue().isNull()
                  || e.getValue().isContainerNode()) {
                return;
              }
              JsonNode v = e.getValue();
              out.add(e.getKey() + " " + (v.isNumber() ? num(v.asDouble()) : v.asText()));
            });
    return out.isEmpty() ? "" : " (" + String.join(", ", out) + ")";
  }

  private static String space(List<Dim> space) {
    List<String> out = new ArrayList<>();
    for (Dim d : space) {
      out.add(
          d.categorical()
              ? d.name() + " in {" + String.join(", ", d.categories()) + "}"
              : d.name()
                  + " in ["
                  + num(d.low())
                  + ", "
                  + num(d.high())
                  + "]"
                  + (d.log() ? " log" : ""));
    }
    return String.join("; ", out);
  }

  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s < 60) {
      return String.format(Locale.ROOT, "%.1f s", seconds);
    }
    return s < 3600
        ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60)
        : String.format(Locale.ROOT, "%dh %02dm", s / 3600, s / 60 % 60);
  }

  /** Five significant digits, without trailing zeros: 0.76711, 20, 0.0001, 1.5e-05. */
  static String num(double v) {
    if (!Double.isFinite(v)) {
      return String.valueOf(v);
    }
    if (v != 0 && (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6)) {
      // 1.5e-05, not 1.5000e-05
      return String.format(Locale.ROOT, "%.4e", v).replaceAll("\\.?0+e", "e");
    }
    return new BigDecimal(String.format(Locale.ROOT, "%.5g", v))
        .stripTrailingZeros()
        .toPlainString();
  }
}
