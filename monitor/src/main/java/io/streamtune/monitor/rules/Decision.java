package io.streamtune.monitor.rules;

/**
 * A rule's verdict with its evidence: the trial's statistic ({@code value}) at {@code step}, and
 * the {@code threshold} it was compared against, both as losses.
 */
public record Decision(
    boolean stop, String rule, int step, double value, double threshold, String reason) {

  private static final Decision CONTINUE =
      new Decision(false, "none", 0, Double.NaN, Double.NaN, "");

  public static Decision keepGoing() {
    return CONTINUE;
  }

  public static Decision stop(
      String rule, int step, double value, double threshold, String reason) {
    return new Decision(true, rule, step, value, threshold, reason);
  }
}
