package io.streamtune.optimizer.space;

import java.math.BigInteger;
import java.util.random.RandomGenerator;

/**
 * Whole numbers in {@code [low, high]}, both inclusive, with a uniform or log-uniform prior; values
 * are {@code Long}.
 *
 * <p>Uniform: each integer owns an equal-width bin of [0, 1] and maps to its centre. Log-uniform
 * (batch sizes, layer widths): {@code u = (log v - log(low - ½)) / (log(high + ½) - log(low - ½))},
 * so each integer owns the bin {@code [v - ½, v + ½]} in log space, as Optuna's {@code log=True}
 * integers; draws are log-uniform over those bins.
 */
public record IntegerDimension(String name, long low, long high, boolean log) implements Dimension {

  public IntegerDimension {
    if (low > high) {
      throw new IllegalArgumentException(
          "dimension " + name + ": low (" + low + ") must be <= high (" + high + ")");
    }
    if (log && low < 1) {
      throw new IllegalArgumentException(
          "dimension " + name + ": a log-uniform prior needs low >= 1 but was " + low);
    }
  }

  public IntegerDimension(String name, long low, long high) {
    this(name, low, high, false);
  }

  @Override
  public int unitSize() {
    return 1;
  }

  @Override
  public void toUnit(Object value, double[] out, int offset) {
    long v = ((Number) value).longValue();
    out[offset] =
        log
            ? (Math.log(v) - Math.log(low - 0.5)) / (Math.log(high + 0.5) - Math.log(low - 0.5))
            : (v - low + 0.5) / (high - low + 1);
  }

  @Override
  public Object fromUnit(double[] u, int offset) {
    double x = Math.min(Math.max(u[offset], 0.0), 1.0);
    long v =
        log
            ? Math.round(
                Math.exp(Math.log(low - 0.5) + x * (Math.log(high + 0.5) - Math.log(low - 0.5))))
            : low + (long) Math.floor(x * (high - low + 1));
    return Math.min(Math.max(v, low), high);
  }

  @Override
  public Object sample(RandomGenerator rng) {
    return log ? fromUnit(new double[] {rng.nextDouble()}, 0) : rng.nextLong(low, high + 1);
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
