package io.streamtune.monitor.replay;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamtune.monitor.StoppingRules;
import io.streamtune.monitor.rules.AshaRule;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.spec.HyperbandBrackets;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToIntFunction;

/**
 * Replays curve fixtures through stopping rules and reports, per rule, the epochs saved, the
 * speedup, whether the best trial survived and the regret; prints a table and optionally writes
 * JSON.
 *
 * <pre>
 * ReplayMain [--curves FILE]... [--synthetic N] [--rule SPEC]... [--seeds K] [--seed BASE]
 *            [--parallelism P] [--json OUT] [--timing]
 *   SPEC  name[:option=value,...]   e.g. median, asha:eta=3,min_resource=2, curve:delta=0.01
 *   default rules: none median percentile curve asha hyperband sh-curve; 10 seeds from 1;
 *   parallelism 4
 *   --timing  also time every decision (after one untimed pass to warm the JIT) and print, per
 *             rule and set, the median, 99th percentile and largest time of one rule evaluation
 * </pre>
 */
public final class ReplayMain {

  static final List<String> DEFAULT_RULES =
      List.of("none", "median", "percentile", "curve", "asha", "hyperband", "sh-curve");

  /** A parsed rule spec: the label as typed, the rule name and its options. */
  record RuleSpec(String label, String name, Map<String, Double> options) {

    static RuleSpec parse(String spec) {
      int colon = spec.indexOf(':');
      String name = colon < 0 ? spec : spec.substring(0, colon);
      Map<String, Double> options = new LinkedHashMap<>();
      if (colon >= 0) {
        for (String kv : spec.substring(colon + 1).split(",")) {
          String[] parts = kv.split("=", 2);
          if (parts.length != 2) {
            throw new IllegalArgumentException(
                "rule option '" + kv + "' must look like name=value");
          }
          options.put(parts[0].trim(), Double.parseDouble(parts[1].trim()));
        }
      }
      return new RuleSpec(spec, name, options);
    }

    /** Hyperband brackets drawn as the suggester would; every other rule runs in bracket 0. */
    ToIntFunction<Random> brackets(int maxEpochs) {
      if (!name.equals(AshaRule.HYPERBAND)) {
        return r -> 0;
      }
      int minResource = (int) Math.round(options.getOrDefault("min_resource", 1.0));
      int eta = (int) Math.round(options.getOrDefault("eta", 3.0));
      int count = HyperbandBrackets.count(minResource, Math.max(maxEpochs, minResource), eta);
      return r -> HyperbandBrackets.draw(r, count, eta);
    }
  }

  private ReplayMain() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the CLI; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    List<Path> files = new ArrayList<>();
    List<RuleSpec> rules = new ArrayList<>();
    int synthetic = 0;
    int seeds = 10;
    long base = 1;
    int parallelism = 4;
    Path json = null;
    boolean timing = false;
    try {
      for (int i = 0; i < args.length; i++) {
        String flag = args[i];
        if (flag.equals("--timing")) {
          timing = true;
          continue;
        }
        String value = i + 1 < args.length ? args[++i] : missing(flag);
        switch (flag) {
          case "--curves" -> files.add(Path.of(value));
          case "--synthetic" -> synthetic = Integer.parseInt(value);
          case "--rule" -> rules.add(RuleSpec.parse(value));
          case "--seeds" -> seeds = Integer.parseInt(value);
          case "--seed" -> base = Long.parseLong(value);
          case "--parallelism" -> parallelism = Integer.parseInt(value);
          case "--json" -> json = Path.of(value);
          default -> throw new IllegalArgumentException("unknown option " + flag);
        }
      }
      if (rules.isEmpty()) {
        DEFAULT_RULES.forEach(r -> rules.add(RuleSpec.parse(r)));
      }
      List<LearningCurves> sets = new ArrayList<>();
      files.forEach(f -> sets.add(CurveFixtures.read(f)));
      if (synthetic > 0) {
        sets.add(SyntheticCurves.powerLaw("synthetic", base, synthetic, 30, 0.01, true));
      }
      if (sets.isEmpty() || seeds < 1) {
        throw new IllegalArgumentException("give --curves FILE or --synthetic N, and --seeds >= 1");
      }
      List<Map<String, Object>> report = new ArrayList<>();
      for (LearningCurves set : sets) {
        List<ReplaySummary> summaries = replay(set, rules, parallelism, base, seeds);
        print(out, set, summaries, parallelism, seeds);
        if (timing) {
          printTiming(out, set, rules, parallelism, base, seeds);
        }
        report.add(
            Map.of(
                "set",
                set.name(),
                "trials",
                set.curves().size(),
                "maximize",
                set.maximize(),
                "parallelism",
                parallelism,
                "seeds",
                seeds,
                "rules",
                summaries));
      }
      if (json != null) {
        new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValue(json.toFile(), report);
      }
      return 0;
    } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
      err.println("replay: " + e.getMessage());
      return 2;
    }
  }

  static List<ReplaySummary> replay(
      LearningCurves set, List<RuleSpec> rules, int parallelism, long base, int seeds) {
    long baseline = 0;
    ReplaySimulator plain = new ReplaySimulator(parallelism);
    for (int s = 0; s < seeds; s++) {
      baseline += plain.run(set, StoppingRule.NONE, "none", base + s).timeUnits();
    }
    List<ReplaySummary> out = new ArrayList<>();
    for (RuleSpec spec : rules) {
      StoppingRule rule = StoppingRules.create(spec.name(), spec.options());
      ReplaySimulator sim = new ReplaySimulator(parallelism, spec.brackets(set.maxEpochs()));
      List<ReplayResult> results = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        results.add(sim.run(set, rule, spec.label(), base + s));
      }
      out.add(ReplaySummary.of(spec.label(), results, baseline, set.maximize()));
    }
    return out;
  }

  /**
   * Times every rule evaluation of a second replay (the first warms the JIT), as the monitor would
   * spend it on one epoch metric: the rule's time, not Kafka's. Wall time includes the time the
   * thread waited for a core; the thread's CPU time does not, which is what to read on a busy
   * machine.
   */
  private static void printTiming(
      PrintStream out,
      LearningCurves set,
      List<RuleSpec> rules,
      int parallelism,
      long base,
      int seeds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    out.printf("%s: time per decision (ms), %d orders after one warm-up pass%n", set.name(), seeds);
    out.printf(
        "%-32s %9s %8s %8s %8s %8s %8s%n",
        "rule", "decisions", "p50", "p99", "max", "cpu p99", "cpu max");
    for (RuleSpec spec : rules) {
      StoppingRule rule = StoppingRules.create(spec.name(), spec.options());
      List<Long> wall = new ArrayList<>();
      List<Long> cpu = new ArrayList<>();
      StoppingRule timed =
          (study, trial) -> {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            var d = rule.evaluate(study, trial);
            wall.add(System.nanoTime() - t0);
            cpu.add(threads.getCurrentThreadCpuTime() - c0);
            return d;
          };
      ReplaySimulator sim = new ReplaySimulator(parallelism, spec.brackets(set.maxEpochs()));
      for (int s = 0; s < seeds; s++) {
        sim.run(set, rule, spec.label(), base + s);
      }
      for (int s = 0; s < seeds; s++) {
        sim.run(set, timed, spec.label(), base + s);
      }
      long[] t = sorted(wall);
      long[] c = sorted(cpu);
      out.printf(
          "%-32s %9d %8.3f %8.3f %8.3f %8.3f %8.3f%n",
          spec.label(),
          t.length,
          t[t.length / 2] / 1e6,
          p99(t) / 1e6,
          t[t.length - 1] / 1e6,
          p99(c) / 1e6,
          c[c.length - 1] / 1e6);
    }
    out.println();
  }

  private static long[] sorted(List<Long> v) {
    return v.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  private static long p99(long[] sorted) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(0.99 * sorted.length) - 1)];
  }

  private static void print(
      PrintStream out, LearningCurves set, List<ReplaySummary> rows, int parallelism, int seeds) {
    out.printf(
        "%s: %d trials, up to %d epochs, %s; parallelism %d, %d arrival orders%n",
        set.name(),
        set.curves().size(),
        set.maxEpochs(),
        set.maximize() ? "maximize" : "minimize",
        parallelism,
        seeds);
    out.printf(
        "%-32s %7s %8s %7s %9s %12s %11s %7s%n",
        "rule", "saved", "speedup", "wall", "best kept", "regret mean", "regret max", "target");
    for (ReplaySummary r : rows) {
      out.printf(
          "%-32s %6.1f%% %7.2fx %6.2fx %5d/%-3d %11.3f%% %10.3f%% %7s%n",
          r.rule(),
          100 * r.savedFraction(),
          r.speedup(),
          r.wallSpeedup(),
          r.bestKept(),
          r.runs(),
          100 * r.meanRegret(),
          100 * r.maxRegret(),
          r.target() ? "yes" : "");
    }
    out.println();
  }

  private static String missing(String flag) {
    throw new IllegalArgumentException(flag + " needs a value");
  }
}
