package io.streamtune.trainer;

import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a claimed trial means for its request. A trial whose attempts keep dying with their
 * trainers is given up; one that ran to its end usually has its result published and its request
 * consumed, but a trial that only stopped because this trainer is shutting down, or whose result
 * could not be committed for a passing reason, is given back to run again without counting as a
 * lost attempt.
 */
final class TrialReporter {

  private static final Logger LOG = LoggerFactory.getLogger(TrialReporter.class);

  private final RequestClaims claims;
  private final ResultTransaction results;
  private final MetricStream metrics;
  private final StopOrders stops;
  private final TrialRunner runner;
  private final int maxAttempts;

  TrialReporter(
      RequestClaims claims,
      ResultTransaction results,
      MetricStream metrics,
      StopOrders stops,
      TrialRunner runner,
      int maxAttempts) {
    this.claims = claims;
    this.results = results;
    this.metrics = metrics;
    this.stops = stops;
    this.runner = runner;
    this.maxAttempts = maxAttempts;
  }

  /**
   * Reports a trial FAILED without running it when {@code maxAttempts} of its attempts were lost
   * with their trainers: it is likely to take this trainer down too.
   *
   * @return whether the trial was given up
   */
  boolean giveUpIfExhausted(RunningTrial trial) {
    if (trial.ledger.lost() < maxAttempts) {
      return false;
    }
    TrialResult result =
        runner.giveUp(trial.request, trial.attempt, trial.ledger.lost(), maxAttempts);
    LOG.warn("{}: {}", trial.trialId(), result.getError());
    results.publish(trial.record, result);
    return true;
  }

  /**
   * @param closing whether this trainer is shutting down, which also stops its trial
   */
  void report(RunningTrial trial, TrialResult result, boolean closing) {
    if (closing
        && result.getStatus() == TrialStatus.PRUNED
        && !stops.shouldStop(trial.trialId(), trial.attempt)) {
      // Stopped by this trainer's shutdown, not by the monitor: give it back for a re-run.
      claims.release(trial);
      return;
    }
    metrics.flush(); // the monitor should see the whole curve before the result
    KafkaException failure = results.publish(trial.record, result);
    if (failure != null && CommitFailures.isTransient(failure)) {
      claims.release(trial); // it runs again, but this attempt was not lost to a dying trainer
    }
  }
}
