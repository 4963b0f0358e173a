package io.streamtune.cli;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialStatus;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a study's progress: trials done, the best value so far and an ETA from the mean time per
 * finished trial. On a terminal it rewrites one line; otherwise it prints a line per change.
 */
final class ProgressLine {

  private final PrintWriter out;
  private final StudySpec spec;
  private final boolean tty = System.console() != null;
  private String last = "";

  ProgressLine(PrintWriter out, StudySpec spec) {
    this.out = out;
    this.spec = spec;
  }

  void update(StudyReport report) {
    long elapsed = report.elapsedMillis(System.currentTimeMillis());
    int done = report.finished();
    String eta =
        done == 0 ? "?" : seconds((long) ((double) elapsed / done * (spec.getNTrials() - done)));
    String best =
        report
            .best()
            .map(b -> String.format(Locale.ROOT, "%.6g (%s)", b.getValue(), b.getTrialId()))
            .orElse("-");
    String line =
        String.format(
            "[%d/%d] completed %d, pruned %d, failed %d | best %s %s | %s elapsed, ETA %s",
            done,
            spec.getNTrials(),
            report.count(TrialStatus.COMPLETED),
            report.count(TrialStatus.PRUNED),
            report.count(TrialStatus.FAILED),
            spec.getMetric().getName(),
            best,
            seconds(elapsed),
            eta);
    String key = line.substring(0, line.indexOf('|', line.indexOf('|') + 1));
    if (tty) {
      out.print("\r" + line + "   ");
      out.flush();
    } else if (!key.equals(last)) {
      out.println(line);
      out.flush();
    }
    last = key;
  }

  void finish() {
    if (tty) {
      out.println();
    }
  }

  private static String seconds(long millis) {
    return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
  }
}
