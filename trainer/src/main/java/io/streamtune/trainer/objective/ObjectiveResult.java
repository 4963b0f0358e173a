package io.streamtune.trainer.objective;

import java.util.Map;

/**
 * The outcome of an objective run.
 *
 * @param value the final metric (for a stopped run, the last value reported)
 * @param epochsRun how many epochs were trained
 * @param stopped whether the run ended early because a stop was requested
 * @param extraMetrics for example {@code test_auc}; reported with the result, not optimised
 */
public record ObjectiveResult(
    double value, int epochsRun, boolean stopped, Map<String, Double> extraMetrics) {

  public ObjectiveResult {
    extraMetrics = Map.copyOf(extraMetrics);
  }
}
