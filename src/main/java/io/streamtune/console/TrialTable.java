package io.streamtune.console;

import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A study's summary and its trial table, as {@code streamtune status} prints them. */
public final class TrialTable {

  private TrialTable() {}

  public static List<String> render(StudyView study, int width) {
    List<String> out = new ArrayList<>(summary(study, width));
    out.add("");
    Table t =
        new Table(
            "#",
            "STATUS",
            study.metricName().toUpperCase(Locale.ROOT),
            "EPOCHS",
            "TRY",
            "WORKER",
            "TIME",
            "STOPPED BY");
    boolean cancelled = study.cancelled();
    for (TrialView v : study.trials()) {
      TrialResult r = v.result().orElse(null);
      String value = Figures.value(v.latestValue().orElse(null));
      if (r != null && r.getValue() != null && !v.hasFinalValue()) {
        value += "*"; // cut short: a partial value, never the study's best
      }
      t.row(
          Integer.toString(v.number()),
          v.phase(cancelled).name(),
          value,
          v.epochs() + "/" + v.maxEpochs(),
          Integer.toString(v.attempt()),
          v.worker().isEmpty() ? "-" : v.worker(),
          r == null ? "-" : Figures.duration(r.getFinishedAt() - r.getStartedAt()),
          stop(r));
    }
    out.addAll(t.render(width));
    if (study.trials().stream().anyMatch(v -> v.result().isPresent() && !v.hasFinalValue())) {
      out.add(Figures.fit("* a value at the epoch the trial was stopped, not a final one", width));
    }
    return out;
  }

  /** The lines above the table: the state, counts and best, then when and what. */
  public static List<String> summary(StudyView study, int width) {
    List<String> out = new ArrayList<>();
    StringBuilder head =
        new StringBuilder("Study ")
            .append(study.studyId())
            .append(": ")
            .append(study.state())
            .append(", ")
            .append(study.finished())
            .append('/')
            .append(study.nTrials())
            .append(" trials");
    study
        .status()
        .filter(s -> !s.getMessage().isEmpty())
        .ifPresent(s -> head.append(" (").append(s.getMessage()).append(')'));
    out.add(Figures.fit(head.toString(), width));
    String best =
        study
            .best()
            .map(
                b ->
                    "Best "
                        + study.metricName()
                        + " "
                        + Figures.value(b.result().orElseThrow().getValue())
                        + " in #"
                        + b.number()
                        + " ("
                        + b.trialId()
                        + "): "
                        + Figures.params(study.params(b)))
            .orElse("Best: none yet (no trial has a final value)");
    out.add(Figures.fit(best, width));
    study
        .best()
        .flatMap(TrialView::result)
        .filter(r -> !r.getExtraMetrics().isEmpty())
        .ifPresent(r -> out.add(Figures.fit("  " + Figures.metrics(r.getExtraMetrics()), width)));
    String when =
        "Started "
            + Figures.time(study.startedAt())
            + study
                .endedAt()
                .map(
                    e ->
                        ", ended "
                            + Figures.time(e)
                            + " ("
                            + Figures.duration(e - study.startedAt())
                            + ")")
                .orElse(", last update " + Figures.time(study.updatedAt()));
    study
        .spec()
        .ifPresent(
            s ->
                out.add(
                    Figures.fit(
                        when
                            + "; "
                            + s.getObjective().getName()
                            + ", "
                            + s.getAlgorithm().getName()
                            + ", stopping "
                            + s.getStopping().getRule(),
                        width)));
    return out;
  }

  private static String stop(TrialResult r) {
    if (r == null) {
      return "";
    }
    if (r.getStatus() == TrialStatus.FAILED) {
      return r.getError() == null ? "failed" : "error: " + r.getError().replace('\n', ' ');
    }
    if (r.getStatus() != TrialStatus.PRUNED) {
      return "";
    }
    String s = r.getStopRule() + " at epoch " + r.getStopStep();
    return r.getStopReason().isEmpty() ? s : s + ": " + r.getStopReason();
  }
}
