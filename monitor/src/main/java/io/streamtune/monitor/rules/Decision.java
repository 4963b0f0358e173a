package io.streamtune.monitor.rules;

/**
 * A rule's verdict with its evidence: the trial's statistic ({@code value}) at {@code step}, and
 * the {@code threshold} it was compared against, both as losses, and {@code why} in words, which
 * {@link Reason#text(boolean)} shows in the metric's own orientation.
 */
public record Decision(
    boolean stop, String rule, int step, double value, double threshold, Reason why) {

  private static final Decision CONTINUE =
      new Decision(false, "none", 0, Double.NaN, Double.NaN, Reason.none());

  public static Decision keepGoing() {
    return CONTINUE;
  }

  public static Decision stop(String rule, int step, double value, double threshold, Reason why) {
    return new Decision(true, rule, step, value, threshold, why);
  }

  /** The reason with the numbers as the rule saw them, losses (a minimised metric's own units). */
  public String reason() {
    return why.text(false);
  }

  /** The reason in the units and the direction of the metric. */
  public String reason(boolean maximize) {
    return why.text(maximize);
  }
}
