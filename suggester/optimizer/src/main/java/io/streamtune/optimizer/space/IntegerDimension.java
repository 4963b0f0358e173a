package io.streamtune.optimizer.space;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/** Whole numbers in {@code [low, high]}, both inclusive; values are {@code Long}. */
public record IntegerDimension(String name, long low, long high) implements Dimension {

  public IntegerDimension {
    if (low > high) {
      throw new IllegalArgumentException(
          "dimension " + name + ": low (" + low + ") must be <= high (" + high + ")");
    }
  }

  @Override
  public int unitSize() {
    return 1;
  }

  /** Each integer owns an equal-width bin of [0, 1]; a value maps to its bin's centre. */
  @Override
  public void toUnit(Object value, double[] out, int offset) {
    long v = ((Number) value).longValue();
    out[offset] = (v - low + 0.5) / (high - low + 1);
  }

  @Override
  public Object fromUnit(double[] u, int offset) {
    double x = Math.min(Math.max(u[offset], 0.0), 1.0);
    long v = low + (long) Math.floor(x * (high - low + 1));
    return Math.min(v, high);
  }

  @Override
  public Object sample(RandomGenerator rng) {
    return rng.nextLong(low, high + 1);
  }

  /**
   * Any integral {@code Number} ({@code Integer}, {@code Short}, {@code Byte}, {@code BigInteger}
   * within range) becomes a {@code Long}; a {@code Double} does not, even when whole.
   */
  @Override
  public Object canonical(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b && b.bitLength() < Long.SIZE) {
      return b.longValue();
    }
    return value;
  }

  @Override
  public String check(Object value) {
    if (!(value instanceof Long v)) {
      return ValueMessages.wrongType("a whole number (Long)", value);
    }
    return v < low || v > high ? ValueMessages.outOfRange(low, high, v) : null;
  }

  public long size() {
    return high - low + 1;
  }
}
