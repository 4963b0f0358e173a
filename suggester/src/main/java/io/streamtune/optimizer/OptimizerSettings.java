package io.streamtune.optimizer;

import java.util.List;
import java.util.Map;

/**
 * How to build an optimizer: the algorithm ({@code random}, {@code grid}, {@code gp},
 * {@code forest}), its acquisition, the initial design and the seed.
 *
 * @param x0 points evaluated first, as in scikit-optimize
 */
public record OptimizerSettings(String algorithm, String acqFunc, int nInitialPoints,
    String initialDesign, long seed, List<Map<String, Object>> x0) {

  public OptimizerSettings {
    x0 = List.copyOf(x0);
    if (nInitialPoints < 0) {
      throw new IllegalArgumentException("nInitialPoints must be >= 0 but was " + nInitialPoints);
    }
  }

  public static OptimizerSettings random(long seed) {
    return new OptimizerSettings("random", "gp_hedge", 10, "random", seed, List.of());
  }
}
