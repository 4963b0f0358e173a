package io.streamtune.console;

import io.streamtune.study.StudyView;
import java.io.PrintWriter;

/**
 * Where a study's progress goes: redrawn in place on a terminal, or a plain line per finished trial
 * when the output is a pipe or a file.
 */
public interface Progress extends AutoCloseable {

  void update(StudyView study, long elapsedMillis);

  /** Draws the last state and leaves it on screen. */
  @Override
  void close();

  /** A live display when {@code out} is this process's terminal, plain lines otherwise. */
  static Progress to(PrintWriter out, Terminals terminals) {
    return terminals
        .live()
        .<Progress>map(t -> new LiveProgress(t))
        .orElseGet(() -> new PlainProgress(out));
  }
}
