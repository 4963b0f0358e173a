package io.streamtune.trainer;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import java.time.Duration;

/**
 * The studies a trainer knows from the {@code studies} topic. A request is run only for a known
 * study and only if it matches the study's spec, so that anyone who can write {@code
 * trial-requests} cannot make trainers run what no submitted study asked for, and only while the
 * study is not cancelled. {@link StudyDirectory} follows the topic; unit tests of the loop pass
 * their own.
 */
public interface StudySpecs {

  /**
   * The spec of {@code studyId}; if it is not known yet, waits until everything on {@code studies}
   * up to now has been read, at most {@code timeout}.
   *
   * @return the spec, or null if no such study was submitted (or it was deleted)
   */
  StudySpec await(String studyId, Duration timeout) throws InterruptedException;

  /**
   * The spec of {@code studyId} once everything on {@code studies} up to now has been read, at most
   * {@code timeout}, even if the study is known: for a request of a study that looks cancelled,
   * whose resume may have been published a moment ago.
   *
   * @return the latest spec, or null if no such study was submitted (or it was deleted)
   */
  StudySpec awaitLatest(String studyId, Duration timeout) throws InterruptedException;

  /**
   * The cancel of {@code studyId} as last read, or null while the study runs (or is not known).
   * Never waits: a running trial asks at every epoch.
   */
  CancelRequest cancellation(String studyId);

  /** How many partitions the study-keyed topics have, for the study partition of a request. */
  int studyPartitions();
}
