package io.streamtune.console;

import java.io.IOException;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * This process's terminal, when its output is one. Opened once, lazily: a pipe or a file gets
 * JLine's dumb terminal, which we treat as no terminal at all.
 */
public final class Terminals implements AutoCloseable {

  private Terminal terminal;
  private boolean opened;

  /** The terminal to redraw progress on, or empty for plain output. */
  public synchronized Optional<Terminal> live() {
    if (!opened) {
      opened = true;
      terminal = open();
    }
    return Optional.ofNullable(terminal);
  }

  /** Whether output goes to a terminal; decided without opening one (for logging set-up). */
  public static boolean interactive() {
    return System.console() != null;
  }

  private static Terminal open() {
    if (!interactive()) {
      return null;
    }
    try {
      Terminal t =
          TerminalBuilder.builder()
              .system(true)
              .dumb(true)
              // Ctrl-C must reach the JVM (the command cancels its study), not be eaten here.
              .signalHandler(Terminal.SignalHandler.SIG_DFL)
              .nativeSignals(false)
              .build();
      if (t.getType().startsWith(Terminal.TYPE_DUMB)) {
        t.close();
        return null;
      }
      return t;
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public synchronized void close() {
    if (terminal != null) {
      try {
        terminal.close();
      } catch (IOException e) {
        // Closing restores the tty's settings; a failure leaves nothing for us to do.
      }
    }
  }
}
