package io.streamtune.monitor.replay;

import io.streamtune.monitor.rules.Decision;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntPredicate;
import java.util.function.ToIntFunction;

/**
 * Deterministic, event-driven replay of recorded learning curves through a stopping rule, with no
 * Kafka: what the monitor would have decided had these trials run in this order.
 *
 * <p>Model: trials arrive in a seeded random order; {@code parallelism} workers each run one trial,
 * one epoch per time unit. At every time unit each running trial, in the order it started, reports
 * its next epoch and the rule is asked, exactly as the topology does on each epoch metric: the rule
 * sees the trial's loss curve so far, the completed trials' full curves, and every other started
 * trial's curve so far (running or stopped; a trial appears once it has reported an epoch, as in
 * the monitor's curve store). A trial ends when the rule stops it or its curve runs out: it then
 * counts as completed if its final value is finite, and as failed otherwise (a run that diverged on
 * its last epoch is no one's reference and cannot be the best, as in the monitor). A freed worker
 * takes the next trial at the next time unit. Trials that start at the same time are judged in
 * start order, so a replay is a pure function of (curves, rule, parallelism, seed).
 */
public final class ReplaySimulator {

  private final int parallelism;
  private final ToIntFunction<Random> brackets;

  /**
   * @param brackets draws a trial's Hyperband bracket at its arrival (as the suggester would); use
   *     {@code r -> 0} for rules without brackets
   */
  public ReplaySimulator(int parallelism, ToIntFunction<Random> brackets) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be >= 1 but was " + parallelism);
    }
    this.parallelism = parallelism;
    this.brackets = brackets;
  }

  public ReplaySimulator(int parallelism) {
    this(parallelism, r -> 0);
  }

  public ReplayResult run(LearningCurves set, StoppingRule rule, String ruleName, long seed) {
    Random random = new Random(seed);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < set.curves().size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, random);
    int n = order.size();
    TrialCurve[] current = new TrialCurve[n];
    boolean[] completed = new boolean[n];
    List<Integer> running = new ArrayList<>();
    List<TrialCurve> completedCurves = new ArrayList<>();
    int next = 0;
    int stopped = 0;
    int failed = 0;
    long epochsRun = 0;
    long time = 0;
    while (next < n || !running.isEmpty()) {
      while (running.size() < parallelism && next < n) {
        int i = order.get(next++);
        LearningCurves.Curve c = set.curves().get(i);
        current[i] =
            new TrialCurve(c.trial(), new double[0], c.epochs(), brackets.applyAsInt(random));
        running.add(i);
      }
      time++;
      List<Integer> finished = new ArrayList<>();
      for (int i : running) {
        LearningCurves.Curve c = set.curves().get(i);
        current[i] = current[i].append(set.loss(c.values()[current[i].steps()]));
        epochsRun++;
        Decision d = rule.evaluate(view(i, current, completed, completedCurves), current[i]);
        if (d.stop()) {
          stopped++;
          finished.add(i);
        } else if (current[i].steps() == c.epochs()) {
          if (Double.isFinite(current[i].last())) {
            completed[i] = true;
            completedCurves.add(current[i]);
          } else {
            failed++;
          }
          finished.add(i);
        }
      }
      running.removeAll(finished);
    }
    return result(set, ruleName, seed, completed, stopped, failed, epochsRun, time);
  }

  private static StudyCurves view(
      int self, TrialCurve[] current, boolean[] completed, List<TrialCurve> completedCurves) {
    List<TrialCurve> others = new ArrayList<>();
    for (int j = 0; j < current.length; j++) {
      if (j != self && current[j] != null && current[j].steps() > 0 && !completed[j]) {
        others.add(current[j]);
      }
    }
    return new StudyCurves(completedCurves, others);
  }

  private static ReplayResult result(
      LearningCurves set,
      String ruleName,
      long seed,
      boolean[] completed,
      int stopped,
      int failed,
      long epochsRun,
      long time) {
    double without = bestFinal(set, i -> true);
    double with = bestFinal(set, i -> completed[i]);
    return new ReplayResult(
        ruleName,
        seed,
        set.curves().size(),
        stopped,
        failed,
        set.totalEpochs(),
        epochsRun,
        time,
        without,
        with,
        Double.compare(without, with) == 0);
  }

  /**
   * Best finite final value, in metric orientation, over the trials {@code include} admits; NaN if
   * none.
   */
  private static double bestFinal(LearningCurves set, IntPredicate include) {
    double bestLoss = Double.NaN;
    for (int i = 0; i < set.curves().size(); i++) {
      double loss = set.loss(set.curves().get(i).last());
      if (include.test(i) && Double.isFinite(loss) && (Double.isNaN(bestLoss) || loss < bestLoss)) {
        bestLoss = loss;
      }
    }
    return Double.isNaN(bestLoss) ? Double.NaN : set.loss(bestLoss);
  }
}
