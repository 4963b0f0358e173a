package io.streamtune.optimizer.space;

import java.util.List;
import java.util.random.RandomGenerator;

/** One of a fixed list of strings, one-hot encoded in the unit cube. */
public record CategoricalDimension(String name, List<String> categories) implements Dimension {

  public CategoricalDimension {
    categories = List.copyOf(categories);
    if (categories.isEmpty()) {
      throw new IllegalArgumentException("dimension " + name + ": needs at least one category");
    }
    if (categories.stream().distinct().count() != categories.size()) {
      throw new IllegalArgumentException(
          "dimension " + name + ": duplicate categories in " + categories);
    }
  }

  @Override
  public int unitSize() {
    return categories.size();
  }

  @Override
  public void toUnit(Object value, double[] out, int offset) {
    int index = categories.indexOf(value.toString());
    for (int i = 0; i < categories.size(); i++) {
      out[offset + i] = i == index ? 1.0 : 0.0;
    }
  }

  /** The category with the largest coordinate wins; ties go to the first. */
  @Override
  public Object fromUnit(double[] u, int offset) {
    int best = 0;
    for (int i = 1; i < categories.size(); i++) {
      if (u[offset + i] > u[offset + best]) {
        best = i;
      }
    }
    return categories.get(best);
  }

  @Override
  public Object sample(RandomGenerator rng) {
    return categories.get(rng.nextInt(categories.size()));
  }

  @Override
  public String check(Object value) {
    if (!(value instanceof String s)) {
      return ValueMessages.wrongType("one of " + categories, value);
    }
    return categories.contains(s) ? null : "must be one of " + categories + " but was '" + s + "'";
  }
}
