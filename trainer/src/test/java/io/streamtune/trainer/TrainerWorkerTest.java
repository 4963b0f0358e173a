package io.streamtune.trainer;

import static io.streamtune.trainer.TrainerHarness.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The trainer loop on MockConsumer and MockProducer: claims, result transactions, aborts, fencing,
 * rebalances and shutdown.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrainerWorkerTest {

  private static final TopicPartition P0 = new TopicPartition(TrainerHarness.TOPIC, 0);

  private final TestObjectives objectives = new TestObjectives();

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldPublishTheResultAndConsumeTheRequestInOneTransactionWhenATrialCompletes() {
    // Given a request on partition 0
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "curve", 3));
    // When the worker is assigned the partition and the trial ends
    h.then(() -> h.assign(0)).until(() -> !h.transactions.isEmpty()).run();
    // Then one transaction carries the result and consumes the request
    assertThat(h.transactions)
        .singleElement()
        .satisfies(t -> assertThat(t.offsets()).containsEntry(P0, new OffsetAndMetadata(1)));
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
              assertThat(r.getAttempt()).isEqualTo(1);
              assertThat(r.getEpochsRun()).isEqualTo(3);
              assertThat(r.getWorker()).isEqualTo("w1");
            });
    // and every epoch went out on the metrics producer, attempt 1
    assertThat(h.metrics()).extracting(EpochMetric::getEpoch).containsExactly(1, 2, 3);
    assertThat(h.metrics()).extracting(EpochMetric::getAttempt).containsOnly(1);
    // and the claim was recorded at the request's own offset before the trial ran
    assertThat(h.committed(0)).isEqualTo(new OffsetAndMetadata(0, "attempt=1;lost=0"));
    assertThat(
            h.registry
                .get("streamtune.trainer.trials")
                .tag("status", "COMPLETED")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void shouldRunTheNextAttemptWhenTheRequestWasClaimedByATrainerThatDied() {
    // Given a claim for attempt 1 that nobody released
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "curve", 2));
    h.commit(0, 0, "attempt=1;lost=0");
    // When the worker picks the request up
    h.then(() -> h.assign(0)).until(() -> !h.transactions.isEmpty()).run();
    // Then it runs attempt 2 and counts the first as lost
    assertThat(h.results()).singleElement().extracting(TrialResult::getAttempt).isEqualTo(2);
    assertThat(h.metrics()).extracting(EpochMetric::getAttempt).containsOnly(2);
  }

  @Test
  void shouldReportFailedWithoutRunningWhenLostAttemptsReachTheLimit() {
    // Given a trial whose two attempts died with their trainers, and a limit of two
    TrainerHarness h =
        new TrainerHarness(
            objectives.registry(),
            TrainerConfig.defaults("mock:9092").withWorkerId("w1").withMaxAttempts(2));
    h.request(0, request("s-t0000", "curve", 2));
    h.commit(0, 0, "attempt=2;lost=1");
    // When the worker picks the request up
    h.then(() -> h.assign(0)).until(() -> !h.transactions.isEmpty()).run();
    // Then the trial is FAILED with the reason, consumed, and never run
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.FAILED);
              assertThat(r.getError()).contains("gave up after 2 attempt(s)");
            });
    assertThat(h.transactions.get(0).offsets()).containsEntry(P0, new OffsetAndMetadata(1));
    assertThat(h.metrics()).isEmpty();
  }

  @Test
  void shouldDeadLetterAnUndecodableRequestOnceAndRunTheNextWhenARequestIsGarbage() {
    // Given garbage at offset 0 and a valid request at offset 1
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.append(0, new byte[] {1, 2, 3});
    h.request(0, request("s-t0001", "curve", 1));
    // When the worker reads both
    h.then(() -> h.assign(0)).until(() -> h.transactions.size() == 2).run();
    // Then the garbage is dead-lettered and consumed in one transaction, with its origin and reason
    TrainerHarness.Transaction first = h.transactions.get(0);
    assertThat(first.offsets()).containsEntry(P0, new OffsetAndMetadata(1));
    assertThat(first.deadLetters())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(header(d, Topics.DLQ_SOURCE_TOPIC)).isEqualTo(TrainerHarness.TOPIC);
              assertThat(header(d, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
              assertThat(header(d, Topics.DLQ_SERVICE)).isEqualTo("trainer");
              assertThat(header(d, Topics.DLQ_REASON)).isNotBlank();
            });
    // and the next request runs as usual
    assertThat(h.results()).extracting(TrialResult::getTrialId).containsExactly("s-t0001");
  }

  @Test
  void shouldAbortReleaseAndRunAgainWhenTheResultCommitFailsTransiently() {
    // Given a result commit that times out once
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "curve", 2));
    h.results.failNextCommit(new TimeoutException("broker slow"));
    // When the trial ends twice
    h.then(() -> h.assign(0)).until(() -> !h.transactions.isEmpty()).run();
    // Then the first transaction was aborted and the request read again
    assertThat(h.aborted).isEqualTo(1);
    // and the re-run is attempt 2 with no attempt lost, because the first was given back
    assertThat(h.results()).singleElement().extracting(TrialResult::getAttempt).isEqualTo(2);
    assertThat(h.committed(0)).isEqualTo(new OffsetAndMetadata(0, "attempt=2;lost=0"));
  }

  @Test
  void shouldStopWithoutAResultWhenTheProducerIsFenced() {
    // Given a results producer that another instance fenced
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "curve", 2));
    h.then(h.results::fenceProducer);
    // When a trial ends (a worker that kept polling would fail the last step after 10 s)
    h.then(() -> h.assign(0)).until(() -> false).run();
    // Then the worker stopped at once, without publishing or giving the trial back
    assertThat(h.stepsLeft()).isEqualTo(1);
    assertThat(h.transactions).isEmpty();
    assertThat(h.committed(0)).isEqualTo(new OffsetAndMetadata(0, "attempt=1;lost=0"));
  }

  @Test
  void shouldGiveTheTrialBackWhenItsPartitionIsRevokedMidTrial() {
    // Given a trial in progress on partition 0
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "hold", 3));
    h.then(() -> h.assign(0, 1)).until(objectives::isHolding);
    // When partition 0 moves to another trainer
    h.then(() -> h.assign(1)).until(() -> h.worker.currentTrial().isEmpty()).run();
    // Then the trial stopped without a result, and its claim says it was given back
    assertThat(h.transactions).isEmpty();
    assertThat(h.committed(0)).isEqualTo(new OffsetAndMetadata(0, "attempt=1;lost=0;released"));
    // and the partition it kept is polled again
    assertThat(h.consumer.paused()).isEmpty();
  }

  @Test
  void shouldKeepTheClaimSoTheAttemptCountsAsLostWhenThePartitionIsLostMidTrial() {
    // Given a trial in progress on partition 0
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "hold", 3));
    h.then(() -> h.assign(0)).until(objectives::isHolding);
    // When the worker is dropped from the group
    h.then(() -> h.consumer.losePartitions(List.of(P0)))
        .until(() -> h.worker.currentTrial().isEmpty())
        .run();
    // Then nothing was committed: the next owner counts this attempt as lost
    assertThat(h.transactions).isEmpty();
    assertThat(h.committed(0)).isEqualTo(new OffsetAndMetadata(0, "attempt=1;lost=0"));
  }

  @Test
  void shouldGiveTheTrialBackWhenTheWorkerIsClosedMidTrial() {
    // Given a trial in progress
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "hold", 3));
    // When the worker is closed (the steps run out)
    h.then(() -> h.assign(0)).until(objectives::isHolding).run();
    // Then the trial is not reported as pruned but given back for a re-run
    assertThat(h.transactions).isEmpty();
    assertThat(h.committed(0)).isEqualTo(new OffsetAndMetadata(0, "attempt=1;lost=0;released"));
  }

  @Test
  void shouldNeitherReportNorReleaseWhenTheWorkerIsHalted() {
    // Given a trial in progress
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "hold", 3));
    // When the worker halts like a killed process
    h.then(() -> h.assign(0)).until(objectives::isHolding).then(h.worker::halt).idle(1);
    h.run();
    // Then the claim stays as it was, so the re-run counts a lost attempt
    assertThat(h.transactions).isEmpty();
    assertThat(h.committed(0)).isEqualTo(new OffsetAndMetadata(0, "attempt=1;lost=0"));
  }

  @Test
  void shouldPublishAPrunedResultWhenTheMonitorOrdersAStop() {
    // Given a trial in progress
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "hold", 5));
    h.then(() -> h.assign(0)).until(objectives::isHolding);
    // When the monitor orders this attempt to stop
    h.then(() -> h.stops.stop("s-t0000", 1)).until(() -> !h.transactions.isEmpty()).run();
    // Then the trial ends PRUNED with its last value, and the request is consumed
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
              assertThat(r.getEpochsRun()).isEqualTo(1);
              assertThat(r.getValue()).isEqualTo(5.0);
            });
    assertThat(h.transactions.get(0).offsets()).containsEntry(P0, new OffsetAndMetadata(1));
  }

  @Test
  void shouldRunOneTrialAtATimeWhenSeveralRequestsWait() {
    // Given a long trial and another request behind it
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.request(0, request("s-t0000", "hold", 2));
    h.request(0, request("s-t0001", "curve", 1));
    h.then(() -> h.assign(0, 1)).until(objectives::isHolding).idle(20);
    // When the first trial is released and ends
    h.then(objectives.released::countDown).until(() -> h.transactions.size() == 2).run();
    // Then the second request ran only after the first
    assertThat(h.results())
        .extracting(TrialResult::getTrialId)
        .containsExactly("s-t0000", "s-t0001");
  }
}
