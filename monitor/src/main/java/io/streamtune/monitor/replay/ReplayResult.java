package io.streamtune.monitor.replay;

/**
 * One replay of a curve set through one rule with one arrival order.
 *
 * <p>Notation: E = Σ_τ |curve τ| epochs without stopping, e = epochs actually run; ŷ₀ the best
 * final value over all trials, ŷ the best final value over the trials that ran to the end (metric
 * orientation). Saved fraction = 1 − e/E, speedup = E/e, and the relative regret is the loss of
 * quality, |ŷ₀ − ŷ|/|ŷ₀| signed so that it is ≥ 0 (the absolute difference when ŷ₀ = 0).
 *
 * @param stopped trials the rule stopped
 * @param failed trials that ran to the end on a NaN or infinite final value: neither completed nor
 *     a reference
 * @param timeUnits the makespan: time units until the last trial finished, one epoch per unit per
 *     worker
 */
public record ReplayResult(
    String rule,
    long seed,
    int trials,
    int stopped,
    int failed,
    long totalEpochs,
    long epochsRun,
    long timeUnits,
    double bestFinalWithout,
    double bestFinalWith,
    boolean bestKept) {

  public double savedFraction() {
    return 1 - (double) epochsRun / totalEpochs;
  }

  public double speedup() {
    return (double) totalEpochs / epochsRun;
  }

  /** Relative regret ≥ 0 given the orientation; NaN when no trial completed. */
  public double regret(boolean maximize) {
    if (Double.isNaN(bestFinalWith)) {
      return Double.NaN;
    }
    double loss = maximize ? bestFinalWithout - bestFinalWith : bestFinalWith - bestFinalWithout;
    double scale = Math.abs(bestFinalWithout);
    return Math.max(0, scale == 0 ? loss : loss / scale);
  }
}
