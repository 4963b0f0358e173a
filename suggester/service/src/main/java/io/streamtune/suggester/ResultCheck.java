package io.streamtune.suggester;

import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.Cancellation;
import io.streamtune.spec.EarlyStop;
import java.util.Objects;

/**
 * Whether a result can be what a trainer made of a request this suggester issued. A result is
 * believed only if it names the trial's current attempt and repeats the request's number and
 * parameters, and if its fields are possible: a finite value for a completed or pruned trial (none
 * for one stopped before its first epoch), an epoch count within the budget, a patience stop only
 * where the request has patience, a cancel stop only where the study was cancelled. Anything else
 * could only come from a bug or a forger, and must not become a study's best.
 */
final class ResultCheck {

  private ResultCheck() {}

  /**
   * Why {@code result} cannot be the outcome of {@code request}, or null if it can.
   *
   * @param cancelPossible whether the study was cancelled while this attempt was current, so that
   *     its trainer may have stopped it for the cancel
   */
  static String problem(TrialRequest request, TrialResult result, boolean cancelPossible) {
    if (result.getTrialNumber() != request.getTrialNumber()) {
      return "trial_number "
          + result.getTrialNumber()
          + " differs from the request's "
          + request.getTrialNumber();
    }
    if (!Objects.equals(result.getParams(), request.getParams())) {
      return "params " + result.getParams() + " differ from the request's " + request.getParams();
    }
    if (result.getEpochsRun() < 0 || result.getEpochsRun() > request.getMaxEpochs()) {
      return "epochs_run "
          + result.getEpochsRun()
          + " is outside [0, "
          + request.getMaxEpochs()
          + "]";
    }
    Double v = result.getValue();
    // A trial stopped before its first epoch has no value to report.
    boolean noEpoch = result.getStatus() == TrialStatus.PRUNED && result.getEpochsRun() == 0;
    if (result.getStatus() != TrialStatus.FAILED
        && !(noEpoch && v == null)
        && (v == null || !Double.isFinite(v))) {
      return "a " + result.getStatus() + " result needs a finite value but has " + v;
    }
    if (result.getStatus() == TrialStatus.PRUNED
        && result.getEpochsRun() >= request.getMaxEpochs()) {
      return "a PRUNED result must have run fewer than max_epochs ("
          + request.getMaxEpochs()
          + ") epochs";
    }
    if (EarlyStop.endedByPatience(result) && !EarlyStop.isOn(request.getEarlyStop())) {
      return "stop_rule '" + EarlyStop.RULE + "' but the request has no early_stop";
    }
    if (Cancellation.endedByCancel(result) && !cancelPossible) {
      return "stop_rule '"
          + Cancellation.RULE
          + "' but the study was not cancelled while attempt "
          + request.getAttempt()
          + " was current";
    }
    return null;
  }
}
