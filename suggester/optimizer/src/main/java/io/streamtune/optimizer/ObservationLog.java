package io.streamtune.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluated points with their values, in the order told, plus the pending points.
 *
 * <p>A pending point is either <em>asked</em> (handed out by {@code ask}) or <em>registered</em>
 * ({@code addPending}: a trial the caller runs by its own decision). A tell of a point that is not
 * pending answers the oldest asked point: the library's sequential pattern is to evaluate a rounded
 * or repaired version of what {@code ask} returned and tell that, and the asked point must not stay
 * behind as a fantasy that steers every later ask. Registered points leave only when they are told
 * or dropped.
 */
public final class ObservationLog {

  private final List<Map<String, Object>> xs = new ArrayList<>();
  private final List<Double> ys = new ArrayList<>();
  private final List<Map<String, Object>> pending = new ArrayList<>();
  private final List<Map<String, Object>> asked = new ArrayList<>();

  public void tell(Map<String, Object> point, double value) {
    if (pending.remove(point)) {
      asked.remove(point);
    } else if (!asked.isEmpty()) {
      pending.remove(asked.remove(0));
    }
    xs.add(new LinkedHashMap<>(point));
    ys.add(value);
  }

  /** A point handed out by {@code ask}. */
  public void addAsked(Map<String, Object> point) {
    if (!pending.contains(point)) {
      pending.add(new LinkedHashMap<>(point));
      asked.add(new LinkedHashMap<>(point));
    }
  }

  /** A point under evaluation that was not asked here (a trial restored after a restart). */
  public void addPending(Map<String, Object> point) {
    if (!pending.contains(point)) {
      pending.add(new LinkedHashMap<>(point));
    }
  }

  public void dropPending(Map<String, Object> point) {
    pending.remove(point);
    asked.remove(point);
  }

  public List<Map<String, Object>> xs() {
    return Collections.unmodifiableList(xs);
  }

  public List<Double> ys() {
    return Collections.unmodifiableList(ys);
  }

  public List<Map<String, Object>> pending() {
    return Collections.unmodifiableList(pending);
  }

  public List<Map<String, Object>> allPoints() {
    List<Map<String, Object>> all = new ArrayList<>(xs);
    all.addAll(pending);
    return all;
  }

  public int size() {
    return xs.size();
  }
}
