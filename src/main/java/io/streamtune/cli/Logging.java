package io.streamtune.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Sets slf4j-simple's levels and destination before the first logger exists. Kafka's own INFO logs
 * would bury a study's progress, so they are shown only with {@code --verbose}; and when a command
 * that draws progress runs in a terminal, logs go to a file (printed at the start), so that no log
 * line tears the display.
 */
final class Logging {

  /** Commands that draw live progress. */
  private static final Set<String> DRAWING = Set.of("run", "submit", "watch");

  private static Path file;

  private Logging() {}

  static void configure(String[] args) {
    List<String> argList = Arrays.asList(args);
    boolean verbose = argList.contains("--verbose") || argList.contains("-v");
    setDefault("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    setDefault("org.slf4j.simpleLogger.log.io.streamtune", verbose ? "debug" : "info");
    setDefault("org.slf4j.simpleLogger.log.org.apache.kafka", verbose ? "info" : "error");
    setDefault("org.slf4j.simpleLogger.log.kafka", verbose ? "info" : "error");
    setDefault("org.slf4j.simpleLogger.showDateTime", "true");
    setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
    String command = argList.stream().filter(a -> !a.startsWith("-")).findFirst().orElse("");
    if (!verbose
        && DRAWING.contains(command)
        && System.console() != null
        && System.getProperty("org.slf4j.simpleLogger.logFile") == null) {
      file = logFile(command);
    }
    setDefault("org.slf4j.simpleLogger.logFile", file == null ? "System.err" : file.toString());
  }

  /** The file logs go to, when not the terminal. */
  static Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** $XDG_STATE_HOME/streamtune/logs (~/.local/state/...), or the temp directory. */
  private static Path logFile(String command) {
    String stamp =
        LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
    String name =
        "streamtune-" + command + "-" + stamp + "-" + ProcessHandle.current().pid() + ".log";
    String state = System.getenv("XDG_STATE_HOME");
    Path dir =
        state != null && !state.isBlank()
            ? Path.of(state, "streamtune", "logs")
            : Path.of(System.getProperty("user.home"), ".local", "state", "streamtune", "logs");
    try {
      Files.createDirectories(dir);
      return dir.resolve(name);
    } catch (IOException | SecurityException e) {
      // no state folder here (a read-only home): the temp directory will do
      return Path.of(System.getProperty("java.io.tmpdir")).resolve(name);
    }
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
