package io.streamtune.spec;

import java.util.List;

/**
 * What an objective accepts for one of its options. Options travel as strings and objectives parse
 * numbers with {@code Double.parseDouble} (the trainer's {@code TrialContext.option}), so the rules
 * parse the same way: a value accepted here is one the objective can read.
 */
@FunctionalInterface
interface OptionRule {

  /** Why {@code value} is refused, or null if the objective accepts it. */
  String check(String value);

  /** Any text, such as a path or a regular expression. */
  static OptionRule text() {
    return v -> null;
  }

  static OptionRule nonBlank() {
    return v -> v.isBlank() ? "must not be blank" : null;
  }

  static OptionRule oneOf(String... choices) {
    List<String> allowed = List.of(choices);
    return v ->
        allowed.contains(v)
            ? null
            : "must be one of "
                + allowed
                + " but was "
                + Words.quote(v)
                + Words.suggestion(v, allowed);
  }

  /** A finite number within {@code low..high}; each end is open (excluded) when so marked. */
  static OptionRule number(double low, boolean lowOpen, double high, boolean highOpen) {
    return v -> {
      Double x = parse(v);
      if (x == null) {
        return "must be a number but was " + Words.quote(v);
      }
      if (!Double.isFinite(x)) {
        return "must be a finite number but was " + x;
      }
      boolean aboveLow = lowOpen ? x > low : x >= low;
      boolean belowHigh = highOpen ? x < high : x <= high;
      return aboveLow && belowHigh ? null : range(low, lowOpen, high, highOpen) + v.trim();
    };
  }

  /** A finite number that is at least {@code low} (or above it, when open). */
  static OptionRule atLeast(double low, boolean open) {
    return number(low, open, Double.POSITIVE_INFINITY, false);
  }

  /** A whole number within {@code low..high}, as objectives cast these options to int or long. */
  static OptionRule whole(long low, long high) {
    OptionRule inRange = number(low, false, high, false);
    return v -> {
      Double x = parse(v);
      if (x != null && Double.isFinite(x) && x != Math.rint(x)) {
        return "must be a whole number but was " + v.trim();
      }
      return inRange.check(v);
    };
  }

  private static Double parse(String v) {
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String range(double low, boolean lowOpen, double high, boolean highOpen) {
    if (high == Double.POSITIVE_INFINITY) {
      return "must be " + (lowOpen ? "> " : ">= ") + num(low) + " but was ";
    }
    return "must be in "
        + (lowOpen ? "(" : "[")
        + num(low)
        + ", "
        + num(high)
        + (highOpen ? ")" : "]")
        + " but was ";
  }

  /** A bound as written in a spec: 0 rather than 0.0. */
  static String num(double x) {
    return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.valueOf(x);
  }
}
