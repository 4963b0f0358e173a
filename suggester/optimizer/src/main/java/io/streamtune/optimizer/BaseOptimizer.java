package io.streamtune.optimizer;

import io.streamtune.optimizer.space.Space;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Bookkeeping shared by every algorithm: the observation log, pending points, and the {@code x0}
 * points, which are handed out first and once each, as in scikit-optimize. Subclasses only decide
 * where new points go.
 */
abstract class BaseOptimizer implements Optimizer {

  protected final Space space;
  protected final ObservationLog log = new ObservationLog();
  private final List<Map<String, Object>> x0;
  private int x0Issued;

  BaseOptimizer(Space space, List<Map<String, Object>> x0) {
    this.space = space;
    List<Map<String, Object>> copy = new ArrayList<>();
    for (Map<String, Object> p : x0) {
      copy.add(space.canonical(p));
    }
    this.x0 = List.copyOf(copy);
  }

  @Override
  public final List<Map<String, Object>> ask(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1 but was " + n);
    }
    Set<Map<String, Object>> taken = new HashSet<>(log.allPoints());
    List<Map<String, Object>> batch = new ArrayList<>(n);
    while (batch.size() < n && x0Issued < x0.size()) {
      Map<String, Object> p = x0.get(x0Issued++);
      if (taken.add(p)) {
        batch.add(new LinkedHashMap<>(p));
      }
    }
    if (batch.size() < n) {
      propose(n - batch.size(), taken, batch);
    }
    for (Map<String, Object> p : batch) {
      log.addAsked(p);
    }
    return batch;
  }

  /**
   * Appends {@code n} new points to {@code batch}, avoiding (and adding to) {@code taken}, which
   * holds the evaluated, pending and already-batched points. A point may repeat only when the space
   * has no untaken point left.
   */
  protected abstract void propose(
      int n, Set<Map<String, Object>> taken, List<Map<String, Object>> batch);

  @Override
  public void tell(Map<String, Object> point, double value) {
    Map<String, Object> p = space.canonical(point);
    if (Double.isNaN(value)) {
      throw new IllegalArgumentException("value for " + point + " must not be NaN");
    }
    log.tell(p, value);
  }

  @Override
  public void addPending(Map<String, Object> point) {
    log.addPending(space.canonical(point));
  }

  @Override
  public void dropPending(Map<String, Object> point) {
    log.dropPending(space.canonical(point));
  }

  @Override
  public Space space() {
    return space;
  }

  public ObservationLog log() {
    return log;
  }
}
