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
}
