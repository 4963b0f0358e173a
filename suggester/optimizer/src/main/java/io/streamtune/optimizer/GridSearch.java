package io.streamtune.optimizer;

import io.streamtune.optimizer.design.Grid;
import io.streamtune.optimizer.space.Space;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Exhaustive search over a {@link Grid}.
 *
 * <p>With a trial budget {@code B}, the resolution is the finest whose grid fits in {@code B}. If
 * even the coarsest grid (two levels per real) is larger than {@code B}, it is visited in a seeded
 * random order, so a run cut short by the budget samples the whole grid instead of one corner;
 * otherwise the order is lexicographic. Without a budget ({@code B = 0}) the grid has {@value
 * #DEFAULT_LEVELS} levels per real. When the grid is used up the resolution is refined to {@code 2L
 * - 1} levels, whose grid contains the old one, and only the new points are visited; a fully
 * enumerated discrete space then falls back to random (repeated) points.
 */
public final class GridSearch extends BaseOptimizer {

  static final int DEFAULT_LEVELS = 5;

  private final SplittableRandom rng;
  private int levels;
  private List<List<Object>> axes;
  private long size;
  private long cursor;
  private long[] permutation; // null: lexicographic order

  public GridSearch(Space space, int budget, long seed, List<Map<String, Object>> x0) {
    super(space, x0);
    this.rng = new SplittableRandom(seed);
    this.levels = budget > 0 ? Grid.levelsFor(space, budget) : DEFAULT_LEVELS;
    reset(budget > 0 && Grid.size(Grid.axes(space, levels)) > budget);
  }

  private void reset(boolean shuffled) {
    axes = Grid.axes(space, levels);
    size = Grid.size(axes);
    cursor = 0;
    permutation = null;
    if (shuffled && size <= 10_000_000) {
      permutation = new long[(int) size];
      for (int i = 0; i < size; i++) {
        permutation[i] = i;
      }
      for (int i = (int) size - 1; i > 0; i--) {
        int k = rng.nextInt(i + 1);
        long t = permutation[i];
        permutation[i] = permutation[k];
        permutation[k] = t;
      }
    }
  }

  @Override
  protected void propose(int n, Set<Map<String, Object>> taken, List<Map<String, Object>> batch) {
    while (n > 0) {
      if (cursor >= size) {
        if (!Grid.canRefine(space, levels)) {
          Map<String, Object> p = space.sample(rng); // the space is exhausted
          taken.add(p);
          batch.add(p);
          n--;
          continue;
        }
        levels = 2 * levels - 1;
        reset(false);
      }
      long index = permutation != null ? permutation[(int) cursor] : cursor;
      cursor++;
      Map<String, Object> p = Grid.point(space, axes, index);
      if (taken.add(p)) {
        batch.add(p);
        n--;
      }
    }
  }

  /** Number of points in the current grid. */
  public long gridSize() {
    return size;
  }
}
