package io.streamtune.trainer;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.Cancellation;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what a trial that ended means: usually its result goes out, with the stop that ended it
 * if any; a trial that only stopped because this trainer is shutting down is given back instead, so
 * that it runs again without counting as a lost attempt.
 *
 * <p>Which stop ended a PRUNED trial: a rule of its own ({@code patience}) is already on the
 * result, set by {@link TrialRunner} at the epoch it ran out, and is kept, whatever decision
 * arrives after it. Otherwise it was the first stop order the attempt obeyed ({@link
 * RunningTrial#mustStop}): its study's cancel ({@code stop_rule} "cancelled", at the last epoch
 * reported) or the monitor's decision, or a decision it obeys that arrived meanwhile; with none,
 * only this trainer's shutdown can have stopped it. A decision the attempt does not obey stopped
 * nothing, so it is never written on the result. The result goes out in the trainer's result
 * transaction whatever stopped it, so a cancelled trial is reported exactly once too.
 */
final class TrialReporter {

  private static final Logger LOG = LoggerFactory.getLogger(TrialReporter.class);
  private static final int PUBLISH_TRIES = 3;

  private final TrialClaims claims;
  private final ResultTransaction results;
  private final MetricStream metrics;
  private final StopOrders stops;

  TrialReporter(
      TrialClaims claims, ResultTransaction results, MetricStream metrics, StopOrders stops) {
    this.claims = claims;
    this.results = results;
    this.metrics = metrics;
    this.stops = stops;
  }

  /**
   * @param closing whether this trainer is shutting down, which also stops its trial
   */
  void report(RunningTrial trial, TrialResult result, boolean closing) throws InterruptedException {
    if (result.getStatus() == TrialStatus.PRUNED && result.getStopRule().isEmpty()) {
      CancelRequest cancel = trial.stoppedByCancel();
      StopDecision decision = trial.stoppedByDecision();
      if (decision == null) {
        decision = stops.decision(trial.trialId(), trial.attempt); // one that came meanwhile
      }
      if (cancel != null) {
        result.setStopRule(Cancellation.RULE);
        result.setStopStep(result.getEpochsRun()); // the last epoch reported
        result.setStopReason(Cancellation.stopReason(cancel));
      } else if (trial.obeys(decision)) {
        result.setStopRule(decision.getRule());
        result.setStopStep(decision.getStep());
        result.setStopReason(decision.getReason());
      } else if (closing) {
        claims.release(trial); // stopped by this trainer's shutdown, not by the monitor
        return;
      }
    }
    metrics.flush(); // the monitor should see the whole curve before the result
    for (int tries = 1; tries <= PUBLISH_TRIES; tries++) {
      KafkaException failure = results.publish(result, trial.partition);
      if (failure == null) {
        return;
      }
      claims.renew(trial); // keep the lease while trying
      Thread.sleep(500L * tries);
    }
    LOG.warn(
        "{}: its result could not be published; its lease will lapse and it will run again",
        trial.trialId());
  }
}
