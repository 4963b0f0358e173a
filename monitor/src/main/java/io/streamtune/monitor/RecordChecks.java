package io.streamtune.monitor;

import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;

/**
 * Checks a record against what issued it before the monitor acts on it. Any client that may write
 * {@code trial-metrics} or {@code trial-results} can write anything there; what the monitor can
 * trust is the study's spec (the global store, from {@code studies}), so every bound comes from the
 * spec and none from the record. With these checks a study's state holds at most n_trials curves of
 * at most max_epochs values each, whatever arrives: before them, one metric with epoch 1,000,000
 * made a 6 MB state record, above the broker's limit, and stopped the monitor for good.
 *
 * <p>Each check returns null when the record passes, or the first {@link Rejection} that applies.
 */
final class RecordChecks {

  /**
   * The highest attempt accepted. Trainers re-run a trial only when one died mid-trial, a handful
   * of times at most; the bound only keeps a made-up attempt from superseding a trial forever.
   */
  static final int MAX_ATTEMPT = 1000;

  private RecordChecks() {}

  /**
   * @param key the record's key, which is its study id on every study-keyed topic
   * @param spec the spec stored for the metric's study id, null when there is none
   */
  static Rejection metric(String key, EpochMetric m, StudySpec spec) {
    Rejection r = trial(key, m.getStudyId(), m.getTrialId(), m.getAttempt(), spec);
    if (r != null) {
      return r;
    }
    // Requests carry the spec's max_epochs and trainers copy it into each metric; another value
    // means the metric did not come from this study's request.
    if (m.getMaxEpochs() != spec.getMaxEpochs()) {
      return Rejection.BUDGET_MISMATCH;
    }
    if (m.getEpoch() < 1 || m.getEpoch() > spec.getMaxEpochs()) {
      return Rejection.EPOCH_OUT_OF_RANGE;
    }
    return null;
  }

  /** As {@link #metric}, for a result; its trial number must also be the one in its id. */
  static Rejection result(String key, TrialResult r, StudySpec spec) {
    Rejection rejection = trial(key, r.getStudyId(), r.getTrialId(), r.getAttempt(), spec);
    if (rejection != null) {
      return rejection;
    }
    if (r.getTrialNumber() != TrialIds.number(r.getStudyId(), r.getTrialId())) {
      return Rejection.UNKNOWN_TRIAL;
    }
    if (r.getMaxEpochs() != spec.getMaxEpochs()) {
      return Rejection.BUDGET_MISMATCH;
    }
    if (r.getEpochsRun() < 0 || r.getEpochsRun() > spec.getMaxEpochs()) {
      return Rejection.EPOCH_OUT_OF_RANGE;
    }
    return null;
  }

  private static Rejection trial(
      String key, String studyId, String trialId, int attempt, StudySpec spec) {
    // The key chose the partition, and so the task and the store this record reaches; a value of
    // another study would put that study's trials on a partition where its other trials are not.
    if (!studyId.equals(key)) {
      return Rejection.KEY_MISMATCH;
    }
    if (spec == null) {
      return Rejection.UNKNOWN_STUDY;
    }
    int n = TrialIds.number(studyId, trialId);
    if (n < 0 || n >= spec.getNTrials()) {
      return Rejection.UNKNOWN_TRIAL;
    }
    if (attempt < 1 || attempt > MAX_ATTEMPT) {
      return Rejection.ATTEMPT_OUT_OF_RANGE;
    }
    return null;
  }
}
