package io.streamtune.spec;

import io.streamtune.avro.Dimension;
import java.util.List;

/**
 * Canonical Java types of parameter values on the wire: {@code Long} for integer dimensions, {@code
 * Double} for real ones and {@code String} for categorical ones.
 */
public final class ParamValues {

  private ParamValues() {}

  /**
   * Converts a loosely typed value (from YAML, JSON or a CLI) to the dimension's canonical type.
   */
  public static Object coerce(Dimension d, Object raw) {
    if (raw == null) {
      return null;
    }
    switch (d.getType()) {
      case INTEGER:
        {
          Double x = asDouble(raw);
          return x != null && x == Math.rint(x) ? (Object) x.longValue() : raw;
        }
      case REAL:
        {
          Double x = asDouble(raw);
          return x != null ? (Object) x : raw;
        }
      default:
        return raw.toString();
    }
  }

  /**
   * Returns why {@code value} is not a point of {@code d}, or null if it is. The answer is the
   * optimizer's own {@code Dimension.check}, so a value the spec accepts is never refused by the
   * optimizer, nor the other way round.
   */
  public static String check(Dimension d, Object value) {
    return OptimizerSpace.of(List.of(d)).dimensions().get(0).check(value);
  }

  /** Reads a numeric parameter whatever its wire type. */
  public static double asNumber(Object value) {
    Double x = asDouble(value);
    if (x == null) {
      throw new IllegalArgumentException("not a number: " + value);
    }
    return x;
  }

  private static Double asDouble(Object raw) {
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(raw.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
