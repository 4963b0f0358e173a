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
 * Keeps an {@link ExtraTrees} ensemble current. Trees are cheap to grow, so every update refits
 * from scratch (scikit-optimize does the same); a fantasy refits with the lies appended.
 */
public final class ForestModel implements SurrogateModel {

  private final int nTrees;
  private final int minLeaf;
  private final SplittableRandom rng;
  private List<double[]> x = List.of();
  private double[] y = new double[0];
  private ExtraTrees forest;

  public ForestModel(int nTrees, int minLeaf, long seed) {
    this.nTrees = nTrees;
    this.minLeaf = minLeaf;
    this.rng = new SplittableRandom(seed);
  }

  @Override
  public Surrogate update(List<double[]> points, double[] values) {
    if (forest == null || points.size() != x.size()) {
      x = new ArrayList<>(points);
      y = values.clone();
      forest = ExtraTrees.fit(x, y, nTrees, minLeaf, rng.split());
    }
    return forest;
  }

  @Override
  public Fantasy fantasize() {
    List<double[]> fx = new ArrayList<>(x);
    List<Double> fy = new ArrayList<>(Arrays.stream(y).boxed().toList());
    SplittableRandom fantasyRng = rng.split();
    return new Fantasy() {
      private ExtraTrees current = forest;

      /** Refits eagerly: posteriors are read from several threads by the acquisition optimiser. */
      @Override
      public void add(double[] point, double value) {
        fx.add(point);
        fy.add(value);
        current =
            ExtraTrees.fit(
                fx,
                fy.stream().mapToDouble(Double::doubleValue).toArray(),
                nTrees,
                minLeaf,
                fantasyRng.split());
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
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", "forest");
    d.put("trees", nTrees);
    d.put("minSamplesLeaf", minLeaf);
    d.put("n", x.size());
    return d;
  }
}
