package io.streamtune.monitor.rules;

import java.util.Arrays;

/**
 * One trial's learning curve as a loss: {@code losses[i]} is the value after step {@code i + 1},
 * already oriented so that lower is better (maximised metrics are negated before rules see them).
 *
 * @param maxSteps the trial's budget in steps
 * @param bracket the Hyperband bracket, 0 when unused
 */
public record TrialCurve(String trialId, double[] losses, int maxSteps, int bracket) {

  public TrialCurve {
    losses = losses.clone();
  }

  /** Number of steps reported so far. */
  public int steps() {
    return losses.length;
  }

  /** Loss at 1-based {@code step}. */
  public double at(int step) {
    return losses[step - 1];
  }

  public double last() {
    return losses[losses.length - 1];
  }

  /**
   * Best (lowest) loss over steps 1..{@code step}; NaN and infinite entries are ignored (a diverged
   * value is no one's best), NaN if no entry is finite.
   */
  public double bestUpTo(int step) {
    double best = Double.NaN;
    for (int i = 0; i < step; i++) {
      double v = losses[i];
      if (Double.isFinite(v) && (Double.isNaN(best) || v < best)) {
        best = v;
      }
    }
    return best;
  }

  /** Running average r̄(step) = (1/step)·Σ_{i≤step} loss(i) (Golovin et al. 2017, §3.2.1). */
  public double runningAverage(int step) {
    double sum = 0;
    for (int i = 0; i < step; i++) {
      sum += losses[i];
    }
    return sum / step;
  }

  public TrialCurve append(double loss) {
    double[] next = Arrays.copyOf(losses, losses.length + 1);
    next[losses.length] = loss;
    return new TrialCurve(trialId, next, maxSteps, bracket);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TrialCurve t
        && t.trialId.equals(trialId)
        && Arrays.equals(t.losses, losses)
        && t.maxSteps == maxSteps
        && t.bracket == bracket;
  }

  @Override
  public int hashCode() {
    return trialId.hashCode() * 31 + Arrays.hashCode(losses);
  }

  @Override
  public String toString() {
    return "TrialCurve[" + trialId + ", " + Arrays.toString(losses) + ", max=" + maxSteps + "]";
  }
}
