package io.streamtune.cli;

import io.streamtune.avro.TrialResult;
import io.streamtune.console.Figures;
import io.streamtune.spec.Cancellation;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialPhase;
import io.streamtune.study.TrialView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/** The lines a command prints when it stops following a study. */
final class Summary {

  private Summary() {}

  static void print(PrintWriter out, StudySession.Outcome o, Path results) {
    StudyView v = o.study();
    String how =
        switch (o.end()) {
          case COMPLETED -> "completed";
          case FAILED -> "FAILED: " + v.status().map(s -> s.getMessage()).orElse("");
          case CANCELLED -> "was cancelled: " + v.status().map(s -> s.getMessage()).orElse("");
          case INTERRUPTED -> "cancelled (interrupted)";
          case TIMED_OUT -> "cancelled (timed out)";
          case DETACHED -> "goes on without this command";
        };
    out.printf(
        Locale.ROOT,
        "Study %s %s after %s: %d of %d trials finished (%s).%n",
        v.studyId(),
        how,
        Figures.duration(o.elapsedMillis()),
        v.finished(),
        v.nTrials(),
        counts(v));
    long epochs = 0;
    long budget = 0;
    for (TrialView t : v.trials()) {
      // A cancel cut its trials short, not early stopping: they count neither way.
      if (t.result().isPresent() && !Cancellation.endedByCancel(t.result().get())) {
        epochs += t.epochs();
        budget += t.maxEpochs();
      }
    }
    if (budget > 0 && epochs < budget) {
      out.printf(
          Locale.ROOT,
          "Early stopping ran %d of %d epochs (%.1fx fewer).%n",
          epochs,
          budget,
          (double) budget / Math.max(1, epochs));
    }
    v.best()
        .ifPresentOrElse(
            b -> {
              TrialResult r = b.result().orElseThrow();
              out.printf(
                  Locale.ROOT,
                  "Best %s = %s in #%d (%s)%n  %s%n",
                  v.metricName(),
                  Figures.value(r.getValue()),
                  b.number(),
                  b.trialId(),
                  Figures.params(v.params(b)));
              if (!r.getExtraMetrics().isEmpty()) {
                out.printf("  %s%n", Figures.metrics(r.getExtraMetrics()));
              }
            },
            () -> out.println("No trial has a final value."));
    if (results != null) {
      out.println("Results written to " + results.toAbsolutePath());
    }
    out.flush();
  }

  private static String counts(StudyView v) {
    StringBuilder s = new StringBuilder();
    for (TrialPhase p : TrialPhase.values()) {
      long n = v.count(p);
      if (n > 0) {
        if (s.length() > 0) {
          s.append(", ");
        }
        s.append(n).append(' ').append(p.name().toLowerCase(Locale.ROOT));
      }
    }
    return s.length() == 0 ? "none issued" : s.toString();
  }
}
