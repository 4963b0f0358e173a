package io.streamtune.suggester;

import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.EarlyStop;
import java.util.Objects;

/**
 * Whether a result can be what a trainer made of a request this suggester issued. A result is
 * believed only if it names the trial's current attempt and repeats the request's number and
 * parameters, and if its fields are possible: a finite value for a completed or pruned trial, an
 * epoch count within the budget, a patience stop only where the request has patience. Anything else
 * could only come from a bug or a forger, and must not become a study's best.
 */
final class ResultCheck {

  private ResultCheck() {}

  /** Why {@code result} cannot be the outcome of {@code request}, or null if it can. */
  static String problem(TrialRequest request, TrialResult result) {
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
    if (result.getStatus() != TrialStatus.FAILED && (v == null || !Double.isFinite(v))) {
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
    return null;
  }
}
