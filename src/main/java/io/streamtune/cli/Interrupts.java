package io.streamtune.cli;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.utils.Signals;

/**
 * Ctrl-C (SIGINT) and SIGTERM while a command follows a study: the first asks the command to wind
 * down (it cancels the study, waits briefly for running trials and writes what finished); the
 * second exits at once with code 130. JLine's {@link Signals} installs the handlers, so no shutdown
 * hook races the command for the broker connection.
 */
final class Interrupts implements AutoCloseable {

  private static final String[] SIGNALS = {"INT", "TERM"};

  private final AtomicInteger count = new AtomicInteger();
  private final Object[] previous = new Object[SIGNALS.length];
  private volatile String signal;

  private Interrupts() {}

  /** Installs the handlers; {@code firstNotice} is printed to {@code err} on the first signal. */
  static Interrupts install(PrintWriter err, String firstNotice) {
    Interrupts i = new Interrupts();
    for (int s = 0; s < SIGNALS.length; s++) {
      String name = SIGNALS[s];
      i.previous[s] =
          Signals.register(
              name,
              () -> {
                if (i.count.incrementAndGet() == 1) {
                  i.signal = name;
                  err.println();
                  err.println(firstNotice);
                  err.flush();
                } else {
                  err.println("Interrupted again: exiting now, without waiting.");
                  err.flush();
                  // halt, not exit: shutdown hooks would wait for the services to stop
                  Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
                }
              });
    }
    return i;
  }

  boolean requested() {
    return count.get() > 0;
  }

  /** What was received: "Ctrl-C" for SIGINT, "SIGTERM" otherwise. */
  String what() {
    return "INT".equals(signal) ? "Ctrl-C" : "SIG" + signal;
  }

  @Override
  public void close() {
    for (int s = 0; s < SIGNALS.length; s++) {
      if (previous[s] != null) {
        Signals.unregister(SIGNALS[s], previous[s]);
      }
    }
  }
}
