package io.streamtune.cli;

import io.streamtune.console.Terminals;

/** How wide a command's output may be: a terminal's width, or unbounded for a pipe or a file. */
final class Screen {

  /** Used when a terminal does not tell its width. */
  private static final int FALLBACK_WIDTH = 100;

  private Screen() {}

  static int width() {
    if (!Terminals.interactive()) {
      return Integer.MAX_VALUE;
    }
    String columns = System.getenv("COLUMNS");
    try (Terminals t = new Terminals()) {
      int w = t.live().map(term -> term.getWidth()).orElse(0);
      if (w > 0) {
        return w;
      }
    }
    try {
      return columns == null ? FALLBACK_WIDTH : Integer.parseInt(columns.strip());
    } catch (NumberFormatException e) {
      return FALLBACK_WIDTH;
    }
  }
}
