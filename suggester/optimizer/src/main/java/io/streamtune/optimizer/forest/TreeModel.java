package io.streamtune.optimizer.forest;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import io.streamtune.optimizer.surrogate.SurrogateModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Keeps a tree ensemble ({@link ExtraTrees} or {@link GradientBoostedQuantiles}) current. Trees are
 * cheap to grow, so every update refits from scratch (scikit-optimize does the same); a fantasy
 * refits with the lies appended.
 */
public final class TreeModel implements SurrogateModel {

  /** Grows an ensemble on points and values. */
  @FunctionalInterface
  public interface Grower {
    Surrogate grow(List<double[]> x, double[] y, SplittableRandom rng);
  }

  private final Grower grower;
  private final Map<String, Object> description;
  private final SplittableRandom rng;
  private List<double[]> x = List.of();
  private double[] y = new double[0];
  private Surrogate model;

  private TreeModel(Grower grower, Map<String, Object> description, long seed) {
    this.grower = grower;
    this.description = description;
    this.rng = new SplittableRandom(seed);
  }

  /** Extra-trees, scikit-optimize's "ET" surrogate. */
  public static TreeModel extraTrees(int nTrees, int minLeaf, long seed) {
    return new TreeModel(
        (x, y, rng) -> ExtraTrees.fit(x, y, nTrees, minLeaf, rng),
        ordered("model", "forest", "trees", nTrees, "minSamplesLeaf", minLeaf),
        seed);
  }

  /** Gradient-boosted quantile trees, scikit-optimize's "GBRT" surrogate. */
  public static TreeModel gradientBoosted(long seed) {
    return new TreeModel(
        (x, y, rng) -> GradientBoostedQuantiles.fit(x, y),
        ordered(
            "model",
            "gbrt",
            "stages",
            GradientBoostedQuantiles.STAGES,
            "quantiles",
            Arrays.stream(GradientBoostedQuantiles.QUANTILES).boxed().toList()),
        seed);
  }

  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  @Override
  public Surrogate update(List<double[]> points, double[] values) {
    if (model == null || points.size() != x.size()) {
      x = new ArrayList<>(points);
      y = values.clone();
      model = grower.grow(x, y, rng.split());
    }
    return model;
  }

  @Override
  public Fantasy fantasize() {
    List<double[]> fx = new ArrayList<>(x);
    List<Double> fy = new ArrayList<>(Arrays.stream(y).boxed().toList());
    SplittableRandom fantasyRng = rng.split();
    return new Fantasy() {
      private Surrogate current = model;

      /** Refits eagerly: posteriors are read from several threads by the acquisition optimiser. */
      @Override
      public void add(double[] point, double value) {
        fx.add(point);
        fy.add(value);
        current =
            grower.grow(
                fx, fy.stream().mapToDouble(Double::doubleValue).toArray(), fantasyRng.split());
      }

      @Override
      public Posterior posterior(double[] point, boolean withGradient) {
        return current.posterior(point, false);
      }

      @Override
      public boolean hasGradient() {
        return false;
      }
    };
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>(description);
    d.put("n", x.size());
    return d;
  }
}
