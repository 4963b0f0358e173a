package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.StudySpecParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service loop on MockConsumer and MockProducer: replay, rebalance, transactions, poison. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SuggesterServiceTest {

  private static final TopicPartition STUDIES_0 = new TopicPartition(Topics.STUDIES.name(), 0);
  private static final TopicPartition RESULTS_0 =
      new TopicPartition(Topics.TRIAL_RESULTS.name(), 0);
  private static final TopicPartition STATE_0 =
      new TopicPartition(Topics.SUGGESTER_STATE.name(), 0);

  private static StudySpec spec(String study, int nTrials, int parallelism) {
    return StudySpecParser.parse(
        String.format(
            Locale.ROOT,
            """
            study: %s
            objective: branin
            metric: {name: loss, direction: minimize}
            n_trials: %d
            parallelism: %d
            max_epochs: 5
            space:
              x1: {type: real, low: -5, high: 10}
              x2: {type: real, low: 0, high: 15}
            algorithm: {name: random, seed: 7}
            """,
            study,
            nTrials,
            parallelism));
  }

  private static TrialResult result(TrialRequest r, double value) {
    return TrialResult.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setParams(r.getParams())
        .setStatus(TrialStatus.COMPLETED)
        .setValue(value)
        .setEpochsRun(r.getMaxEpochs())
        .setMaxEpochs(r.getMaxEpochs())
        .build();
  }

  private static List<String> ids(List<TrialRequest> requests) {
    return requests.stream().map(TrialRequest::getTrialId).toList();
  }

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldReplayStudiesResultsAndStateBeforeRequestingWhenPartitionsAreAssigned() {
    // Given a study that a previous instance ran: trials 0 and 1 issued and finished
    StudySpec spec = spec("s", 6, 2);
    StudyBook before = new StudyBook(spec);
    List<TrialRequest> issued = before.topUp(0);
    SuggesterHarness h = new SuggesterHarness().oneRecordPerPoll();
    h.spec(spec, 0);
    h.snapshot(before.snapshot());
    h.result(result(issued.get(0), 1.0));
    h.result(result(issued.get(1), 2.0));
    // When partition 0 is assigned and replayed one record per poll
    h.then(() -> h.assign(0)).idle(8).run();
    // Then the first requests come only once all of it was read, and continue after trial 1
    assertThat(h.transactions).isNotEmpty();
    SuggesterHarness.Transaction first = h.transactions.get(0);
    assertThat(first.positions())
        .containsEntry(STUDIES_0, 1L)
        .containsEntry(RESULTS_0, 2L)
        .containsEntry(STATE_0, 1L);
    assertThat(ids(first.requests())).containsExactly("s-t0002", "s-t0003");
    assertThat(first.snapshots())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getNextTrialNumber()).isEqualTo(4);
              assertThat(s.getPending()).extracting(TrialRequest::getTrialId).hasSize(2);
            });
    assertThat(ids(h.requests())).doesNotContain("s-t0000", "s-t0001");
  }

  @Test
  void shouldForgetTheStudiesOfARevokedPartitionAndKeepTheOthers() {
    // Given two live studies, one on each partition, each with its first trial in flight
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("a", 3, 1), 0);
    h.spec(spec("b", 3, 1), 1);
    h.then(h::assignAll).idle(1);
    // When partition 1 is revoked, and a result for the study on partition 0 arrives
    h.then(() -> h.assign(0));
    h.then(() -> h.result(result(issued(h, "a-t0000"), 1.0)));
    Double[] pendingOfB = new Double[1];
    h.then(() -> pendingOfB[0] = pending(h, "b")).run();
    // Then study b is gone from this instance, and study a carries on
    assertThat(pendingOfB[0]).isNaN();
    assertThat(ids(h.requests()))
        .containsExactlyInAnyOrder("a-t0000", "b-t0000", "a-t0001")
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldReplayAStudyAgainWithoutReissuingItsTrialsWhenItsPartitionComesBack() {
    // Given study b on partition 1 with trial 0 in flight, and partition 1 revoked
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("b", 3, 1), 1);
    h.then(h::assignAll).idle(1).then(() -> h.assign(0)).idle(1);
    // When partition 1 comes back
    h.then(h::assignAll).idle(2);
    Double[] pendingOfB = new Double[1];
    h.then(() -> pendingOfB[0] = pending(h, "b")).run();
    // Then b is rebuilt from its snapshot: trial 0 is still in flight, and not requested again
    assertThat(pendingOfB[0]).isEqualTo(1.0);
    assertThat(ids(h.requests())).containsExactly("b-t0000");
  }

  private static TrialRequest issued(SuggesterHarness h, String trialId) {
    return h.requests().stream().filter(r -> r.getTrialId().equals(trialId)).findFirst().get();
  }

  private static double pending(SuggesterHarness h, String study) {
    Gauge g = h.registry.find("streamtune.study.trials.pending").tag("study", study).gauge();
    return g == null ? -1 : g.value();
  }

  @Test
  void shouldCommitRequestsSnapshotAndInputOffsetsInOneTransaction() {
    // Given a study with two trials at a time
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("s", 4, 2), 0);
    // When it is read, and then the first result arrives
    h.then(() -> h.assign(0));
    h.then(() -> h.result(result(h.requests().get(0), 0.5))).idle(1).run();
    // Then each step is one transaction: its requests, the study's snapshot, the input offsets
    assertThat(h.transactions).hasSize(2);
    SuggesterHarness.Transaction opened = h.transactions.get(0);
    assertThat(ids(opened.requests())).containsExactly("s-t0000", "s-t0001");
    assertThat(opened.records())
        .filteredOn(r -> r.topic().equals(Topics.TRIAL_REQUESTS.name()))
        .extracting(ProducerRecord::partition)
        .as("first trials go to distinct request partitions")
        .containsExactlyInAnyOrder(0, 1);
    assertThat(opened.snapshots())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getStudyId()).isEqualTo("s");
              assertThat(s.getNextTrialNumber()).isEqualTo(2);
              assertThat(s.getPending())
                  .extracting(TrialRequest::getTrialId)
                  .containsExactly("s-t0000", "s-t0001");
            });
    assertThat(opened.records())
        .filteredOn(r -> r.topic().equals(Topics.SUGGESTER_STATE.name()))
        .extracting(ProducerRecord::partition)
        .containsExactly(0);
    assertThat(opened.offsets()).isEqualTo(Map.of(STUDIES_0, new OffsetAndMetadata(1)));
    SuggesterHarness.Transaction next = h.transactions.get(1);
    assertThat(ids(next.requests())).containsExactly("s-t0002");
    assertThat(next.snapshots()).extracting(SuggesterState::getNextTrialNumber).containsExactly(3);
    // (the previous transaction's snapshot was read back in the same poll as the result)
    assertThat(next.offsets())
        .isEqualTo(Map.of(RESULTS_0, new OffsetAndMetadata(1), STATE_0, new OffsetAndMetadata(1)));
  }

  @Test
  void shouldAbortAndRebuildFromKafkaWithoutIssuingATrialTwiceWhenACommitFails() {
    // Given a live study with trials 0 and 1 committed
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("s", 5, 2), 0);
    h.then(() -> h.assign(0));
    // When the transaction that follows the first result fails to commit, and the next one works
    h.then(
        () -> {
          h.producer.commitTransactionException = new KafkaException("coordinator went away");
          h.result(result(h.requests().get(0), 0.5));
        });
    h.then(() -> h.producer.commitTransactionException = null).idle(2).run();
    // Then the failed one was aborted, and after the rebuild trial 2 is issued once, 0 and 1 never
    // again
    assertThat(h.aborted).isEqualTo(1);
    assertThat(h.registry.get("streamtune.suggester.transactions.aborted").counter().count())
        .isEqualTo(1.0);
    assertThat(ids(h.requests())).containsExactly("s-t0000", "s-t0001", "s-t0002");
    assertThat(h.transactions.get(1).offsets()).containsKey(RESULTS_0);
    assertThat(h.transactions.get(1).snapshots())
        .singleElement()
        .satisfies(
            s ->
                assertThat(s.getPending())
                    .extracting(TrialRequest::getTrialId)
                    .containsExactly("s-t0001", "s-t0002"));
  }

  @Test
  void shouldStopTheLoopAndCloseTheClientsWhenTheProducerIsFenced() {
    // Given a live study with its first trials committed
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("s", 5, 2), 0);
    h.then(() -> h.assign(0));
    // When a newer instance fences this producer and a result then needs a transaction
    h.then(
        () -> {
          h.producer.fenceProducer();
          h.result(result(h.requests().get(0), 0.5));
        });
    h.idle(5);
    h.run();
    // Then the loop ends by itself, before its remaining polls, with nothing more committed
    assertThat(h.stepsLeft()).isEqualTo(5);
    assertThat(h.consumer.closed()).isTrue();
    assertThat(h.producer.closed()).isTrue();
    assertThat(ids(h.requests())).containsExactly("s-t0000", "s-t0001");
  }

  @Test
  void shouldRethrowWhenTheProducerIsNotAuthorized() {
    // Given a live study
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("s", 5, 2), 0);
    // When its first transaction is refused for want of authorisation
    h.then(
        () -> {
          h.producer.commitTransactionException = new TransactionalIdAuthorizationException("no");
          h.assign(0);
        });
    h.idle(3);
    // Then the loop stops with the error instead of rebuilding forever
    assertThatThrownBy(h::run).isInstanceOf(TransactionalIdAuthorizationException.class);
    assertThat(h.registry.get("streamtune.suggester.transactions.aborted").counter().count())
        .isZero();
  }

  @Test
  void shouldDeadLetterAPoisonRecordInsideTheTransactionWhenItCannotBeDecoded() {
    // Given a live study
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("s", 5, 2), 0);
    h.then(() -> h.assign(0));
    // When a result that is not Avro arrives
    h.then(
            () ->
                h.append(
                    Topics.TRIAL_RESULTS.name(),
                    0,
                    SuggesterHarness.utf8("s"),
                    "not avro".getBytes(StandardCharsets.UTF_8)))
        .idle(1)
        .run();
    // Then it goes to the dead-letter topic with its source and reason, in a transaction that
    // also moves the input offset past it
    assertThat(h.transactions).hasSize(2);
    SuggesterHarness.Transaction t = h.transactions.get(1);
    assertThat(t.requests()).isEmpty();
    assertThat(t.deadLetters())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
              assertThat(header(r, Topics.DLQ_SOURCE_TOPIC)).isEqualTo("trial-results");
              assertThat(header(r, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
              assertThat(header(r, Topics.DLQ_SERVICE)).isEqualTo("suggester");
              assertThat(header(r, Topics.DLQ_REASON)).isNotBlank();
            });
    assertThat(t.offsets()).containsEntry(RESULTS_0, new OffsetAndMetadata(1));
  }

  @Test
  void shouldDeadLetterASpecWhenTheOptimizerDoesNotAcceptItsAlgorithm() {
    // Given a spec naming an algorithm the optimizer does not have, next to a valid one
    StudySpec odd = spec("odd", 5, 2);
    odd.getAlgorithm().setName("annealing");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(odd, 0);
    h.spec(spec("fine", 5, 1), 1);
    // When both are read
    h.then(h::assignAll).idle(1).run();
    // Then the odd one is dead-lettered with the reason and never runs; the other one runs
    List<ProducerRecord<byte[], byte[]>> dead =
        h.transactions.stream().flatMap(t -> t.deadLetters().stream()).toList();
    assertThat(dead)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(header(r, Topics.DLQ_SOURCE_TOPIC)).isEqualTo("studies");
              assertThat(header(r, Topics.DLQ_REASON))
                  .contains("study odd")
                  .contains("algorithm 'annealing' is not available");
            });
    assertThat(ids(h.requests())).containsExactly("fine-t0000");
  }

  @Test
  void shouldChangeNothingWhenAResultArrivesTwice() {
    // Given a live study whose first result was applied
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("s", 5, 2), 0);
    h.then(() -> h.assign(0));
    h.then(() -> h.result(result(h.requests().get(0), 0.5)));
    // When the same result arrives again
    h.then(() -> h.result(result(h.requests().get(0), 0.5))).idle(1).run();
    // Then no request, no snapshot and no transaction follows it, and it is counted apart
    assertThat(h.transactions).hasSize(2);
    assertThat(ids(h.requests())).containsExactly("s-t0000", "s-t0001", "s-t0002");
    assertThat(
            h.registry
                .get("streamtune.suggester.results")
                .tags("study", "s", "status", "COMPLETED")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            h.registry
                .get("streamtune.suggester.results.duplicate")
                .tag("study", "s")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldRemoveAFinishedStudysMetersOnceTheGracePeriodHasPassed() {
    // Given a one-trial study that gets its result
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec("s", 1, 1), 0);
    h.then(() -> h.assign(0));
    h.then(() -> h.result(result(h.requests().get(0), 0.5)));
    // When the loop goes on until just before the grace period is over, and then past it
    boolean[] presentBefore = new boolean[1];
    h.then(() -> h.clock.add(SuggesterConfig.DEFAULT_STUDY_METRICS_GRACE.minusSeconds(1)));
    h.then(
        () ->
            presentBefore[0] =
                !h.registry.find("streamtune.study.trials.finished").meters().isEmpty());
    h.then(() -> h.clock.add(Duration.ofSeconds(1))).idle(1).run();
    // Then a last scrape could still see it, and now it is gone
    assertThat(presentBefore[0]).isTrue();
    assertThat(h.registry.getMeters()).noneMatch(m -> "s".equals(m.getId().getTag("study")));
  }
}
