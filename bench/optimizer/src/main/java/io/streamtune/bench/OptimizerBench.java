package io.streamtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamtune.bench.BenchProblems.Problem;
import io.streamtune.optimizer.BayesianOptimizer;
import io.streamtune.optimizer.Optimizer;
import io.streamtune.optimizer.Optimizers;
import io.streamtune.optimizer.RandomSearch;
import io.streamtune.optimizer.gp.GaussianProcess;
import io.streamtune.optimizer.gp.GpFitter;
import io.streamtune.optimizer.gp.GpModel;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongFunction;

/**
 * Quality and cost benchmark of the optimizer library.
 *
 * <p>Quality: Branin and Hartmann6, {@code seeds} × 60 sequential evaluations with 10 random
 * initial points; median final regret and mean log10 final regret per method. Cost: median wall
 * time of one {@code tell + ask} on Hartmann6 (6 dims) after n = 50, 100, 200, 400 observations,
 * for the default model (incremental Cholesky updates, scheduled refits) and for a model that
 * refits its hyperparameters on every tell, measured in the same run.
 *
 * <p>Usage: {@code OptimizerBench [--quality] [--cost] [--seeds 10] [--out
 * results/optimizer.json]}.
 */
public final class OptimizerBench {

  private static final int EVALS = 60;
  private static final int INITIAL = 10;

  public static void main(String[] args) throws IOException {
    List<String> a = Arrays.asList(args);
    boolean quality = a.contains("--quality") || !a.contains("--cost");
    boolean cost = a.contains("--cost") || !a.contains("--quality");
    int seeds = a.contains("--seeds") ? Integer.parseInt(a.get(a.indexOf("--seeds") + 1)) : 10;
    String out = a.contains("--out") ? a.get(a.indexOf("--out") + 1) : "results/optimizer.json";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "machine",
        Map.of(
            "cores",
            Runtime.getRuntime().availableProcessors(),
            "java",
            System.getProperty("java.version"),
            "os",
            System.getProperty("os.arch")));
    if (quality) {
      json.put("quality", quality(seeds));
    }
    if (cost) {
      json.put("cost", cost());
    }
    File file = new File(out);
    if (file.getParentFile() != null) {
      file.getParentFile().mkdirs();
    }
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file, json);
    System.out.println("wrote " + file.getPath());
  }

  private static Map<String, LongFunction<Optimizer>> methods(Problem p) {
    Map<String, LongFunction<Optimizer>> m = new LinkedHashMap<>();
    m.put("gp (default)", seed -> Optimizers.gp(p.space(), options(seed)));
    m.put("gp-EI", seed -> Optimizers.gp(p.space(), options(seed).withAcqFunc("EI")));
    m.put("gp_hedge", seed -> Optimizers.gp(p.space(), options(seed).withAcqFunc("gp_hedge")));
    m.put("gbrt", seed -> Optimizers.gbrt(p.space(), options(seed).withAcqFunc("EI")));
    m.put("forest-EI", seed -> Optimizers.forest(p.space(), options(seed).withAcqFunc("EI")));
    m.put("random", seed -> new RandomSearch(p.space(), seed));
    return m;
  }

  private static BayesianOptimizer.Options options(long seed) {
    return BayesianOptimizer.Options.defaults(seed).withInitial(INITIAL, "random");
  }

  private static List<Map<String, Object>> quality(int seeds) {
    List<Map<String, Object>> rows = new ArrayList<>();
    System.out.printf(
        "%-10s %-10s %14s %16s %10s%n",
        "problem", "method", "median regret", "mean log10 regret", "seconds");
    for (Problem p : List.of(BenchProblems.branin(), BenchProblems.hartmann6())) {
      for (var e : methods(p).entrySet()) {
        long t0 = System.nanoTime();
        double[] regrets = new double[seeds];
        for (int s = 0; s < seeds; s++) {
          Optimizer opt = e.getValue().apply(s);
          double best = Double.POSITIVE_INFINITY;
          for (int i = 0; i < EVALS; i++) {
            Map<String, Object> x = opt.ask();
            double y = p.f().applyAsDouble(x);
            best = Math.min(best, y);
            opt.tell(x, y);
          }
          regrets[s] = Math.max(best - p.minimum(), 1e-12);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double median = median(regrets);
        double meanLog = Arrays.stream(regrets).map(Math::log10).average().orElseThrow();
        System.out.printf(
            "%-10s %-10s %14.3g %16.2f %10.1f%n", p.name(), e.getKey(), median, meanLog, seconds);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("problem", p.name());
        row.put("method", e.getKey());
        row.put("seeds", seeds);
        row.put("evaluations", EVALS);
        row.put("medianRegret", median);
        row.put("meanLog10Regret", meanLog);
        row.put("regrets", regrets);
        row.put("seconds", seconds);
        rows.add(row);
      }
    }
    return rows;
  }

  private static Map<String, Object> cost() {
    Problem p = BenchProblems.hartmann6();
    Map<String, Object> result = new LinkedHashMap<>();
    List<Map<String, Object>> rows = new ArrayList<>();
    measureTellAsk(p, 60, 5, false); // JIT warm-up
    System.out.printf(
        "%n%-5s %12s %12s %16s %16s %18s %14s %10s%n",
        "n",
        "cold fit",
        "warm refit",
        "tell+ask median",
        "tell+ask mean",
        "refit-every-tell",
        "append (ms)",
        "ratio");
    for (int n : new int[] {50, 100, 200, 400}) {
      int reps = n >= 400 ? 21 : 41;
      double[] incremental = measureTellAsk(p, n, reps, false);
      double[] full = measureTellAsk(p, n, n >= 400 ? 5 : 9, true);
      double[] update = measureUpdate(p, n);
      double ratio = median(incremental) / median(full);
      System.out.printf(
          "%-5d %9.1f ms %9.1f ms %13.1f ms %13.1f ms %15.1f ms %14.3f %10.3f%n",
          n,
          update[3],
          update[1],
          median(incremental),
          mean(incremental),
          median(full),
          update[0],
          ratio);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("n", n);
      row.put("tellAskMedianMs", median(incremental));
      row.put("tellAskMeanMs", mean(incremental));
      row.put("tellAskRefitEveryTellMedianMs", median(full));
      row.put("incrementalToFullRefitRatio", ratio);
      row.put("choleskyAppendMs", update[0]);
      row.put("hyperparameterRefitMs", update[1]);
      row.put("choleskyRefactorMs", update[2]);
      row.put("coldFitMs", update[3]);
      rows.add(row);
    }
    result.put("dims", 6);
    result.put("acqFunc", BayesianOptimizer.DEFAULT_ACQUISITION);
    result.put("rows", rows);
    return result;
  }

  /** Per-call times (ms) of tell(previous ask) + ask() after n random observations. */
  private static double[] measureTellAsk(Problem p, int n, int reps, boolean refitEveryTell) {
    long seed = 1000 + n;
    BayesianOptimizer opt =
        new BayesianOptimizer(
            p.space(),
            options(seed),
            () -> new GpModel(GpFitter.defaults(), refitEveryTell ? 0.0 : 0.05, 100, seed));
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = 0; i < n; i++) {
      Map<String, Object> x = p.space().sample(rng);
      opt.tell(x, p.f().applyAsDouble(x));
    }
    Map<String, Object> next = opt.ask(); // the first fit at n is setup, not the steady state
    double[] times = new double[reps];
    for (int r = 0; r < reps; r++) {
      double y = p.f().applyAsDouble(next);
      long t0 = System.nanoTime();
      opt.tell(next, y);
      next = opt.ask();
      times[r] = (System.nanoTime() - t0) / 1e6;
    }
    return times;
  }

  /**
   * Median ms of: one Cholesky append, one warm-started hyperparameter refit + factorisation, one
   * refactor at fixed θ, one cold fit (no previous hyperparameters) + factorisation.
   */
  private static double[] measureUpdate(Problem p, int n) {
    SplittableRandom rng = new SplittableRandom(n);
    List<double[]> x = new ArrayList<>();
    double[] y = new double[n + 1];
    for (int i = 0; i <= n; i++) {
      double[] u = p.space().toUnit(p.space().sample(rng));
      x.add(u);
      y[i] = BenchProblems.hartmann6(u);
    }
    List<double[]> head = x.subList(0, n);
    double[] yHead = Arrays.copyOf(y, n);
    GpModel model = new GpModel(GpFitter.defaults(), 0.05, 100, 1);
    model.refit(head, yHead);
    double[] theta = model.current().theta();
    double[] append = new double[15];
    double[] refactor = new double[7];
    double[] refit = new double[3];
    double[] cold = new double[3];
    for (int r = 0; r < cold.length; r++) {
      GpModel m = new GpModel(GpFitter.defaults(), 0.05, 100, 1 + r);
      long t0 = System.nanoTime();
      m.refit(x, y); // a fresh model: a suggester that restarts or takes a study over
      cold[r] = (System.nanoTime() - t0) / 1e6;
    }
    for (int r = 0; r < append.length; r++) {
      GaussianProcess gp = model.current().copy();
      long t0 = System.nanoTime();
      gp.add(x.get(n), y[n]);
      append[r] = (System.nanoTime() - t0) / 1e6;
    }
    for (int r = 0; r < refactor.length; r++) {
      long t0 = System.nanoTime();
      GaussianProcess.fit(x, y, theta);
      refactor[r] = (System.nanoTime() - t0) / 1e6;
    }
    for (int r = 0; r < refit.length; r++) {
      GpModel m = new GpModel(GpFitter.defaults(), 0.05, 100, 1);
      m.refit(head, yHead); // cold, as a fresh model would be
      long t0 = System.nanoTime();
      m.refit(x, y); // warm-started, as on the refit schedule
      refit[r] = (System.nanoTime() - t0) / 1e6;
    }
    return new double[] {median(append), median(refit), median(refactor), median(cold)};
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
  }

  static double mean(double[] v) {
    return Arrays.stream(v).average().orElse(Double.NaN);
  }
}
