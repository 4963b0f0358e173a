package io.streamtune.trainer;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.Cancellation;
import io.streamtune.trainer.TrainerMetrics.Refusal;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request record into a trial this trainer holds, or refuses it: decodes it, checks it
 * against its study's spec ({@link RequestCheck}), and claims its attempt ({@link TrialClaims}). A
 * request that can never run is dead-lettered once with the reason; one of a cancelled study is
 * consumed without running; one that cannot be claimed now is read again later.
 */
final class RequestAdmission {

  private static final Logger LOG = LoggerFactory.getLogger(RequestAdmission.class);
  private static final AvroSerde<TrialRequest> REQUESTS =
      (AvroSerde<TrialRequest>) Topics.TRIAL_REQUESTS.valueSerde();

  /** How long a request's study may take to appear in the trainer's directory. */
  static final Duration SPEC_WAIT = Duration.ofSeconds(10);

  private final StudySpecs specs;
  private final TrialClaims claims;
  private final ResultTransaction results;
  private final TrainerMetrics meters;
  private final Clock clock;

  RequestAdmission(
      StudySpecs specs,
      TrialClaims claims,
      ResultTransaction results,
      TrainerMetrics meters,
      Clock clock) {
    this.specs = specs;
    this.claims = claims;
    this.results = results;
    this.meters = meters;
    this.clock = clock;
  }

  /** The claimed trial, or null if the request was refused or could not be claimed now. */
  RunningTrial admit(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    TrialRequest request;
    try {
      if (record.value() == null) {
        throw new SerializationException("a tombstone (no value) is not a trial request");
      }
      request = REQUESTS.fromBytes(record.value());
    } catch (SerializationException e) {
      results.deadLetter(record, e.getMessage());
      meters.recordRefused(Refusal.UNDECODABLE);
      return null;
    }
    StudySpec spec = specs.await(request.getStudyId(), SPEC_WAIT);
    if (spec != null && Cancellation.isCancelled(spec)) {
      // The suggester issues only while a study runs: a request may be from before the cancel,
      // or from after a resume that this trainer has not read yet. Read up to now before refusing.
      spec = specs.awaitLatest(request.getStudyId(), SPEC_WAIT);
    }
    String problem =
        spec == null
            ? "unknown study " + request.getStudyId()
            : RequestCheck.problem(request, spec, specs.studyPartitions());
    if (problem != null) {
      results.deadLetter(record, "request " + request.getTrialId() + ": " + problem);
      meters.recordRefused(spec == null ? Refusal.UNKNOWN_STUDY : Refusal.MISMATCH);
      return null;
    }
    if (Cancellation.isCancelled(spec)) {
      // Not poison, and not claimed: the suggester issues the trial again if the study resumes.
      results.skip(record);
      meters.recordRefused(Refusal.CANCELLED);
      LOG.debug(
          "trainer skips {} attempt {}: {}",
          request.getTrialId(),
          request.getAttempt(),
          Cancellation.statusMessage(spec.getCancel()));
      return null;
    }
    int partition =
        request.getStudyPartition() >= 0
            ? request.getStudyPartition()
            : StudyPartitioner.partition(request.getStudyId(), specs.studyPartitions());
    if (!claims.claim(record, request, partition)) {
      return null;
    }
    return new RunningTrial(request, spec, partition, clock.millis());
  }
}
