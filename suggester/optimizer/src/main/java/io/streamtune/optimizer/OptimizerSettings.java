package io.streamtune.optimizer;

import java.util.List;
import java.util.Map;

/**
 * How to build an optimizer: the algorithm ({@code random}, {@code grid}, {@code gp}, {@code
 * forest}), its acquisition, the initial design and the seed.
 *
 * @param x0 points evaluated first, as in scikit-optimize
 * @param budget the study's trial budget if known (0 when not); grid search sizes its grid to it
 * @param tuning the model-based algorithms' cost knobs
 */
public record OptimizerSettings(
    String algorithm,
    String acqFunc,
    int nInitialPoints,
    String initialDesign,
    long seed,
    List<Map<String, Object>> x0,
    int budget,
    Tuning tuning) {

  /**
   * Cost knobs of {@code gp}, {@code forest} and {@code gbrt}.
   *
   * @param refitFraction a GP refits its hyperparameters when the data has grown by this fraction
   *     since the last fit (0: on every tell); in between, points enter by an O(n²) update
   * @param threads candidate-scoring threads: 1 the caller's, 0 the JVM's common pool, more a pool
   *     of the optimizer's own
   * @param candidates draws from the prior scored per ask (besides the local ones)
   */
  public record Tuning(double refitFraction, int threads, int candidates) {
    public Tuning {
      if (!(refitFraction >= 0) || threads < 0 || candidates < 1) {
        throw new IllegalArgumentException(
            "need refitFraction >= 0, threads >= 0 and candidates >= 1 but got " + this);
      }
    }

    public static Tuning defaults() {
      var d = BayesianOptimizer.Options.defaults(0);
      return new Tuning(d.refitFraction(), d.search().threads(), d.search().candidates());
    }
  }

  public OptimizerSettings {
    x0 = List.copyOf(x0);
    if (nInitialPoints < 0) {
      throw new IllegalArgumentException("nInitialPoints must be >= 0 but was " + nInitialPoints);
    }
    if (budget < 0) {
      throw new IllegalArgumentException("budget must be >= 0 but was " + budget);
    }
  }

  public OptimizerSettings(
      String algorithm,
      String acqFunc,
      int nInitialPoints,
      String initialDesign,
      long seed,
      List<Map<String, Object>> x0,
      int budget) {
    this(algorithm, acqFunc, nInitialPoints, initialDesign, seed, x0, budget, Tuning.defaults());
  }

  public OptimizerSettings(
      String algorithm,
      String acqFunc,
      int nInitialPoints,
      String initialDesign,
      long seed,
      List<Map<String, Object>> x0) {
    this(algorithm, acqFunc, nInitialPoints, initialDesign, seed, x0, 0);
  }

  public static OptimizerSettings random(long seed) {
    return new OptimizerSettings(
        "random", BayesianOptimizer.DEFAULT_ACQUISITION, 10, "random", seed, List.of());
  }

  /** The service default: a GP with log-EI and 10 random initial points. */
  public static OptimizerSettings gp(long seed) {
    return new OptimizerSettings(
        "gp", BayesianOptimizer.DEFAULT_ACQUISITION, 10, "random", seed, List.of());
  }

  public OptimizerSettings withTuning(Tuning t) {
    return new OptimizerSettings(
        algorithm, acqFunc, nInitialPoints, initialDesign, seed, x0, budget, t);
  }

  public OptimizerSettings withBudget(int trials) {
    return new OptimizerSettings(
        algorithm, acqFunc, nInitialPoints, initialDesign, seed, x0, trials, tuning);
  }
}
