package io.streamtune.trainer;

import static io.streamtune.trainer.TrainerHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The trainer loop on MockConsumer and MockProducer: admission, claims and leases, result
 * transactions, aborts, fencing, stops, rebalances and shutdown.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrainerWorkerTest {

  private static final TopicPartition P0 = new TopicPartition(TrainerHarness.TOPIC, 0);
  private static final int HOME = StudyPartitioner.partition("s", TrainerHarness.STUDY_PARTITIONS);

  private final TestObjectives objectives = new TestObjectives();

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  static double refused(TrainerHarness h, String reason) {
    return h.registry
        .get("streamtune.trainer.requests.refused")
        .tag("reason", reason)
        .counter()
        .count();
  }

  @Test
  void shouldClaimAndConsumeTheRequestInOneTransactionThenPublishTheResultInAnother() {
    // Given a request of a known study on partition 0
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 3);
    h.request(0, request("s-t0000", "curve", 3));
    // When the worker is assigned the partition and the trial ends
    h.then(() -> h.assign(0)).until(() -> h.transactions.size() == 2).run();
    // Then the first transaction claims attempt 1 on the study partition and consumes the request
    TrainerHarness.Transaction claim = h.transactions.get(0);
    assertThat(claim.offsets()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
    assertThat(TrainerHarness.decode(claim.records(), Topics.TRIAL_CLAIMS))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getEvent()).isEqualTo(ClaimEvent.CLAIMED);
              assertThat(c.getAttempt()).isEqualTo(1);
              assertThat(c.getWorker()).isEqualTo("w1");
            });
    assertThat(claim.records()).extracting(ProducerRecord::partition).containsOnly(HOME);
    // and the second carries the result, also on the study partition
    assertThat(h.transactions.get(1).records())
        .extracting(ProducerRecord::partition)
        .containsOnly(HOME);
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
              assertThat(r.getAttempt()).isEqualTo(1);
              assertThat(r.getEpochsRun()).isEqualTo(3);
            });
    // and every epoch went out on the plain producer, on the study partition
    assertThat(h.metrics()).extracting(EpochMetric::getEpoch).containsExactly(1, 2, 3);
    assertThat(h.plain.history())
        .filteredOn(r -> r.topic().equals(Topics.TRIAL_METRICS.name()))
        .extracting(ProducerRecord::partition)
        .containsOnly(HOME);
    assertThat(
            h.registry
                .get("streamtune.trainer.trials")
                .tag("status", "COMPLETED")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldRunTheAttemptTheRequestNamesWhenTheSuggesterIssuedItAgain() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    TrialRequest second = request("s-t0000", "curve", 2);
    second.setAttempt(2);
    h.request(0, second);
    h.then(() -> h.assign(0)).until(() -> h.transactions.size() == 2).run();
    assertThat(h.results()).singleElement().extracting(TrialResult::getAttempt).isEqualTo(2);
    assertThat(h.metrics()).extracting(EpochMetric::getAttempt).containsOnly(2);
    assertThat(h.claims()).extracting(TrialClaim::getAttempt).containsOnly(2);
  }

  @Test
  void shouldDeadLetterRequestsThatNoSubmittedStudyCouldHaveIssued() {
    // Given garbage, a request of an unknown study, and requests that do not match their spec
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    h.append(0, new byte[] {1, 2, 3});
    h.append(0, null); // a tombstone
    TrialRequest unknown = request("s-t0001", "curve", 2);
    unknown.setStudyId("ghost");
    unknown.setTrialId("ghost-t0001");
    h.request(0, unknown);
    h.request(0, request("s-t0002", "command", 2)); // another objective than the study's
    TrialRequest outside = request("s-t0003", "curve", 2);
    outside.setParams(Map.of("x", 50.0));
    h.request(0, outside);
    TrialRequest beyond = request("s-t0004", "curve", 2);
    beyond.setTrialNumber(5000);
    beyond.setTrialId("s-t5000");
    h.request(0, beyond);
    h.request(0, request("s-t0005", "curve", 1)); // another budget
    // and then a valid one
    h.request(0, request("s-t0006", "curve", 2));
    // When the worker reads them all
    h.then(() -> h.assign(0)).until(() -> !h.results().isEmpty()).run();
    // Then each bad one is dead-lettered once with its reason and consumed; nothing of them ran
    assertThat(h.transactions.stream().flatMap(t -> t.deadLetters().stream()).toList())
        .extracting(d -> header(d, Topics.DLQ_REASON))
        .satisfiesExactly(
            r -> assertThat(r).isNotBlank(),
            r -> assertThat(r).contains("tombstone"),
            r -> assertThat(r).contains("unknown study ghost"),
            r -> assertThat(r).contains("objective"),
            r -> assertThat(r).contains("params.x"),
            r -> assertThat(r).contains("trial_number 5000"),
            r -> assertThat(r).contains("max_epochs"));
    assertThat(h.results()).extracting(TrialResult::getTrialId).containsExactly("s-t0006");
    assertThat(h.claims()).extracting(TrialClaim::getTrialId).containsOnly("s-t0006");
    assertThat(refused(h, "undecodable")).isEqualTo(2);
    assertThat(refused(h, "unknown_study")).isEqualTo(1);
    assertThat(refused(h, "mismatch")).isEqualTo(4);
    assertThat(refused(h, "cancelled")).isZero();
  }

  @Test
  void shouldReadTheRequestAgainWithoutRunningItWhenTheClaimCannotCommit() {
    // Given a claim commit that times out once
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    h.request(0, request("s-t0000", "curve", 2));
    h.results.failNextCommit(new TimeoutException("broker slow"));
    // When the worker reads the request
    h.then(() -> h.assign(0)).until(() -> h.transactions.size() == 2).run();
    // Then the failed claim was aborted, and the request was claimed and run once afterwards
    assertThat(h.aborted).isEqualTo(1);
    assertThat(h.claims()).extracting(TrialClaim::getEvent).containsOnly(ClaimEvent.CLAIMED);
    assertThat(h.claims()).hasSize(1);
    assertThat(h.results()).hasSize(1);
  }

  @Test
  void shouldRejoinTheGroupWhenAClaimFailsForAStaleGeneration() {
    // Given a claim refused because the group moved on without this member
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    h.request(0, request("s-t0000", "curve", 2));
    h.results.failNextCommit(new CommitFailedException("generation id is not valid"));
    h.then(() -> h.assign(0)).until(() -> h.transactions.size() == 2).run();
    // Then the worker asked to rejoin instead of trying again with its stale generation
    assertThat(h.aborted).isEqualTo(1);
    assertThat(h.consumer.rejoinsAsked).isEqualTo(1);
    assertThat(h.results()).hasSize(1);
  }

  @Test
  void shouldRenewTheLeaseWhileTheTrialRuns() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 2);
    h.request(0, request("s-t0000", "hold", 2));
    // When a trial runs for several lease quarters
    h.then(() -> h.assign(0))
        .until(objectives::isHolding)
        .until(
            () -> h.claims().stream().filter(c -> c.getEvent() == ClaimEvent.RENEWED).count() >= 3)
        .then(objectives.released::countDown)
        .until(() -> h.results().size() == 1)
        .run();
    // Then its lease was renewed for the attempt it holds
    assertThat(h.claims())
        .filteredOn(c -> c.getEvent() == ClaimEvent.RENEWED)
        .allSatisfy(c -> assertThat(c.getAttempt()).isEqualTo(1));
  }

  @Test
  void shouldStopWithoutAResultWhenTheProducerIsFenced() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    h.request(0, request("s-t0000", "curve", 2));
    h.then(h.results::fenceProducer);
    // When a request must be claimed (a worker that kept polling would fail the last step)
    h.then(() -> h.assign(0)).until(() -> false).run();
    // Then the worker stopped at once, without running anything
    assertThat(h.stepsLeft()).isEqualTo(1);
    assertThat(h.transactions).isEmpty();
    assertThat(h.metrics()).isEmpty();
  }

  @Test
  void shouldReleaseTheAttemptWhenTheWorkerIsClosedMidTrial() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 3);
    h.request(0, request("s-t0000", "hold", 3));
    // When the worker is closed (the steps run out) while the trial runs
    h.then(() -> h.assign(0)).until(objectives::isHolding).run();
    // Then no result is published, and the attempt is given back
    assertThat(h.results()).isEmpty();
    assertThat(h.claims()).extracting(TrialClaim::getEvent).endsWith(ClaimEvent.RELEASED);
  }

  @Test
  void shouldNeitherReportNorReleaseWhenTheWorkerIsHalted() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 3);
    h.request(0, request("s-t0000", "hold", 3));
    h.then(() -> h.assign(0)).until(objectives::isHolding).then(h.worker::halt).idle(1);
    h.run();
    // Then the lease is left to lapse, as a killed trainer's would
    assertThat(h.results()).isEmpty();
    assertThat(h.claims()).extracting(TrialClaim::getEvent).doesNotContain(ClaimEvent.RELEASED);
  }

  @Test
  void shouldKeepRunningTheTrialWhenItsPartitionMovesToAnotherTrainer() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 2);
    h.request(0, request("s-t0000", "hold", 2));
    h.then(() -> h.assign(0, 1)).until(objectives::isHolding);
    // When partition 0 is revoked mid-trial, and the trial then ends
    h.then(() -> h.assign(1))
        .then(objectives.released::countDown)
        .until(() -> h.results().size() == 1)
        .run();
    // Then the trial was reported as usual: the claim, not the partition, says who holds it
    assertThat(h.results())
        .singleElement()
        .extracting(TrialResult::getStatus)
        .isEqualTo(TrialStatus.COMPLETED);
    assertThat(h.claims()).extracting(TrialClaim::getEvent).doesNotContain(ClaimEvent.RELEASED);
  }

  @Test
  void shouldPublishAPrunedResultWithItsStopWhenTheMonitorOrdersAStop() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 5);
    h.request(0, request("s-t0000", "hold", 5));
    h.then(() -> h.assign(0)).until(objectives::isHolding);
    // When the monitor orders this attempt to stop by the study's rule
    h.then(() -> h.stops.stop("s-t0000", 1, "median")).until(() -> !h.results().isEmpty()).run();
    // Then the trial ends PRUNED with its last value and the decision that ended it
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
              assertThat(r.getEpochsRun()).isEqualTo(1);
              assertThat(r.getValue()).isEqualTo(5.0);
              assertThat(r.getStopRule()).isEqualTo("median");
              assertThat(r.getStopStep()).isEqualTo(1);
              assertThat(r.getStopReason()).isEqualTo("worse than the median");
            });
  }

  @Test
  void shouldPublishAPatienceStopAndEveryEpochWhenTheStudysCurveStopsImproving() {
    // Given a study with patience 2 and a trial whose metric never improves after epoch 1
    TrainerHarness h = new TrainerHarness(objectives.registry());
    StudySpec spec = TrainerHarness.spec("flat", 6, "median");
    spec.setEarlyStop(new EarlyStopSpec(2, 0.0, false));
    h.specs.specs.put("s", spec);
    TrialRequest request = request("s-t0000", "flat", 6);
    request.setEarlyStop(new EarlyStopSpec(2, 0.0, false));
    h.request(0, request);
    // When it runs
    h.then(() -> h.assign(0)).until(() -> !h.results().isEmpty()).run();
    // Then it ends by its own rule at epoch 3, each epoch it ran published
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
              assertThat(r.getStopRule()).isEqualTo("patience");
              assertThat(r.getStopStep()).isEqualTo(3);
            });
    assertThat(h.metrics()).extracting(EpochMetric::getEpoch).containsExactly(1, 2, 3);
  }

  @Test
  void shouldIgnoreAStopDecisionOfAnotherRuleThanTheStudys() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 3);
    h.request(0, request("s-t0000", "hold", 3));
    h.then(() -> h.assign(0)).until(objectives::isHolding);
    // When a decision names a rule the study does not use (forged, or another study's)
    h.then(() -> h.stops.stop("s-t0000", 1, "asha"))
        .idle(20)
        .then(objectives.released::countDown)
        .until(() -> !h.results().isEmpty())
        .run();
    // Then the trial runs to its end
    assertThat(h.results())
        .singleElement()
        .extracting(TrialResult::getStatus)
        .isEqualTo(TrialStatus.COMPLETED);
  }

  @Test
  void shouldRunOneTrialAtATimeWhenSeveralRequestsWait() {
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 2);
    h.request(0, request("s-t0000", "hold", 2));
    h.request(0, request("s-t0001", "hold", 2));
    h.then(() -> h.assign(0, 1)).until(objectives::isHolding).idle(20);
    boolean[] oneClaim = new boolean[1];
    h.then(
        () ->
            oneClaim[0] =
                h.claims().stream().filter(c -> c.getEvent() == ClaimEvent.CLAIMED).count() == 1);
    h.then(objectives.released::countDown).until(() -> h.results().size() == 2).run();
    assertThat(oneClaim[0]).as("the second request waits while the first trial runs").isTrue();
    assertThat(h.results())
        .extracting(TrialResult::getTrialId)
        .containsExactly("s-t0000", "s-t0001");
  }
}
