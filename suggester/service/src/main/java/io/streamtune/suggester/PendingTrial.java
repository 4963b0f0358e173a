package io.streamtune.suggester;

import io.streamtune.avro.TrialRequest;

/**
 * A trial in flight: the request of its current attempt, how many attempts were lost, and its
 * lease. A trial is <em>issued</em> until a trainer claims the current attempt, then
 * <em>claimed</em>, and the lease runs from the last claim or renewal the suggester saw, on the
 * suggester's clock (trainers' clocks are not trusted).
 */
final class PendingTrial {

  TrialRequest request;
  int lost;
  boolean claimed;
  String worker = "";
  long lastSeenMs;

  PendingTrial(TrialRequest request, int lost) {
    this.request = request;
    this.lost = lost;
  }

  int attempt() {
    return request.getAttempt();
  }

  /** Whether the holder of the current attempt has been silent for longer than its lease. */
  boolean leaseLapsed(long nowMs) {
    return claimed && nowMs - lastSeenMs > request.getLeaseMs();
  }

  /** The next attempt's request, issued afresh: nobody holds it yet. */
  TrialRequest nextAttempt(long nowMs) {
    // Field by field: a copying builder would deep-copy through Avro's class loading.
    return TrialRequest.newBuilder()
        .setStudyId(request.getStudyId())
        .setTrialId(request.getTrialId())
        .setTrialNumber(request.getTrialNumber())
        .setParams(request.getParams())
        .setObjective(request.getObjective())
        .setMetric(request.getMetric())
        .setMaxEpochs(request.getMaxEpochs())
        .setBracket(request.getBracket())
        .setRequestedAt(nowMs)
        .setAttempt(request.getAttempt() + 1)
        .setStudyPartition(request.getStudyPartition())
        .setLeaseMs(request.getLeaseMs())
        .setEarlyStop(request.getEarlyStop())
        .build();
  }
}
