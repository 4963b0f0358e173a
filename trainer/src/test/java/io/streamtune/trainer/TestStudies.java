package io.streamtune.trainer;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.spec.Cancellation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The studies a {@link TrainerHarness} test has submitted, cancelled and resumed, standing in for
 * {@link StudyDirectory}; a test can also leave the trainer behind the topic for one study.
 */
final class TestStudies implements StudySpecs {

  final Map<String, StudySpec> specs = new ConcurrentHashMap<>();

  /** How often a trainer read up to the end of the topic for a study it knew. */
  final AtomicInteger lookedAgain = new AtomicInteger();

  /** Specs this trainer has not caught up with: what it knows until it reads up to now. */
  final Map<String, StudySpec> behind = new ConcurrentHashMap<>();

  @Override
  public StudySpec await(String studyId, Duration timeout) {
    return behind.getOrDefault(studyId, specs.get(studyId));
  }

  @Override
  public StudySpec awaitLatest(String studyId, Duration timeout) {
    lookedAgain.incrementAndGet();
    behind.remove(studyId);
    return specs.get(studyId);
  }

  @Override
  public CancelRequest cancellation(String studyId) {
    StudySpec spec = behind.getOrDefault(studyId, specs.get(studyId));
    return spec == null ? null : spec.getCancel();
  }

  /** Republishes study "s" with a cancel ({@code reason} may be empty), or without (null). */
  void cancel(String reason) {
    CancelRequest cancel = reason == null ? null : new CancelRequest(1L, reason, "tester");
    specs.put("s", Cancellation.withCancel(specs.get("s"), cancel));
  }

  @Override
  public int studyPartitions() {
    return TrainerHarness.STUDY_PARTITIONS;
  }
}
