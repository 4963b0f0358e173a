package io.streamtune.trainer;

/**
 * Which trial attempts the monitor ordered to stop, as a trainer sees them. {@link StopSignals}
 * follows {@code trial-control}; unit tests of the loop pass their own.
 */
public interface StopOrders {

  /** Whether this attempt of the trial must stop. */
  boolean shouldStop(String trialId, int attempt);

  /** Forgets a finished attempt, so that a long-lived worker's memory stays small. */
  void forget(String trialId, int attempt);
}
