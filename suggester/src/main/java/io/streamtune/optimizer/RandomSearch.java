package io.streamtune.optimizer;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Independent draws from each dimension's prior. Duplicates of pending or evaluated points are
 * redrawn a bounded number of times, which matters for small discrete spaces.
 */
public final class RandomSearch implements Optimizer {

  private static final int REDRAWS = 100;

  private final Space space;
  private final SplittableRandom rng;
  private final ObservationLog log = new ObservationLog();

  public RandomSearch(Space space, long seed) {
    this.space = space;
    this.rng = new SplittableRandom(seed);
  }

  @Override
  public List<Map<String, Object>> ask(int n) {
    List<Map<String, Object>> out = new ArrayList<>(n);
    Set<Map<String, Object>> taken = new HashSet<>(log.allPoints());
    for (int i = 0; i < n; i++) {
      Map<String, Object> p = space.sample(rng);
      for (int tries = 0; taken.contains(p) && tries < REDRAWS; tries++) {
        p = space.sample(rng);
      }
      taken.add(p);
      log.addPending(p);
      out.add(p);
    }
    return out;
  }

  @Override
  public void tell(Map<String, Object> point, double value) {
    space.validate(point);
    log.tell(point, value);
  }

  @Override
  public void addPending(Map<String, Object> point) {
    log.addPending(point);
  }

  @Override
  public void dropPending(Map<String, Object> point) {
    log.dropPending(point);
  }

  @Override
  public Space space() {
    return space;
  }

  public ObservationLog log() {
    return log;
  }
}
