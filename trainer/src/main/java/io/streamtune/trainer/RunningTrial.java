package io.streamtune.trainer;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import java.util.concurrent.Future;

/** A trial attempt in progress: its request and spec, where its records go, its lease and flags. */
final class RunningTrial {

  /** The rule name of a stop for a non-finite metric, which every study obeys. */
  static final String DIVERGED = "diverged";

  final TrialRequest request;
  final StudySpec spec;
  final int attempt;

  /** The study partition: where this attempt's claims, metrics and result go. */
  final int partition;

  /** When the lease was last renewed, on the trainer's clock. */
  long renewedAt;

  /** Set when the trial must stop without a result (shut down); objectives poll it. */
  volatile boolean abandoned;

  /** Set once by {@link TrialSlot#start}, before any other thread can see this trial. */
  Future<TrialResult> future;

  /**
   * The monitor's decision that stopped this attempt, if that came first; see {@link #mustStop}.
   */
  private volatile StopDecision stoppedByDecision;

  /** Its study's cancel, if that stopped this attempt first; see {@link #mustStop}. */
  private volatile CancelRequest stoppedByCancel;

  RunningTrial(TrialRequest request, StudySpec spec, int partition, long claimedAt) {
    this.request = request;
    this.spec = spec;
    this.attempt = request.getAttempt();
    this.partition = partition;
    this.renewedAt = claimedAt;
  }

  String trialId() {
    return request.getTrialId();
  }

  /**
   * Whether this attempt obeys a stop decision. Only the monitor may write {@code trial-control},
   * but a decision is also checked against the study: it must name the study's own rule (or a
   * divergence, which every rule stops), so that a stray or forged record cannot stop trials of a
   * study that stops none.
   */
  boolean obeys(StopDecision decision) {
    if (decision == null) {
      return false;
    }
    String rule = decision.getRule();
    return rule.equals(spec.getStopping().getRule()) || rule.equals(DIVERGED);
  }

  /**
   * Whether a stop order ends this attempt now: a decision it obeys, or its study's cancel. The
   * first one seen is kept, and is the stop its result names, whatever arrives after it; the
   * trial's own patience is checked before either, by the runner.
   *
   * @param decision the monitor's decision for this attempt, or null
   * @param cancel its study's cancel as last read, or null while the study runs
   */
  boolean mustStop(StopDecision decision, CancelRequest cancel) {
    if (stoppedByDecision != null || stoppedByCancel != null) {
      return true;
    }
    if (obeys(decision)) {
      stoppedByDecision = decision;
    } else if (cancel != null) {
      stoppedByCancel = cancel;
    }
    return stoppedByDecision != null || stoppedByCancel != null;
  }

  /** The decision that stopped this attempt, or null if none did (yet). */
  StopDecision stoppedByDecision() {
    return stoppedByDecision;
  }

  /** The cancel that stopped this attempt, or null if none did (yet). */
  CancelRequest stoppedByCancel() {
    return stoppedByCancel;
  }

  boolean isDone() {
    return future != null && future.isDone();
  }
}
