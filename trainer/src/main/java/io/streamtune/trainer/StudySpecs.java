package io.streamtune.trainer;

import io.streamtune.avro.StudySpec;
import java.time.Duration;

/**
 * The studies a trainer knows from the {@code studies} topic. A request is run only for a known
 * study and only if it matches the study's spec, so that anyone who can write {@code
 * trial-requests} cannot make trainers run what no submitted study asked for. {@link
 * StudyDirectory} follows the topic; unit tests of the loop pass their own.
 */
public interface StudySpecs {

  /**
   * The spec of {@code studyId}; if it is not known yet, waits until everything on {@code studies}
   * up to now has been read, at most {@code timeout}.
   *
   * @return the spec, or null if no such study was submitted (or it was deleted)
   */
  StudySpec await(String studyId, Duration timeout) throws InterruptedException;

  /** How many partitions the study-keyed topics have, for the study partition of a request. */
  int studyPartitions();
}
