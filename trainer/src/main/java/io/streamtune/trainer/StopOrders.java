package io.streamtune.trainer;

import io.streamtune.avro.StopDecision;

/**
 * Which trial attempts the monitor ordered to stop, as a trainer sees them. {@link StopSignals}
 * follows {@code trial-control}; unit tests of the loop pass their own.
 */
public interface StopOrders {

  /** The decision to stop this attempt of the trial, or null if there is none. */
  StopDecision decision(String trialId, int attempt);

  /** Forgets a finished attempt, so that a long-lived worker's memory stays small. */
  void forget(String trialId, int attempt);
}
