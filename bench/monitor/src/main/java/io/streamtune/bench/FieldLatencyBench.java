package io.streamtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Metric-to-decision latency with the monitor in processes of its own, as a platform runs it, in
 * the situations where early stopping used to go blind: the first study on freshly started
 * services, the steady state, {@code kill -9} of one of two monitor instances, a single monitor
 * killed and started again, and 50 studies at once. Prints a table and writes JSON.
 *
 * <p>Every scenario runs on a fresh broker. A monitor "instance" is a {@code streamtune monitor}
 * process; {@code --monitor-args} adds options to each (for example {@code --replica a}).
 */
public final class FieldLatencyBench {

  private record Row(String scenario, double[] ms, int sent, double missingSeconds) {}

  private Path jar;
  private int probes = 200;

  /**
   * The monitors' own arguments, one list per instance: by default the deployment the README
   * recommends, two replicas, each a static member. (Two plain instances share one group, and a
   * killed one blinds its partitions until the group notices; pass {@code --monitor-args ";"} for
   * that.)
   */
  private List<List<String>> monitorArgs =
      List.of(
          List.of("--replica", "a", "--instance-id", "a1"),
          List.of("--replica", "b", "--instance-id", "b1"));

  public static void main(String[] args) throws Exception {
    FieldLatencyBench bench = new FieldLatencyBench();
    Path json = Path.of("results/field-latency.json");
    List<String> scenarios =
        List.of("first", "steady", "kill-one-of-two", "restart-single", "fifty", "pruning");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--jar" -> bench.jar = Path.of(args[++i]);
        case "--probes" -> bench.probes = Integer.parseInt(args[++i]);
        case "--json" -> json = Path.of(args[++i]);
        case "--scenarios" -> scenarios = Arrays.asList(args[++i].split(","));
        case "--jvm" -> {
          String[] kv = args[++i].split("=", 2);
          ServiceProcess.JVM_OPTIONS.put(kv[0], kv[1]);
        }
        case "--monitor-args" ->
            bench.monitorArgs =
                Arrays.stream(args[++i].split(";"))
                    .map(s -> s.isBlank() ? List.<String>of() : List.of(s.trim().split("\\s+")))
                    .toList();
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; use --jar --probes --scenarios --json --monitor-args"
                    + " --jvm SERVICE-PREFIX=OPTIONS");
      }
    }
    List<Row> rows = new ArrayList<>();
    for (String s : scenarios) {
      rows.add(bench.run(s));
      if (!s.equals("pruning")) {
        print(rows.get(rows.size() - 1));
      }
    }
    write(rows, json);
  }

  private Row run(String scenario) throws Exception {
    if (scenario.equals("pruning")) {
      return pruning();
    }
    Path dir = Files.createTempDirectory("streamtune-latency-" + scenario + "-");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    String port = Integer.toString(freePort());
    String bootstrap = "127.0.0.1:" + port;
    ServiceProcess broker = startBroker(dir, logs, port, "--partitions", "3");
    int count = scenario.equals("restart-single") ? 1 : monitorArgs.size();
    List<ServiceProcess> monitors = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      List<String> cmd = new ArrayList<>(List.of("monitor", "--bootstrap", bootstrap));
      cmd.addAll(List.of("--state-dir", dir.resolve("monitor-" + i).toString()));
      cmd.addAll(monitorArgs.get(i % monitorArgs.size()));
      monitors.add(new ServiceProcess("monitor-" + i, jar, logs, cmd.toArray(String[]::new)));
    }
    for (ServiceProcess m : monitors) {
      m.start();
    }
    for (ServiceProcess m : monitors) {
      m.awaitLog("Monitor ready", 120);
    }
    List<String> studies = LatencyProbe.studyIds("lat", scenario.equals("fifty") ? 50 : 1);
    try (LatencyProbe probe = new LatencyProbe(bootstrap, studies)) {
      probe.setUp();
      return switch (scenario) {
        case "first" -> sequential(scenario, probe, 20);
        case "steady", "fifty" -> {
          sequential("warm-up", probe, 20);
          yield sequential(scenario, probe, probes);
        }
        case "kill-one-of-two", "restart-single" -> {
          sequential("warm-up", probe, 20);
          yield underFault(scenario, probe, monitors.get(0), scenario.equals("restart-single"));
        }
        default -> throw new IllegalArgumentException("unknown scenario " + scenario);
      };
    } finally {
      for (ServiceProcess m : monitors) {
        if (m.alive()) {
          m.stop();
        }
      }
      broker.stop();
    }
  }

  /**
   * The quickstart study submitted as soon as separate services (2 monitor replicas, a suggester, 2
   * trainers) report ready, against the same study run all in one process: how many trials each
   * prunes. The row's figures are the two counts, not latencies.
   */
  private Row pruning() throws Exception {
    Path dir = Files.createTempDirectory("streamtune-pruning-");
    Path logs = Files.createDirectories(dir.resolve("logs"));
    Path spec = Path.of("../../examples/quickstart.yaml").toAbsolutePath().normalize();
    String port = Integer.toString(freePort());
    String bootstrap = "127.0.0.1:" + port;
    ServiceProcess broker = startBroker(dir, logs, port, "--request-partitions", "2");
    List<ServiceProcess> services = new ArrayList<>();
    for (String replica : List.of("a", "b")) {
      services.add(
          new ServiceProcess(
              "monitor-" + replica,
              jar,
              logs,
              "monitor",
              "--bootstrap",
              bootstrap,
              "--replica",
              replica,
              "--state-dir",
              dir.resolve("monitor-" + replica).toString()));
    }
    services.add(new ServiceProcess("suggester", jar, logs, "suggester", "--bootstrap", bootstrap));
    services.add(
        new ServiceProcess(
            "trainers", jar, logs, "trainer", "--bootstrap", bootstrap, "--count", "2"));
    for (ServiceProcess s : services) {
      s.start();
    }
    for (ServiceProcess s : services) {
      s.awaitLog(" ready", 120);
    }
    ServiceProcess submit =
        new ServiceProcess(
            "submit",
            jar,
            logs,
            "submit",
            spec.toString(),
            "--bootstrap",
            bootstrap,
            "--wait",
            "-o",
            dir.resolve("separate.json").toString());
    submit.start().exitCode();
    for (ServiceProcess s : services) {
      s.stop();
    }
    broker.stop();
    ServiceProcess run =
        new ServiceProcess(
            "run",
            jar,
            logs,
            "run",
            spec.toString(),
            "-o",
            dir.resolve("together.json").toString());
    run.start().exitCode();
    double separate = pruned(dir.resolve("separate.json"));
    double together = pruned(dir.resolve("together.json"));
    System.out.printf(
        Locale.ROOT,
        "pruning: the quickstart study prunes %.0f trials on separate services, %.0f all in one%n",
        separate,
        together);
    return new Row("pruning", new double[] {separate, together}, 2, Double.NaN);
  }

  /** A broker process of its own on {@code port}, its data under {@code dir}, once it is ready. */
  private ServiceProcess startBroker(Path dir, Path logs, String port, String... options)
      throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("broker", "--port", port, "--data-dir", dir.resolve("kafka").toString()));
    args.addAll(List.of(options));
    ServiceProcess broker = new ServiceProcess("broker", jar, logs, args.toArray(String[]::new));
    broker.start().awaitLog("Kafka broker ready", 120);
    return broker;
  }

  private static double pruned(Path results) throws IOException {
    return new ObjectMapper()
        .readTree(results.toFile())
        .path("status_counts")
        .path("pruned") // results.json names statuses in lower case
        .asDouble();
  }

  /** One probe at a time, each waiting for its decision (at most 30 s). */
  private static Row sequential(String name, LatencyProbe probe, int n)
      throws InterruptedException {
    double[] ms = new double[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      String trial = probe.probe();
      ms[i] = await(probe, trial, t0, 30_000);
    }
    return new Row(name, ms, n, Double.NaN);
  }

  /**
   * Probes every 50 ms for 25 s; 5 s in, the first monitor is killed with SIGKILL (and, for a
   * single monitor, started again at once). Decisions missing = the longest wait of a probe sent
   * after the kill.
   */
  private static Row underFault(
      String name, LatencyProbe probe, ServiceProcess victim, boolean restart) throws Exception {
    List<String> trials = new ArrayList<>();
    List<Long> sentAt = new ArrayList<>();
    long start = System.nanoTime();
    long killedAt = 0;
    while (System.nanoTime() - start < 25_000_000_000L) {
      if (killedAt == 0 && System.nanoTime() - start > 5_000_000_000L) {
        victim.kill();
        killedAt = System.nanoTime();
        if (restart) {
          victim.start();
        }
      }
      sentAt.add(System.nanoTime());
      trials.add(probe.probe());
      Thread.sleep(50);
    }
    long deadline = System.nanoTime() + 90_000_000_000L;
    double[] ms = new double[trials.size()];
    double missing = 0;
    for (int i = 0; i < trials.size(); i++) {
      ms[i] =
          await(probe, trials.get(i), sentAt.get(i), (deadline - System.nanoTime()) / 1_000_000);
      if (sentAt.get(i) >= killedAt) {
        missing = Math.max(missing, ms[i] / 1000);
      }
    }
    return new Row(name, ms, trials.size(), missing);
  }

  private static double await(LatencyProbe probe, String trial, long sentAt, long timeoutMs)
      throws InterruptedException {
    long deadline = System.nanoTime() + Math.max(0, timeoutMs) * 1_000_000;
    while (System.nanoTime() < deadline) {
      Long at = probe.decidedAt(trial);
      if (at != null) {
        return (at - sentAt) / 1e6;
      }
      Thread.sleep(1);
    }
    Long at = probe.decidedAt(trial);
    return at == null ? Double.POSITIVE_INFINITY : (at - sentAt) / 1e6;
  }

  private static double percentile(double[] sorted, double p) {
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static void print(Row r) {
    if (r.scenario().equals("first")) {
      System.out.printf(
          Locale.ROOT,
          "first probes, in order (ms): %s%n",
          Arrays.toString(Arrays.copyOf(r.ms(), Math.min(8, r.ms().length))));
    }
    double[] s = r.ms().clone();
    Arrays.sort(s);
    long lost = Arrays.stream(s).filter(Double::isInfinite).count();
    System.out.printf(
        Locale.ROOT,
        "%-16s n=%4d  p50 %8.1f ms  p90 %8.1f  p99 %8.1f  max %9.1f  undecided %d%s%n",
        r.scenario(),
        r.sent(),
        percentile(s, 50),
        percentile(s, 90),
        percentile(s, 99),
        s[s.length - 1],
        lost,
        Double.isNaN(r.missingSeconds())
            ? ""
            : String.format(Locale.ROOT, "  decisions missing for %.1f s", r.missingSeconds()));
  }

  private static void write(List<Row> rows, Path json) throws IOException {
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = mapper.createObjectNode();
    ArrayNode out = root.putArray("scenarios");
    Function<double[], double[]> sorted =
        a -> {
          double[] s = a.clone();
          Arrays.sort(s);
          return s;
        };
    for (Row r : rows) {
      ObjectNode o = out.addObject();
      o.put("scenario", r.scenario());
      if (r.scenario().equals("pruning")) {
        o.put("pruned_separate_services", r.ms()[0]);
        o.put("pruned_all_in_one", r.ms()[1]);
        continue;
      }
      double[] s = sorted.apply(r.ms());
      o.put("probes", r.sent());
      o.put("p50_ms", percentile(s, 50));
      o.put("p90_ms", percentile(s, 90));
      o.put("p99_ms", percentile(s, 99));
      o.put("max_ms", s[s.length - 1]);
      o.put("undecided", Arrays.stream(s).filter(Double::isInfinite).count());
      // in the order sent, so that a periodic stall shows (it did: the 100 ms producer backoff)
      var samples = o.putArray("samples_ms");
      for (double v : r.ms()) {
        samples.add(Math.round(v * 10) / 10.0);
      }
      if (!Double.isNaN(r.missingSeconds())) {
        o.put("decisions_missing_s", r.missingSeconds());
      }
    }
    Files.createDirectories(json.toAbsolutePath().getParent());
    mapper.writeValue(json.toFile(), root);
    System.out.println("Wrote " + json.toAbsolutePath());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
