package io.streamtune.monitor.replay;

import java.util.List;

/**
 * One rule over several arrival orders (seeds) of one curve set. The speedup pools epochs over runs
 * (Σ E / Σ e), so a run that saves little is not hidden by a mean of ratios.
 *
 * @param wallSpeedup the makespan of the no-stopping replay divided by this rule's, pooled likewise
 * @param target whether the target holds: speedup ≥ 3 and the worst run's regret ≤ 1 %
 */
public record ReplaySummary(
    String rule,
    int runs,
    double savedFraction,
    double speedup,
    double wallSpeedup,
    int bestKept,
    double meanRegret,
    double maxRegret,
    boolean target,
    List<ReplayResult> results) {

  public static final double TARGET_SPEEDUP = 3;
  public static final double TARGET_REGRET = 0.01;

  public static ReplaySummary of(
      String rule, List<ReplayResult> results, long baselineTimeUnits, boolean maximize) {
    long total = 0;
    long run = 0;
    long time = 0;
    int kept = 0;
    double sumRegret = 0;
    double maxRegret = 0;
    for (ReplayResult r : results) {
      total += r.totalEpochs();
      run += r.epochsRun();
      time += r.timeUnits();
      kept += r.bestKept() ? 1 : 0;
      double regret = r.regret(maximize);
      sumRegret += regret;
      maxRegret = Double.isNaN(regret) ? Double.NaN : Math.max(maxRegret, regret);
    }
    double speedup = (double) total / run;
    double mean = sumRegret / results.size();
    boolean target = speedup >= TARGET_SPEEDUP && maxRegret <= TARGET_REGRET;
    return new ReplaySummary(
        rule,
        results.size(),
        1 - (double) run / total,
        speedup,
        (double) baselineTimeUnits / time,
        kept,
        mean,
        maxRegret,
        target,
        List.copyOf(results));
  }
}
