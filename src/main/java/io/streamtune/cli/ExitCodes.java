package io.streamtune.cli;

import io.streamtune.spec.SpecException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/**
 * What the {@code streamtune} process's exit status means, for scripts and orchestrators. The
 * README's table and the top-level {@code --help} come from here.
 *
 * <p>Invalid input (2) is anything the person typing can fix by changing the command line or a file
 * it names: a usage error, a bad option value, a missing or unreadable file (a {@link
 * FileSystemException} names the file), an invalid spec. Every other failure (1) is of the world
 * around the command: Kafka unreachable, a port in use, a study that failed.
 */
final class ExitCodes {

  static final int OK = 0;
  static final int ERROR = 1;
  static final int INVALID_INPUT = 2;

  /** A JVM {@link Error} such as OutOfMemoryError (sysexits' EX_SOFTWARE). */
  static final int CRASHED = 70;

  /** Ctrl-C or SIGINT, by the shell's convention of 128 + the signal's number. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The exit code for a command that failed with {@code e}. */
  static int of(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return INTERRUPTED;
      }
    }
    Throwable t = e instanceof UncheckedIOException ? e.getCause() : e;
    if (t instanceof ParameterException
        || t instanceof SpecException
        || t instanceof IllegalArgumentException
        || t instanceof FileSystemException) {
      return INVALID_INPUT;
    }
    return ERROR;
  }

  /** Each code and its meaning, in the order the help lists them. */
  static Map<String, String> descriptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(Integer.toString(OK), "Success.");
    m.put(Integer.toString(ERROR), "Failed: Kafka unreachable, a port in use, a service died...");
    m.put(
        Integer.toString(INVALID_INPUT),
        "Invalid input: a usage error, a bad option value, a missing file, an invalid spec.");
    m.put(Integer.toString(CRASHED), "The JVM failed (an Error such as OutOfMemoryError).");
    m.put(
        Integer.toString(INTERRUPTED),
        "Interrupted: Ctrl-C, or SIGTERM while following a study (which is then cancelled).");
    // Not returned by a command: the JVM's own status after a service's clean SIGTERM shutdown.
    m.put("143", "A service (broker, suggester, trainer, monitor) stopped by SIGTERM, cleanly.");
    return m;
  }
}
