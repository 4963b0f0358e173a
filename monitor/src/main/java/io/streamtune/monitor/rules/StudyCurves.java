package io.streamtune.monitor.rules;

import java.util.List;

/**
 * What a rule may look at besides the trial being judged: the curves of trials that ran to the end
 * ({@code completed}), and those of every other trial seen so far, still running or stopped ({@code
 * others}). All curves are losses (lower is better).
 */
public record StudyCurves(List<TrialCurve> completed, List<TrialCurve> others) {

  public StudyCurves {
    completed = List.copyOf(completed);
    others = List.copyOf(others);
  }

  public static StudyCurves of(List<TrialCurve> completed) {
    return new StudyCurves(completed, List.of());
  }

  /**
   * Whether {@code trial} leads the study at its step s: no other trial that reached s, completed
   * or not, has a better best-so-far there (b_τ(s) &lt; b_x(s)). A trial without a finite value
   * leads nothing.
   */
  public boolean leads(TrialCurve trial) {
    int s = trial.steps();
    double mine = trial.bestUpTo(s);
    if (Double.isNaN(mine)) {
      return false;
    }
    for (List<TrialCurve> pool : List.of(completed, others)) {
      for (TrialCurve t : pool) {
        if (!t.trialId().equals(trial.trialId()) && t.steps() >= s && t.bestUpTo(s) < mine) {
          return false;
        }
      }
    }
    return true;
  }
}
