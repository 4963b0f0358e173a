package io.streamtune.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One StreamTune service in a JVM of its own, started from the fat jar with its output in a log
 * file, that can be killed the way an operating system kills (SIGKILL) and started again.
 */
public final class ServiceProcess {

  public final String name;
  private final List<String> command;
  private final Path log;

  /** JVM options for the services whose name starts with the key (FieldLatencyBench --jvm). */
  static final Map<String, String> JVM_OPTIONS = new LinkedHashMap<>();

  private Process process;
  int starts;

  public ServiceProcess(String name, Path jar, Path logs, String... args) {
    this.name = name;
    this.command = new ArrayList<>(List.of("java", "-Xmx768m"));
    JVM_OPTIONS.forEach(
        (prefix, options) -> {
          if (name.startsWith(prefix)) {
            command.addAll(List.of(options.trim().split("\\s+")));
          }
        });
    this.command.addAll(List.of("-jar", jar.toString()));
    this.command.addAll(List.of(args));
    this.log = logs.resolve(name + ".log");
  }

  public ServiceProcess start() throws IOException {
    starts++;
    process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    return this;
  }

  /** SIGKILL: no shutdown hook runs, nothing is given back. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM: the service shuts down as it would on Ctrl-C. */
  public void stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  public boolean alive() {
    return process != null && process.isAlive();
  }

  public int exitCode() throws InterruptedException {
    return process.waitFor();
  }

  /** Waits until the log contains {@code text} once for each start, or the process dies. */
  public void awaitLog(String text, long seconds) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (System.nanoTime() < deadline) {
      if (Files.exists(log)
          && Files.readString(log).split(Pattern.quote(text), -1).length - 1 >= starts) {
        return;
      }
      if (!alive()) {
        throw new IllegalStateException(name + " exited; see " + log);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(name + " did not log '" + text + "' in " + seconds + " s");
  }
}
