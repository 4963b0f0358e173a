package io.streamtune.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.StudySpecParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.Utils;

/**
 * One study on separate JVMs, the way a platform runs StreamTune: a broker, 2 suggesters, 3
 * trainers and 2 monitors. First undisturbed, then while a seeded chaos loop kills services with
 * SIGKILL (and starts them again) and restarts the broker once. Checks that no trial was lost or
 * run twice and that the best result is the one recorded, and prints what the chaos cost.
 */
public final class ChaosBench {

  private record Run(
      String name,
      double wallSeconds,
      List<String> kills,
      int brokerRestarts,
      ChaosCheck check,
      double reportedBest) {}

  public static void main(String[] args) throws Exception {
    Path jar = null;
    int kills = 10;
    int trials = 40;
    long seed = 7;
    long intervalMs = 4000;
    Path json = Path.of("results/chaos.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jar" -> jar = Path.of(args[++i]);
        case "--kills" -> kills = Integer.parseInt(args[++i]);
        case "--trials" -> trials = Integer.parseInt(args[++i]);
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--interval-ms" -> intervalMs = Long.parseLong(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument " + args[i] + "; use --jar --kills --trials --seed --json");
      }
    }
    if (jar == null || !Files.exists(jar)) {
      throw new IllegalArgumentException("--jar must name the built streamtune.jar: " + jar);
    }
    String yaml = spec(trials);
    Run calm = run("undisturbed", jar, yaml, 0, seed, intervalMs);
    Run chaos = run("chaos", jar, yaml, kills, seed, intervalMs);
    report(List.of(calm, chaos), StudySpecParser.parse(yaml), json);
    boolean ok =
        List.of(calm, chaos).stream()
            .allMatch(
                r ->
                    r.check().lost(StudySpecParser.parse(yaml)) == 0
                        && r.check().duplicated() == 0
                        && r.check().best() == r.reportedBest());
    System.exit(ok ? 0 : 1);
  }

  static String spec(int trials) {
    return """
        study: chaos
        objective: {name: branin, options: {epoch_ms: 150}}
        metric: {name: loss, direction: minimize}
        n_trials: %d
        parallelism: 3
        max_epochs: 12
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        algorithm: {name: gp, seed: 3}
        stopping: {rule: median, min_trials: 5, min_step: 3}
        """
        .formatted(trials);
  }

  private static Run run(String name, Path jar, String yaml, int kills, long seed, long intervalMs)
      throws Exception {
    Path dir = Files.createTempDirectory("streamtune-chaos-" + name + "-");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path specFile = dir.resolve("chaos.yaml");
    Files.writeString(specFile, yaml);
    String port = Integer.toString(freePort());
    String bootstrap = "127.0.0.1:" + port;
    ServiceProcess broker =
        new ServiceProcess(
            "broker",
            jar,
            logs,
            "broker",
            "--port",
            port,
            "--data-dir",
            dir.resolve("kafka").toString(),
            "--partitions",
            "3",
            "--request-partitions",
            "3");
    broker.start().awaitLog("Kafka broker ready", 120);
    List<ServiceProcess> services = new ArrayList<>();
    for (int i = 1; i <= 2; i++) {
      services.add(
          new ServiceProcess(
              "monitor-" + i,
              jar,
              logs,
              "monitor",
              "--bootstrap",
              bootstrap,
              "--state-dir",
              dir.resolve("monitor-" + i).toString()));
      services.add(
          new ServiceProcess(
              "suggester-" + i, jar, logs, "suggester", "--bootstrap", bootstrap, "--lease", "5s"));
    }
    for (int i = 1; i <= 3; i++) {
      services.add(
          new ServiceProcess("trainer-" + i, jar, logs, "trainer", "--bootstrap", bootstrap));
    }
    for (ServiceProcess s : services) {
      s.start();
    }
    Thread.sleep(10_000); // let every JVM start and join its group
    ServiceProcess submit =
        new ServiceProcess(
            "submit",
            jar,
            logs,
            "submit",
            specFile.toString(),
            "--bootstrap",
            bootstrap,
            "--wait",
            "-o",
            dir.resolve("results.json").toString(),
            "--timeout",
            "20m");
    long t0 = System.nanoTime();
    submit.start();
    List<String> killed = new ArrayList<>();
    int[] restarts = {0};
    Thread chaos =
        new Thread(
            () -> chaos(services, broker, kills, new Random(seed), intervalMs, killed, restarts));
    chaos.setDaemon(true);
    chaos.start();
    int code = submit.exitCode();
    double wall = (System.nanoTime() - t0) / 1e9;
    chaos.join(TimeUnit.MINUTES.toMillis(5));
    if (code != 0) {
      throw new IllegalStateException("submit --wait exited " + code + "; logs in " + logs);
    }
    ChaosCheck check = ChaosCheck.read(bootstrap, StudySpecParser.parse(yaml));
    double reported = reportedBest(dir.resolve("results.json"));
    for (ServiceProcess s : services) {
      s.stop();
    }
    broker.stop();
    Utils.delete(dir.resolve("kafka").toFile());
    System.out.printf(
        Locale.ROOT, "%s: %.1f s, %d kills, logs in %s%n", name, wall, killed.size(), logs);
    return new Run(name, wall, killed, restarts[0], check, reported);
  }

  /** Kills a random service every interval and starts it again; restarts the broker halfway. */
  private static void chaos(
      List<ServiceProcess> services,
      ServiceProcess broker,
      int kills,
      Random random,
      long intervalMs,
      List<String> killed,
      int[] restarts) {
    try {
      for (int k = 1; k <= kills; k++) {
        Thread.sleep(intervalMs);
        ServiceProcess victim = services.get(random.nextInt(services.size()));
        victim.kill();
        killed.add(victim.name);
        Thread.sleep(1000);
        victim.start();
        if (k == kills / 2) {
          broker.stop();
          broker.start().awaitLog("Kafka broker ready", 120);
          restarts[0]++;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static double reportedBest(Path results) throws IOException {
    JsonNode root = new ObjectMapper().readTree(results.toFile());
    JsonNode best = root.path("best");
    return best.isMissingNode() ? Double.NaN : best.path("value").asDouble(Double.NaN);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static void report(List<Run> runs, StudySpec spec, Path json) throws IOException {
    System.out.printf(
        Locale.ROOT,
        "%-12s %8s %6s %8s %9s %7s %6s %5s %6s %10s %10s %12s %12s%n",
        "run",
        "wall s",
        "kills",
        "restarts",
        "completed",
        "pruned",
        "failed",
        "lost",
        "dup",
        "superseded",
        "added s",
        "best",
        "reported");
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    root.put("study_trials", spec.getNTrials());
    ArrayNode rows = root.putArray("runs");
    double calm = runs.get(0).wallSeconds();
    for (Run r : runs) {
      ChaosCheck c = r.check();
      System.out.printf(
          Locale.ROOT,
          "%-12s %8.1f %6d %8d %9d %7d %6d %5d %6d %10d %10.1f %12.6g %12.6g%n",
          r.name(),
          r.wallSeconds(),
          r.kills().size(),
          r.brokerRestarts(),
          c.count(TrialStatus.COMPLETED),
          c.count(TrialStatus.PRUNED),
          c.count(TrialStatus.FAILED),
          c.lost(spec),
          c.duplicated(),
          c.superseded(),
          r.wallSeconds() - calm,
          c.best(),
          r.reportedBest());
      ObjectNode row = rows.addObject();
      row.put("run", r.name());
      row.put("wall_seconds", r.wallSeconds());
      row.put("seconds_added", r.wallSeconds() - calm);
      row.putPOJO("kills", r.kills());
      row.put("broker_restarts", r.brokerRestarts());
      row.put("completed", c.count(TrialStatus.COMPLETED));
      row.put("pruned", c.count(TrialStatus.PRUNED));
      row.put("failed", c.count(TrialStatus.FAILED));
      row.put("lost", c.lost(spec));
      row.put("duplicated_attempts", c.duplicated());
      row.put("superseded_results", c.superseded());
      row.put("best_accepted", c.best());
      row.put("best_reported", r.reportedBest());
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    mapper.writeValue(json.toFile(), root);
    System.out.println("Wrote " + json.toAbsolutePath());
  }
}
