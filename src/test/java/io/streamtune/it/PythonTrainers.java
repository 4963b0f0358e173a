package io.streamtune.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Python trainers of the SDK in {@code clients/python}, each in its own process: Debian's python3
 * with python3-confluent-kafka and python3-avro (which {@code .ci/run} installs), running {@code
 * examples/synthetic.py}.
 */
public final class PythonTrainers implements AutoCloseable {

  private static final Path ROOT = Path.of(System.getProperty("streamtune.root", ".."));
  private static final Path CLIENT = ROOT.resolve("clients/python");

  /** One trainer process and its log. */
  record Trainer(String workerId, Process process, Path log) {
    String output() throws IOException {
      return Files.readString(log, StandardCharsets.UTF_8);
    }
  }

  private final String bootstrap;
  private final Path logs;
  private final List<Trainer> started = new ArrayList<>();

  PythonTrainers(String bootstrap, Path logs) {
    this.bootstrap = bootstrap;
    this.logs = logs;
  }

  /** Debian's python3 if there is one (the packages are Debian's), else the first on the PATH. */
  public static String python() {
    return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  }

  /** Why the SDK cannot run here, or null when it can. */
  public static String missing() {
    return missing("confluent_kafka, avro", "python3-confluent-kafka and python3-avro");
  }

  /** Why {@code modules} cannot be imported here, naming the Debian packages; null if they can. */
  static String missing(String modules, String packages) {
    try {
      Process p =
          new ProcessBuilder(python(), "-c", "import " + modules).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return python()
            + " cannot import the SDK's dependencies ("
            + out.strip()
            + "); install "
            + packages
            + " (.ci/run does)";
      }
      return null;
    } catch (IOException e) {
      return "no python3 (" + e.getMessage() + "); .ci/run installs it";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  /** Starts a trainer of the synthetic objectives and waits until it has joined. */
  Trainer start(String workerId) throws IOException, InterruptedException {
    return start(workerId, "synthetic.py");
  }

  /** Starts an example trainer and waits until it has joined (it prints "ready"). */
  Trainer start(String workerId, String example) throws IOException, InterruptedException {
    Path log = logs.resolve(workerId + ".log");
    Process p =
        new ProcessBuilder(
                python(),
                CLIENT.resolve("examples").resolve(example).toString(),
                "--bootstrap",
                bootstrap,
                "--worker-id",
                workerId)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    Trainer t = new Trainer(workerId, p, log);
    started.add(t);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains("ready " + workerId)) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("python trainer " + workerId + " did not start: " + t.output());
      }
      Thread.sleep(50);
    }
    return t;
  }

  @Override
  public void close() throws InterruptedException {
    for (Trainer t : started) {
      t.process().destroy();
    }
    for (Trainer t : started) {
      if (!t.process().waitFor(20, TimeUnit.SECONDS)) {
        t.process().destroyForcibly();
      }
    }
  }
}
