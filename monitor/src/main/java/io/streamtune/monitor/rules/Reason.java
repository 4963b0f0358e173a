package io.streamtune.monitor.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Why a rule stopped a trial: a {@link String#format} pattern and its arguments. Rules see losses,
 * but a person reads the reason next to the metric they asked for, so the arguments that depend on
 * the orientation are marked and turned back when the text is made ({@link #text(boolean)}):
 *
 * <ul>
 *   <li>{@link Loss}: a value on the loss scale, shown as the metric's value (negated back for a
 *       maximised metric);
 *   <li>{@link Rank}: a percentile of losses, p, shown as the percentile of the metric's values
 *       that is the same threshold (100 − p for a maximised metric, as Optuna's PercentilePruner
 *       takes it).
 * </ul>
 *
 * Both are shown with up to six significant digits and no trailing zeros, so a pattern takes them
 * with {@code %s}. Every other argument (steps, counts, probabilities, spreads) is shown as the
 * pattern says. The words of a pattern must not depend on the orientation: "worse than", never
 * "above".
 */
public record Reason(String pattern, List<Object> args) {

  /** A value on the loss scale. */
  public record Loss(double value) {}

  /** A percentile of losses. */
  public record Rank(double percentile) {}

  private static final Reason NONE = new Reason("", List.of());

  public Reason {
    args = List.copyOf(args);
  }

  public static Reason none() {
    return NONE;
  }

  public static Reason of(String pattern, Object... args) {
    return new Reason(pattern, Arrays.asList(args));
  }

  public static Loss loss(double value) {
    return new Loss(value);
  }

  public static Rank rank(double percentile) {
    return new Rank(percentile);
  }

  /** The text in the orientation of a metric that is maximised or minimised. */
  public String text(boolean maximize) {
    List<Object> shown = new ArrayList<>(args.size());
    for (Object a : args) {
      if (a instanceof Loss l) {
        shown.add(compact(maximize ? -l.value() : l.value()));
      } else if (a instanceof Rank r) {
        shown.add(compact(maximize ? 100 - r.percentile() : r.percentile()));
      } else {
        shown.add(a);
      }
    }
    return String.format(Locale.ROOT, pattern, shown.toArray());
  }

  /** v to six significant digits, without trailing zeros; plain unless tiny or huge. */
  static String compact(double v) {
    if (!Double.isFinite(v)) {
      return Double.toString(v);
    }
    if (v == 0) {
      return "0";
    }
    BigDecimal d = new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros();
    double a = Math.abs(v);
    return a >= 1e-4 && a < 1e7 ? d.toPlainString() : d.toString();
  }

  @Override
  public String toString() {
    return text(false);
  }
}
