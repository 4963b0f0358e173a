package io.streamtune.optimizer;

import java.util.List;
import java.util.Map;

/**
 * How to build an optimizer: the algorithm ({@code random}, {@code grid}, {@code gp}, {@code
 * forest}), its acquisition, the initial design and the seed.
 *
 * @param x0 points evaluated first, as in scikit-optimize
 * @param budget the study's trial budget if known (0 when not); grid search sizes its grid to it
 */
public record OptimizerSettings(
    String algorithm,
    String acqFunc,
    int nInitialPoints,
    String initialDesign,
    long seed,
    List<Map<String, Object>> x0,
    int budget) {

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
      List<Map<String, Object>> x0) {
    this(algorithm, acqFunc, nInitialPoints, initialDesign, seed, x0, 0);
  }

  public static OptimizerSettings random(long seed) {
    return new OptimizerSettings("random", "gp_hedge", 10, "random", seed, List.of());
  }

  /** The service default: a GP with the gp_hedge portfolio and 10 random initial points. */
  public static OptimizerSettings gp(long seed) {
    return new OptimizerSettings("gp", "gp_hedge", 10, "random", seed, List.of());
  }
}
