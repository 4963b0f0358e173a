package io.streamtune.suggester;

import io.streamtune.avro.TrialRequest;

/**
 * A trial in flight: the request of its current attempt, how many attempts were lost, and its
 * lease. A trial is <em>issued</em> until a trainer claims the current attempt, then
 * <em>claimed</em>, and the lease runs from the last claim or renewal the suggester saw, on the
 * suggester's clock (trainers' clocks are not trusted). While its study is cancelled an attempt
 * that is given back or whose lease lapses is <em>kept back</em>: unclaimed, and issued again only
 * when the study is resumed.
 */
final class PendingTrial {

  TrialRequest request;
  int lost;
  boolean claimed;
  String worker = "";
  long lastSeenMs;

  /**
   * Whether the study was cancelled while this attempt was current, so that a result stopped by the
   * cancel is one it can have: set by a cancel (or a restore of a cancelled study), cleared when
   * the trial is issued again. Kept in memory only; see {@link StudyBook#onSpec}.
   */
  boolean cancelledWhileCurrent;

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
}
