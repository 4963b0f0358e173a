package io.streamtune.suggester;

import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.util.HashMap;

/** The FAILED result of a trial whose attempts kept dying with their trainers. */
final class GiveUp {

  /** Names the suggester as the worker of a result it wrote itself. */
  static final String WORKER = "suggester";

  private GiveUp() {}

  static TrialResult result(PendingTrial p, int maxAttempts, long nowMs) {
    return TrialResult.newBuilder()
        .setStudyId(p.request.getStudyId())
        .setTrialId(p.request.getTrialId())
        .setTrialNumber(p.request.getTrialNumber())
        .setAttempt(p.attempt())
        .setParams(p.request.getParams())
        .setStatus(TrialStatus.FAILED)
        .setValue(null)
        .setEpochsRun(0)
        .setMaxEpochs(p.request.getMaxEpochs())
        .setError(
            "gave up after "
                + p.lost
                + " attempt(s) whose trainer stopped renewing its lease (it died, hung or lost"
                + " the broker) mid-trial; max attempts is "
                + maxAttempts)
        .setExtraMetrics(new HashMap<>())
        .setWorker(WORKER)
        .setStartedAt(p.request.getRequestedAt())
        .setFinishedAt(nowMs)
        .build();
  }
}
