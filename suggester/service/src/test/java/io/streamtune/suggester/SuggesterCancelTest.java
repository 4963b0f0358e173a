package io.streamtune.suggester;

import static io.streamtune.suggester.SuggesterServiceTest.claim;
import static io.streamtune.suggester.SuggesterServiceTest.result;
import static io.streamtune.suggester.SuggesterServiceTest.spec;
import static io.streamtune.suggester.SuggesterServiceTest.studyOn;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.Cancellation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancel and resume through the service loop: what goes out in which transaction, what a restarted
 * instance makes of a cancelled study, and which records are refused.
 */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class SuggesterCancelTest {

  private static final CancelRequest CANCEL = new CancelRequest(5L, "out of budget", "alice");

  private static StudySpec cancelled(StudySpec spec, CancelRequest cancel) {
    return Cancellation.withCancel(spec, cancel);
  }

  /** What a trainer reports for a trial the cancel stopped after its first epoch. */
  private static TrialResult stoppedByCancel(TrialRequest r) {
    TrialResult result = result(r, 6.5);
    result.setStatus(TrialStatus.PRUNED);
    result.setEpochsRun(1);
    result.setStopRule(Cancellation.RULE);
    result.setStopStep(1);
    result.setStopReason(Cancellation.stopReason(CANCEL));
    return result;
  }

  private static String reason(ProducerRecord<byte[], byte[]> r) {
    return new String(r.headers().lastHeader(Topics.DLQ_REASON).value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldReportTheStudyCancelledInTheTransactionOfItsHeaderAndIssueNothingMore() {
    // Given a study of 6 trials, 2 at a time, with 2 in flight
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 6, 2);
    h.spec(spec);
    h.then(() -> h.assign(0)).idle(1);
    // When it is cancelled, and one of its trials then reports stopped by the cancel
    h.then(() -> h.spec(cancelled(spec, CANCEL))).idle(1);
    h.then(() -> h.result(stoppedByCancel(h.requests().get(0)))).idle(1).run();
    // Then the cancel's transaction holds the header, carrying the cancel, and a CANCELLED status
    SuggesterHarness.Transaction cancel = h.transactions.get(1);
    assertThat(cancel.requests()).isEmpty();
    assertThat(cancel.states())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.getTrialId()).isNull();
              assertThat(st.getSpec().getCancel()).isEqualTo(CANCEL);
            });
    assertThat(cancel.statuses())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.getState()).isEqualTo(StudyState.CANCELLED);
              assertThat(st.getMessage()).isEqualTo("cancelled: out of budget");
              assertThat(st.getFinished()).isZero();
            });
    // and the accepted result republishes it, still CANCELLED, with the trial counted
    assertThat(h.statuses())
        .last()
        .satisfies(
            st -> {
              assertThat(st.getState()).isEqualTo(StudyState.CANCELLED);
              assertThat(st.getFinished()).isEqualTo(1);
            });
    assertThat(h.requests()).hasSize(2);
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void shouldComeBackCancelledAndIssueNothingWhenAnotherInstanceRestoresTheStudy() {
    // Given a cancelled study whose partition leaves this instance
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 6, 2);
    h.spec(spec);
    h.then(() -> h.assign(0)).idle(1).then(() -> h.spec(cancelled(spec, CANCEL))).idle(1);
    h.then(() -> h.assign()).idle(1);
    // When it comes back, is restored from the state topic, and a stopped trial reports
    h.then(() -> h.assign(0)).idle(2);
    h.then(() -> h.result(stoppedByCancel(h.requests().get(1)))).idle(1).run();
    // Then it is still cancelled: nothing more is issued, the result is accepted and reported
    assertThat(h.requests()).hasSize(2);
    assertThat(h.deadLetters()).isEmpty();
    assertThat(h.statuses())
        .last()
        .satisfies(
            st -> {
              assertThat(st.getState()).isEqualTo(StudyState.CANCELLED);
              assertThat(st.getFinished()).isEqualTo(1);
            });
  }

  @Test
  void shouldReissueTheUnrunTrialsAndCompleteWhenTheStudyIsResumed() {
    // Given a cancelled study of 3 trials, 2 at a time: one reported its stop, one never ran
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 3, 2);
    h.spec(spec);
    h.then(() -> h.assign(0)).then(() -> h.claim(claim(h.requests().get(0), ClaimEvent.CLAIMED)));
    h.then(() -> h.spec(cancelled(spec, CANCEL))).idle(1);
    h.then(() -> h.result(stoppedByCancel(h.requests().get(0)))).idle(1);
    // When it is resumed, and every trial then issued completes
    h.then(() -> h.spec(cancelled(spec, null))).idle(1);
    h.then(() -> h.requests().stream().skip(2).forEach(r -> h.result(result(r, 1.0)))).idle(2);
    h.then(() -> h.requests().stream().skip(4).forEach(r -> h.result(result(r, 2.0)))).idle(1);
    h.run();
    // Then the unrun trial was issued again as attempt 2, a third trial was issued, and the study
    // went RUNNING, then COMPLETED with its 3 trials
    assertThat(h.requests())
        .extracting(r -> r.getTrialNumber() + "#" + r.getAttempt())
        .containsExactly("0#1", "1#1", "1#2", "2#1");
    assertThat(h.statuses())
        .extracting(StudyStatus::getState)
        .containsSubsequence(StudyState.CANCELLED, StudyState.RUNNING, StudyState.COMPLETED)
        .endsWith(StudyState.COMPLETED);
    assertThat(h.statuses()).last().extracting(StudyStatus::getFinished).isEqualTo(3);
    assertThat(
            h.registry
                .get("streamtune.suggester.trials.reissued")
                .tags("study", s, "reason", "resumed")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void shouldWriteTheLossOfAnAttemptWhoseLeaseLapsedWhileItsStudyWasCancelled() {
    // Given a cancelled study whose claimed trial's trainer then falls silent
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 4, 1);
    h.spec(spec);
    h.then(() -> h.assign(0)).then(() -> h.claim(claim(h.requests().get(0), ClaimEvent.CLAIMED)));
    h.then(() -> h.spec(cancelled(spec, CANCEL))).idle(1);
    // When its lease lapses
    h.later(SuggesterConfig.DEFAULT_LEASE.toMillis() + 1).idle(1).run();
    // Then no next attempt is issued, but the lost attempt is written to the trial's state record
    assertThat(h.requests()).hasSize(1);
    assertThat(h.transactions.get(h.transactions.size() - 1).states())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.getTrialId()).isEqualTo(s + "-t0000");
              assertThat(st.getLost()).isEqualTo(1);
            });
  }

  @Test
  void shouldDeadLetterAResultStoppedByACancelWhenTheStudyIsRunning() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(spec(s, 4, 1));
    h.then(() -> h.assign(0)).then(() -> h.result(stoppedByCancel(h.requests().get(0))));
    h.idle(1).run();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(r -> assertThat(reason(r)).contains("the study was not cancelled"));
    assertThat(h.statuses()).extracting(StudyStatus::getState).containsOnly(StudyState.RUNNING);
  }

  @Test
  void shouldRecordAndReportAStudyThatArrivesCancelledWithoutIssuingAnything() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    h.spec(cancelled(spec(s, 4, 2), new CancelRequest(5L, "", "")));
    h.then(() -> h.assign(0)).idle(1).run();
    assertThat(h.requests()).isEmpty();
    assertThat(h.transactions.get(0).states())
        .extracting(SuggesterState::getTrialId)
        .containsExactly((String) null);
    assertThat(h.statuses())
        .singleElement()
        .satisfies(
            st -> {
              assertThat(st.getState()).isEqualTo(StudyState.CANCELLED);
              assertThat(st.getMessage()).isEqualTo("cancelled");
            });
  }

  @Test
  void shouldKeepACompletedStudyCompletedWhenItIsCancelledAfterwards() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 1, 1);
    h.spec(spec);
    h.then(() -> h.assign(0)).then(() -> h.result(result(h.requests().get(0), 1.0))).idle(1);
    h.then(() -> h.spec(cancelled(spec, CANCEL))).idle(1).run();
    assertThat(h.statuses()).extracting(StudyStatus::getState).endsWith(StudyState.COMPLETED);
    assertThat(h.statuses()).noneMatch(st -> st.getState() == StudyState.CANCELLED);
    assertThat(h.deadLetters()).isEmpty();
  }

  @Test
  void shouldRetireACancelledStudysMetersLikeAFinishedOnesAndBringThemBackWhenResumed() {
    // Given a study cancelled long enough for its meters to be removed
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 4, 1);
    h.spec(spec);
    h.then(() -> h.assign(0)).then(() -> h.spec(cancelled(spec, CANCEL))).idle(1);
    h.then(() -> h.clock.add(SuggesterConfig.DEFAULT_STUDY_METRICS_GRACE)).idle(1);
    boolean[] goneWhileCancelled = new boolean[1];
    h.then(
        () ->
            goneWhileCancelled[0] =
                h.registry.find("streamtune.study.trials.pending").tag("study", s).gauge() == null);
    // When it is resumed
    h.then(() -> h.spec(cancelled(spec, null))).idle(1);
    h.then(() -> h.clock.add(Duration.ofSeconds(1))).idle(1).run();
    // Then its meters were removed while it was cancelled, and are back now that it runs
    assertThat(goneWhileCancelled[0]).isTrue();
    assertThat(h.registry.find("streamtune.study.trials.pending").tag("study", s).gauge())
        .isNotNull();
  }

  @Test
  void shouldDeadLetterASpecUnderARunningStudysIdWhenOnlyItsEarlyStopDiffers() {
    // early_stop decides how trials run, so such a spec is another study, even with a cancel
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 4, 1);
    h.spec(spec);
    StudySpec patient = cancelled(spec(s, 4, 1), CANCEL);
    patient.setEarlyStop(new EarlyStopSpec(2, 0.0, false));
    h.then(() -> h.assign(0)).then(() -> h.spec(patient)).idle(1).run();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(r -> assertThat(reason(r)).contains("already exists with another spec"));
    assertThat(h.statuses()).extracting(StudyStatus::getState).containsOnly(StudyState.RUNNING);
  }

  @Test
  void shouldDeadLetterACancelWhoseReasonIsBeyondTheLimitAndKeepTheStudyRunning() {
    String s = studyOn(0, "s");
    SuggesterHarness h = new SuggesterHarness();
    StudySpec spec = spec(s, 4, 1);
    h.spec(spec);
    StudySpec tooLong = cancelled(spec, new CancelRequest(5L, "x".repeat(1001), ""));
    h.then(() -> h.assign(0)).then(() -> h.spec(tooLong)).idle(1).run();
    assertThat(h.deadLetters())
        .singleElement()
        .satisfies(r -> assertThat(reason(r)).contains("cancel.reason: at most 1000 characters"));
    assertThat(h.statuses()).extracting(StudyStatus::getState).containsOnly(StudyState.RUNNING);
    List<TrialRequest> issued = h.requests();
    assertThat(issued).hasSize(1);
  }
}
