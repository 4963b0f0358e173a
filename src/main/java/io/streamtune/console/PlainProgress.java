package io.streamtune.console;

import io.streamtune.study.StudyView;
import java.io.PrintWriter;

/** A line each time a trial finishes, for pipes, files and CI logs. */
public final class PlainProgress implements Progress {

  private final PrintWriter out;
  private int printedAt = -1;
  private StudyView last;
  private long lastElapsed;

  public PlainProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void update(StudyView study, long elapsedMillis) {
    last = study;
    lastElapsed = elapsedMillis;
    if (study.finished() != printedAt) {
      printedAt = study.finished();
      out.println(ProgressView.plainLine(study, elapsedMillis));
      out.flush();
    }
  }

  @Override
  public void close() {
    if (last != null && last.finished() != printedAt) {
      out.println(ProgressView.plainLine(last, lastElapsed));
      out.flush();
    }
  }
}
