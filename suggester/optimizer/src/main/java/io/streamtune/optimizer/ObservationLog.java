package io.streamtune.optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Evaluated points with their values, in the order told, plus the pending points. */
public final class ObservationLog {

  private final List<Map<String, Object>> xs = new ArrayList<>();
  private final List<Double> ys = new ArrayList<>();
  private final List<Map<String, Object>> pending = new ArrayList<>();

  public void tell(Map<String, Object> point, double value) {
    pending.remove(point);
    xs.add(new LinkedHashMap<>(point));
    ys.add(value);
  }

  public void addPending(Map<String, Object> point) {
    if (!pending.contains(point)) {
      pending.add(new LinkedHashMap<>(point));
    }
  }

  public void dropPending(Map<String, Object> point) {
    pending.remove(point);
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
