package io.streamtune.study;

/** Where a trial stands, as a reader of the study's records sees it. */
public enum TrialPhase {
  /** Requested by the suggester, not claimed by a trainer (or given back). */
  WAITING,
  /** Claimed by a trainer that has not reported its result. */
  RUNNING,
  COMPLETED,
  PRUNED,
  FAILED,
  /** Requested, but its study was cancelled before any result. */
  CANCELLED;

  public boolean finished() {
    return this == COMPLETED || this == PRUNED || this == FAILED;
  }
}
