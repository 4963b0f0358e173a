package io.streamtune.results;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A study's trials as CSV (RFC 4180), one row per trial: how it ended, one column per parameter
 * (named {@code param_<name>}) and one per extra metric ({@code metric_<name>}), for a spreadsheet
 * or pandas.
 */
public final class TrialsCsv {

  private TrialsCsv() {}

  public static String of(StudyView study) {
    StudySpec spec = study.spec().orElseThrow();
    TreeSet<String> extras = new TreeSet<>();
    study
        .trials()
        .forEach(t -> t.result().ifPresent(r -> extras.addAll(r.getExtraMetrics().keySet())));
    List<String> header =
        new ArrayList<>(
            List.of(
                "number",
                "trial_id",
                "status",
                "value",
                "partial",
                "epochs_run",
                "max_epochs",
                "attempt",
                "worker",
                "started_at",
                "finished_at",
                "duration_seconds",
                "stop_rule",
                "stop_step",
                "stop_reason",
                "error"));
    spec.getSpace().forEach(d -> header.add("param_" + d.getName()));
    extras.forEach(m -> header.add("metric_" + m));
    StringBuilder out = new StringBuilder(row(header));
    for (TrialView t : study.trials()) {
      out.append(row(cells(study, spec, extras, t)));
    }
    return out.toString();
  }

  private static List<String> cells(
      StudyView study, StudySpec spec, TreeSet<String> extras, TrialView t) {
    TrialResult r = t.result().orElse(null);
    List<String> c = new ArrayList<>();
    c.add(Integer.toString(t.number()));
    c.add(t.trialId());
    c.add(t.phase(study.cancelled()).name());
    Double value = r == null ? null : r.getValue();
    c.add(number(value));
    c.add(Boolean.toString(value != null && !t.hasFinalValue()));
    c.add(Integer.toString(t.epochs()));
    c.add(Integer.toString(t.maxEpochs()));
    c.add(Integer.toString(t.attempt()));
    c.add(t.worker());
    c.add(r == null ? "" : nullToEmpty(ResultsFile.iso(r.getStartedAt())));
    c.add(r == null ? "" : nullToEmpty(ResultsFile.iso(r.getFinishedAt())));
    c.add(
        r == null
            ? ""
            : Double.toString(Math.max(0, r.getFinishedAt() - r.getStartedAt()) / 1000.0));
    c.add(r == null ? "" : r.getStopRule());
    c.add(r == null || r.getStopRule().isEmpty() ? "" : Integer.toString(r.getStopStep()));
    c.add(r == null ? "" : r.getStopReason());
    c.add(r == null || r.getError() == null ? "" : r.getError());
    Map<String, Object> params = t.params();
    for (Dimension d : spec.getSpace()) {
      Object v = params.get(d.getName());
      c.add(v instanceof Double x ? number(x) : v == null ? "" : v.toString());
    }
    for (String m : extras) {
      c.add(r == null ? "" : number(r.getExtraMetrics().get(m)));
    }
    return c;
  }

  private static String number(Double v) {
    return v == null || !Double.isFinite(v) ? "" : Double.toString(v);
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  private static String row(List<String> cells) {
    return cells.stream().map(TrialsCsv::quote).collect(Collectors.joining(",")) + "\r\n";
  }

  /** Quotes a cell that holds a comma, a quote or a line break, doubling its quotes. */
  static String quote(String cell) {
    if (cell.indexOf(',') < 0
        && cell.indexOf('"') < 0
        && cell.indexOf('\n') < 0
        && cell.indexOf('\r') < 0) {
      return cell;
    }
    return '"' + cell.replace("\"", "\"\"") + '"';
  }
}
