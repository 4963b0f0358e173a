package io.streamtune.monitor;

import io.streamtune.monitor.rules.Decision;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;

/**
 * Judges a trial the way {@link MetricProcessor} does, for rule tests outside this package: curves
 * in the metric's own direction go into a {@link CurveBook}, whose view negates a maximised metric,
 * so that the rule sees losses.
 */
public final class CurveBooks {

  private CurveBooks() {}

  /**
   * @param metrics completed trials and other (running) trials, with values in the metric's own
   *     direction
   * @param trial the judged trial, in the metric's own direction
   */
  public static Decision judge(
      StoppingRule rule, StudyCurves metrics, TrialCurve trial, boolean maximize) {
    CurveBook book = new CurveBook();
    metrics.completed().forEach(t -> book.trials.put(t.trialId(), stored(t, true)));
    metrics.others().forEach(t -> book.trials.put(t.trialId(), stored(t, false)));
    CurveBook.Trial judged = stored(trial, false);
    book.trials.put(trial.trialId(), judged);
    return rule.evaluate(
        book.view(trial.trialId(), maximize), judged.lossCurve(trial.trialId(), maximize));
  }

  private static CurveBook.Trial stored(TrialCurve curve, boolean completed) {
    CurveBook.Trial t = new CurveBook.Trial();
    t.attempt = 1;
    t.values = curve.losses().clone();
    t.maxSteps = curve.maxSteps();
    t.bracket = curve.bracket();
    t.status = completed ? CurveBook.Status.COMPLETED : CurveBook.Status.RUNNING;
    return t;
  }
}
