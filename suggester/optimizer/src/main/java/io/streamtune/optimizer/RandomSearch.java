package io.streamtune.optimizer;

import io.streamtune.optimizer.space.Space;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Independent draws from each dimension's prior. Duplicates of pending or evaluated points are
 * redrawn a bounded number of times, which matters for small discrete spaces.
 */
public final class RandomSearch extends BaseOptimizer {

  private static final int REDRAWS = 100;

  private final SplittableRandom rng;

  public RandomSearch(Space space, long seed) {
    this(space, seed, List.of());
  }

  public RandomSearch(Space space, long seed, List<Map<String, Object>> x0) {
    super(space, x0);
    this.rng = new SplittableRandom(seed);
  }

  @Override
  protected void propose(int n, Set<Map<String, Object>> taken, List<Map<String, Object>> batch) {
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = space.sample(rng);
      for (int tries = 0; taken.contains(p) && tries < REDRAWS; tries++) {
        p = space.sample(rng);
      }
      taken.add(p);
      batch.add(p);
    }
  }
}
