package io.streamtune.optimizer.space;

import java.util.random.RandomGenerator;

/**
 * Real numbers in {@code [low, high]} with a uniform or log-uniform prior; values are {@code
 * Double}.
 */
public record RealDimension(String name, double low, double high, Prior prior)
    implements Dimension {

  public enum Prior {
    UNIFORM,
    LOG_UNIFORM
  }

  public RealDimension {
    if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
      throw new IllegalArgumentException(
          "dimension " + name + ": need finite low < high but got [" + low + ", " + high + "]");
    }
    if (prior == Prior.LOG_UNIFORM && low <= 0) {
      throw new IllegalArgumentException(
          "dimension " + name + ": log-uniform prior needs low > 0 but was " + low);
    }
  }

  public RealDimension(String name, double low, double high) {
    this(name, low, high, Prior.UNIFORM);
  }

  @Override
  public int unitSize() {
    return 1;
  }

  @Override
  public void toUnit(Object value, double[] out, int offset) {
    double v = ((Number) value).doubleValue();
    out[offset] =
        prior == Prior.LOG_UNIFORM
            ? (Math.log(v) - Math.log(low)) / (Math.log(high) - Math.log(low))
            : (v - low) / (high - low);
  }

  @Override
  public Object fromUnit(double[] u, int offset) {
    double x = Math.min(Math.max(u[offset], 0.0), 1.0);
    double v =
        prior == Prior.LOG_UNIFORM
            ? Math.exp(Math.log(low) + x * (Math.log(high) - Math.log(low)))
            : low + x * (high - low);
    return Math.min(Math.max(v, low), high);
  }

  @Override
  public Object sample(RandomGenerator rng) {
    double[] u = {rng.nextDouble()};
    return fromUnit(u, 0);
  }

  /**
   * Any other {@code Number} (an {@code Integer} 1 for a learning rate's bound) becomes a {@code
   * Double}.
   */
  @Override
  public Object canonical(Object value) {
    return value instanceof Number n && !(value instanceof Double) ? n.doubleValue() : value;
  }

  /** NaN is out of range: it compares false with both bounds, so the test is written to fail it. */
  @Override
  public String check(Object value) {
    if (!(value instanceof Double v)) {
      return ValueMessages.wrongType("a number (Double)", value);
    }
    return v >= low && v <= high ? null : ValueMessages.outOfRange(low, high, v);
  }
}
