package io.streamtune.optimizer.space;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * An ordered list of named dimensions. A point is a {@code Map<String, Object>} in dimension order
 * whose values are {@code Long} (integer), {@code Double} (real) or {@code String} (categorical).
 */
public final class Space {

  private final List<Dimension> dimensions;
  private final int unitSize;

  public Space(List<? extends Dimension> dimensions) {
    if (dimensions.isEmpty()) {
      throw new IllegalArgumentException("a space needs at least one dimension");
    }
    Set<String> names = new HashSet<>();
    int size = 0;
    for (Dimension d : dimensions) {
      if (!names.add(d.name())) {
        throw new IllegalArgumentException("duplicate dimension name: " + d.name());
      }
      size += d.unitSize();
    }
    this.dimensions = List.copyOf(dimensions);
    this.unitSize = size;
  }

  public static Space of(Dimension... dimensions) {
    return new Space(List.of(dimensions));
  }

  public List<Dimension> dimensions() {
    return dimensions;
  }

  /** Number of unit-cube coordinates (categoricals count once per category). */
  public int unitSize() {
    return unitSize;
  }

  public double[] toUnit(Map<String, Object> point) {
    double[] u = new double[unitSize];
    int offset = 0;
    for (Dimension d : dimensions) {
      Object v = point.get(d.name());
      if (v == null) {
        throw new IllegalArgumentException("point lacks dimension " + d.name() + ": " + point);
      }
      d.toUnit(v, u, offset);
      offset += d.unitSize();
    }
    return u;
  }

  public Map<String, Object> fromUnit(double[] u) {
    Map<String, Object> point = new LinkedHashMap<>();
    int offset = 0;
    for (Dimension d : dimensions) {
      point.put(d.name(), d.fromUnit(u, offset));
      offset += d.unitSize();
    }
    return point;
  }

  public Map<String, Object> sample(RandomGenerator rng) {
    Map<String, Object> point = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      point.put(d.name(), d.sample(rng));
    }
    return point;
  }

  /**
   * {@code point} in dimension order with each value in its dimension's own type (see {@link
   * Dimension#canonical}), after {@link #validate}; points are compared by equality, so an {@code
   * Integer} 3 and a {@code Long} 3 must not both reach the optimizer.
   */
  public Map<String, Object> canonical(Map<String, Object> point) {
    validate(point);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Dimension d : dimensions) {
      out.put(d.name(), d.canonical(point.get(d.name())));
    }
    return out;
  }

  /** Throws with every problem named if {@code point} is not a member of this space. */
  public void validate(Map<String, Object> point) {
    List<String> problems = new ArrayList<>();
    for (Dimension d : dimensions) {
      Object v = point.get(d.name()) == null ? null : d.canonical(point.get(d.name()));
      String p = v == null ? "missing" : d.check(v);
      if (p != null) {
        problems.add(d.name() + ": " + p);
      }
    }
    for (String key : point.keySet()) {
      if (dimensions.stream().noneMatch(d -> d.name().equals(key))) {
        problems.add(key + ": not a dimension of this space");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid point " + point + ": " + String.join("; ", problems));
    }
  }
}
