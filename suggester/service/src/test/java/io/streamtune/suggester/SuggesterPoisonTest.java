package io.streamtune.suggester;

import static io.streamtune.suggester.SuggesterServiceTest.claim;
import static io.streamtune.suggester.SuggesterServiceTest.header;
import static io.streamtune.suggester.SuggesterServiceTest.ids;
import static io.streamtune.suggester.SuggesterServiceTest.result;
import static io.streamtune.suggester.SuggesterServiceTest.spec;
import static io.streamtune.suggester.SuggesterServiceTest.studyOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The service loop on MockConsumer and MockProducer, fed records it must refuse: each goes to the
 * dead-letter topic once, with its reason, or on to the partition it belongs to.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SuggesterPoisonTest {

  @Test
  void shouldDeadLetterAnUndecodableRecordOnceEvenWhenItsPartitionMovesAndComesBack() {
    // Given a live study and a result that is not Avro
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 2));
    h.then(() -> h.assign(0));
    h.then(
            () ->
                h.append(
                    Topics.TRIAL_RESULTS.name(),
                    0,
                    SuggesterHarness.utf8(s),
                    "not avro".getBytes(StandardCharsets.UTF_8)))
        .idle(1);
    // When the partition is revoked and assigned again (a restart, a rebalance)
    h.then(() -> h.assign()).then(() -> h.assign(0)).idle(3).run();
    // Then it was dead-lettered once, with its source and reason, and consumed with it
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
              assertThat(header(r, Topics.DLQ_SOURCE_TOPIC)).isEqualTo("trial-results");
              assertThat(header(r, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
              assertThat(header(r, Topics.DLQ_SERVICE)).isEqualTo("suggester");
              assertThat(header(r, Topics.DLQ_REASON)).isNotBlank();
            });
  }

  @Test
  void shouldDeadLetterResultsAndClaimsThatNoRequestOfTheStudyCouldHaveCaused() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 1));
    h.then(() -> h.assign(0));
    h.then(
            () -> {
              TrialRequest r = h.requests().get(0);
              TrialResult forged = result(r, -1e9);
              forged.setTrialId(s + "-t0099");
              forged.setTrialNumber(99);
              h.result(forged);
              TrialResult otherParams = result(r, -1e9);
              otherParams.setParams(Map.of("x1", 0.0, "x2", 0.0));
              h.result(otherParams);
              TrialClaim future = claim(r, ClaimEvent.CLAIMED);
              future.setAttempt(7);
              h.claim(future);
              TrialResult unknown = result(r, 1.0);
              unknown.setStudyId(studyOn(0, "ghost"));
              h.result(unknown);
              h.append(Topics.TRIAL_RESULTS.name(), 0, SuggesterHarness.utf8(s), null);
            })
        .idle(1)
        .run();
    // Then each is dead-lettered with its reason, and none counts for the study
    assertThat(h.deadLetters())
        .extracting(r -> header(r, Topics.DLQ_REASON))
        .satisfiesExactlyInAnyOrder(
            reason -> assertThat(reason).contains("was never issued"),
            reason -> assertThat(reason).contains("params"),
            reason -> assertThat(reason).contains("attempt 7"),
            reason -> assertThat(reason).contains("unknown study"),
            reason -> assertThat(reason).contains("tombstone"));
    assertThat(h.statuses()).allSatisfy(st -> assertThat(st.getFinished()).isZero());
    assertThat(h.requests()).hasSize(1);
  }

  @Test
  void shouldSendARecordOnToItsStudysPartitionWhenItArrivesOnAnother() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 1));
    h.then(h::assignAll);
    // When a result is written to partition 1 (a client that does not hash with murmur2)
    h.then(() -> h.result(result(h.requests().get(0), 0.5), 1)).idle(3).run();
    // Then it is sent on to partition 0 with a header, not dead-lettered, and then applied
    assertThat(h.deadLetters()).isEmpty();
    assertThat(
            h.transactions.stream()
                .flatMap(t -> t.on(Topics.TRIAL_RESULTS.name()).stream())
                .toList())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.partition()).isZero();
              assertThat(header(r, Reroute.FROM)).isEqualTo("trial-results-1");
            });
    assertThat(ids(h.requests())).containsExactly(s + "-t0000", s + "-t0001");
  }

  @Test
  void shouldDeadLetterASpecAndReportTheStudyFailedWhenItFailsValidation() {
    String odd = studyOn(0, "odd");
    String fine = studyOn(1, "fine");
    StudySpec bad = spec(odd, 5, 2);
    bad.getAlgorithm().setName("annealing");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(bad);
    h.spec(spec(fine, 5, 1));
    h.then(h::assignAll).idle(1).run();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(header(r, Topics.DLQ_SOURCE_TOPIC)).isEqualTo("studies");
              assertThat(header(r, Topics.DLQ_REASON))
                  .contains("algorithm.name: must be one of [forest, gbrt, gp, grid, random]")
                  .contains("'annealing'");
            });
    assertThat(h.statuses())
        .filteredOn(st -> st.getStudyId().equals(odd))
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.getState()).isEqualTo(StudyState.FAILED);
              assertThat(st.getMessage()).contains("annealing");
            });
    assertThat(ids(h.requests())).containsExactly(fine + "-t0000");
  }

  @Test
  void shouldDeadLetterARawSpecWithNoTrialsInsteadOfKeepingItForEver() {
    // Given a spec written straight to the topic, past the parser: no trials, no parallelism
    String empty = studyOn(1, "empty");
    StudySpec raw = spec(empty, 5, 1);
    raw.setNTrials(0);
    raw.setParallelism(0);
    SuggesterHarness h = new SuggesterHarness();
    h.spec(raw);
    h.then(h::assignAll).idle(1).run();
    // Then it is dead-lettered with both problems named, and the study is reported FAILED
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            r ->
                assertThat(header(r, Topics.DLQ_REASON))
                    .contains("n_trials")
                    .contains("parallelism"));
    assertThat(h.statuses())
        .singleElement()
        .satisfies(st -> assertThat(st.getState()).isEqualTo(StudyState.FAILED));
  }

  @Test
  void shouldDeadLetterAnotherSpecUnderARunningStudysIdAndIgnoreTheSameSpecAgain() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 5, 1));
    h.then(() -> h.assign(0));
    StudySpec again = spec(s, 5, 1);
    again.setSubmittedAt(99);
    h.then(() -> h.spec(again)).then(() -> h.spec(spec(s, 50, 4))).idle(1).run();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(
            r ->
                assertThat(header(r, Topics.DLQ_REASON))
                    .contains("already exists with another spec"));
    assertThat(h.requests()).hasSize(1);
  }
}
