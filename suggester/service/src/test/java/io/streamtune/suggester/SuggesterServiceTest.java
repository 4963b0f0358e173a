package io.streamtune.suggester;

import static io.streamtune.suggester.SuggesterHarness.home;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Gauge;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
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

/**
 * The service loop on MockConsumer and MockProducer: restore, rebalance, transactions, fencing,
 * leases and releases; the records it refuses are in {@link SuggesterPoisonTest}.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SuggesterServiceTest {

  static StudySpec spec(String study, int nTrials, int parallelism) {
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

  /** A study id whose records belong on {@code partition}. */
  static String studyOn(int partition, String prefix) {
    for (int i = 0; ; i++) {
      if (home(prefix + i) == partition) {
        return prefix + i;
      }
    }
  }

  static TrialResult result(TrialRequest r, double value) {
    return TrialResult.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setAttempt(r.getAttempt())
        .setParams(r.getParams())
        .setStatus(TrialStatus.COMPLETED)
        .setValue(value)
        .setEpochsRun(r.getMaxEpochs())
        .setMaxEpochs(r.getMaxEpochs())
        .build();
  }

  static TrialClaim claim(TrialRequest r, ClaimEvent event) {
    return TrialClaim.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setAttempt(r.getAttempt())
        .setEvent(event)
        .setWorker("w1")
        .build();
  }

  static List<String> ids(List<TrialRequest> requests) {
    return requests.stream().map(TrialRequest::getTrialId).toList();
  }

  static String header(ProducerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  static double pending(SuggesterHarness h, String study) {
    Gauge g = h.registry.find("streamtune.study.trials.pending").tag("study", study).gauge();
    return g == null ? -1 : g.value();
  }

  @Test
  void shouldCommitRequestsStateStatusAndInputOffsetsInOneTransaction() {
    // Given a study with two trials at a time
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 4, 2));
    // When it is read, and then the first result arrives
    h.then(() -> h.assign(0, 1));
    h.then(() -> h.result(result(h.requests().get(0), 0.5))).idle(1).run();
    // Then opening the study is one transaction: requests on distinct partitions, a state record
    // for the study and one per trial, a RUNNING status, and the spec's offset
    SuggesterHarness.Transaction opened = h.transactions.get(0);
    assertThat(ids(opened.requests())).containsExactly(s + "-t0000", s + "-t0001");
    assertThat(opened.on(Topics.TRIAL_REQUESTS.name()))
        .extracting(ProducerRecord::partition)
        .containsExactlyInAnyOrder(0, 1);
    assertThat(opened.requests())
        .allSatisfy(
            r -> {
              assertThat(r.getStudyPartition()).isZero();
              assertThat(r.getLeaseMs()).isEqualTo(SuggesterConfig.DEFAULT_LEASE.toMillis());
            });
    assertThat(opened.states())
        .extracting(SuggesterState::getTrialId)
        .containsExactly(null, s + "-t0000", s + "-t0001");
    assertThat(opened.on(Topics.SUGGESTER_STATE.name()))
        .extracting(ProducerRecord::partition)
        .containsOnly(0);
    assertThat(opened.statuses())
        .singleElement()
        .satisfies(st -> assertThat(st.getState()).isEqualTo(StudyState.RUNNING));
    assertThat(opened.offsets())
        .containsExactly(
            Map.entry(new TopicPartition(Topics.STUDIES.name(), 0), new OffsetAndMetadata(1)));
    // and the result's transaction writes its trial's record and the next trial's
    SuggesterHarness.Transaction next = h.transactions.get(1);
    assertThat(ids(next.requests())).containsExactly(s + "-t0002");
    assertThat(next.states())
        .extracting(SuggesterState::getTrialId)
        .containsExactlyInAnyOrder(null, s + "-t0000", s + "-t0002");
    assertThat(next.states())
        .filteredOn(st -> (s + "-t0000").equals(st.getTrialId()))
        .singleElement()
        .satisfies(st -> assertThat(st.getResult().getValue()).isEqualTo(0.5));
    assertThat(next.statuses()).singleElement().extracting(st -> st.getFinished()).isEqualTo(1);
  }

  @Test
  void shouldRestoreFromStateAndReadInputsFromTheCommittedOffsetsWhenAPartitionIsAssigned() {
    // Given an instance that ran a study for a while and went away
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 6, 2));
    h.then(() -> h.assign(0)).then(() -> h.result(result(h.requests().get(0), 1.0))).idle(1);
    h.then(() -> h.assign()).idle(1);
    // When the partition comes back and is restored from the state topic
    h.then(() -> h.assign(0)).idle(2);
    double[] pendingAfter = new double[1];
    h.then(() -> pendingAfter[0] = pending(h, s)).run();
    // Then nothing is issued twice and nothing is forgotten
    assertThat(pendingAfter[0]).isEqualTo(2.0);
    assertThat(ids(h.requests()))
        .containsExactly(s + "-t0000", s + "-t0001", s + "-t0002")
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldForgetTheStudiesOfARevokedPartitionAndKeepTheOthers() {
    String a = studyOn(0, "a");
    String b = studyOn(1, "b");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(a, 3, 1));
    h.spec(spec(b, 3, 1));
    h.then(h::assignAll).idle(1);
    // When partition 1 is revoked, and a result for the study on partition 0 arrives
    h.then(() -> h.assign(0));
    h.then(() -> h.result(result(h.issued(a + "-t0000"), 1.0)));
    double[] pendingOfB = new double[1];
    h.then(() -> pendingOfB[0] = pending(h, b)).run();
    // Then study b is gone from this instance, and study a carries on
    assertThat(pendingOfB[0]).isNaN();
    assertThat(ids(h.requests()))
        .containsExactlyInAnyOrder(a + "-t0000", b + "-t0000", a + "-t0001");
  }

  @Test
  void shouldAbortAndRestoreFromKafkaWithoutIssuingATrialTwiceWhenACommitFails() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 2));
    h.then(() -> h.assign(0));
    // When the transaction that follows the first result fails to commit, and the next one works
    h.then(
        () -> {
          h.producer.commitTransactionException = new KafkaException("coordinator went away");
          h.result(result(h.requests().get(0), 0.5));
        });
    h.then(() -> h.producer.commitTransactionException = null).idle(3).run();
    // Then the failed one was aborted, and after the restore trial 2 is issued once
    assertThat(h.aborted).isEqualTo(1);
    assertThat(h.registry.get("streamtune.suggester.transactions.aborted").counter().count())
        .isEqualTo(1.0);
    assertThat(ids(h.requests())).containsExactly(s + "-t0000", s + "-t0001", s + "-t0002");
  }

  @Test
  void shouldStopTheLoopAndCloseTheClientsWhenTheProducerIsFenced() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 2));
    h.then(() -> h.assign(0));
    h.then(
        () -> {
          h.producer.fenceProducer();
          h.result(result(h.requests().get(0), 0.5));
        });
    h.idle(5);
    h.run();
    assertThat(h.stepsLeft()).isEqualTo(5);
    assertThat(h.consumer.closed()).isTrue();
    assertThat(h.producer.closed()).isTrue();
    assertThat(h.requests()).hasSize(2);
  }

  @Test
  void shouldRethrowWhenTheProducerIsNotAuthorized() {
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(studyOn(0, "s"), 5, 2));
    h.then(
        () -> {
          h.producer.commitTransactionException = new TransactionalIdAuthorizationException("no");
          h.assign(0);
        });
    h.idle(3);
    assertThatThrownBy(h::run).isInstanceOf(TransactionalIdAuthorizationException.class);
    assertThat(h.registry.get("streamtune.suggester.transactions.aborted").counter().count())
        .isZero();
  }

  @Test
  void shouldIgnoreAndCountAResultWhenItArrivesTwice() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 2));
    h.then(() -> h.assign(0));
    h.then(() -> h.result(result(h.requests().get(0), 0.5)));
    h.then(() -> h.result(result(h.requests().get(0), 0.5))).idle(1).run();
    assertThat(ids(h.requests())).containsExactly(s + "-t0000", s + "-t0001", s + "-t0002");
    assertThat(
            h.registry
                .get("streamtune.suggester.results")
                .tags("study", s, "status", "COMPLETED")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            h.registry
                .get("streamtune.suggester.results.ignored")
                .tags("study", s, "verdict", "DUPLICATE")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldIssueTheNextAttemptWhenALeaseLapsesAndGiveUpAfterMaxAttempts() {
    // Given a one-trial study whose attempts are claimed and then fall silent, twice
    String s = studyOn(0, "s");
    SuggesterHarness h =
        new SuggesterHarness(SuggesterConfig.defaults("mock:9092").withMaxAttempts(2));
    long lease = SuggesterConfig.DEFAULT_LEASE.toMillis();
    h.spec(spec(s, 1, 1));
    h.then(() -> h.assign(0));
    h.then(() -> h.claim(claim(h.requests().get(0), ClaimEvent.CLAIMED))).idle(1);
    h.later(lease + 1).idle(1);
    h.then(() -> h.claim(claim(h.issued(s + "-t0000"), ClaimEvent.CLAIMED))).idle(1);
    h.later(lease + 1).idle(2).run();
    // Then attempt 2 was issued, and after it lapsed too the trial was given up FAILED
    assertThat(h.requests()).extracting(TrialRequest::getAttempt).containsExactly(1, 2);
    List<TrialResult> failed = h.transactions.stream().flatMap(t -> t.results().stream()).toList();
    assertThat(failed)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getStatus()).isEqualTo(TrialStatus.FAILED);
              assertThat(f.getError()).contains("gave up after 2 attempt(s)");
            });
    assertThat(h.statuses())
        .last()
        .satisfies(st -> assertThat(st.getState()).isEqualTo(StudyState.COMPLETED));
    assertThat(h.deadLetters()).as("our own FAILED result, read back, is no poison").isEmpty();
  }

  @Test
  void shouldIssueTheNextAttemptAtOnceWhenTheTrainerReleasesIt() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 1, 1));
    h.then(() -> h.assign(0));
    h.then(() -> h.claim(claim(h.requests().get(0), ClaimEvent.RELEASED))).idle(1);
    h.then(() -> h.result(result(h.requests().get(0), 9.0))).idle(1).run();
    assertThat(h.requests()).extracting(TrialRequest::getAttempt).containsExactly(1, 2);
    assertThat(
            h.registry
                .get("streamtune.suggester.results.ignored")
                .tags("study", s, "verdict", "SUPERSEDED")
                .counter()
                .count())
        .isEqualTo(1.0);
  }

  @Test
  void shouldStopIssuingAndDeleteItsStateWhenTheSpecIsDeleted() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 1));
    h.then(() -> h.assign(0)).then(() -> h.deleteSpec(s));
    h.then(() -> h.result(result(h.requests().get(0), 0.5))).idle(1).run();
    assertThat(h.requests()).hasSize(1);
    assertThat(h.statuses())
        .last()
        .satisfies(st -> assertThat(st.getState()).isEqualTo(StudyState.CANCELLED));
    assertThat(
            h.transactions.stream()
                .flatMap(t -> t.on(Topics.SUGGESTER_STATE.name()).stream())
                .filter(r -> r.value() == null)
                .map(r -> new String(r.key(), StandardCharsets.UTF_8))
                .toList())
        .containsExactlyInAnyOrder(s, s + "|" + s + "-t0000");
  }

  @Test
  void shouldRemoveAFinishedStudysMetersOnceTheGracePeriodHasPassed() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 1, 1));
    h.then(() -> h.assign(0));
    h.then(() -> h.result(result(h.requests().get(0), 0.5)));
    boolean[] presentBefore = new boolean[1];
    h.then(() -> h.clock.add(SuggesterConfig.DEFAULT_STUDY_METRICS_GRACE.minusSeconds(1)));
    h.then(
        () ->
            presentBefore[0] =
                !h.registry.find("streamtune.study.trials.finished").meters().isEmpty());
    h.then(() -> h.clock.add(Duration.ofSeconds(1))).idle(1).run();
    assertThat(presentBefore[0]).isTrue();
    assertThat(h.registry.getMeters()).noneMatch(m -> s.equals(m.getId().getTag("study")));
  }
}
