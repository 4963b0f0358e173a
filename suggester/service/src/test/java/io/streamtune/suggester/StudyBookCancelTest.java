package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.optimizer.ObservationLog;
import io.streamtune.optimizer.RandomSearch;
import io.streamtune.spec.Cancellation;
import io.streamtune.spec.StudySpecParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A study cancelled and resumed, as its book sees it: nothing is issued while it is cancelled, the
 * attempts in flight still report, and a resume runs it to {@code n_trials} without counting the
 * trials the cancel left unrun as lost.
 */
class StudyBookCancelTest {

  private static final long LEASE = 10_000;
  private static final CancelRequest CANCEL = new CancelRequest(5L, "budget", "alice");

  private static StudySpec spec(int nTrials, int parallelism) {
    return StudySpecParser.parse(
        """
        study: halt
        objective: {name: command, options: {cmd: ./train}}
        n_trials: %d
        parallelism: %d
        max_epochs: 5
        space:
          x1: {type: real, low: -5, high: 10}
        algorithm: {name: random, seed: 11}
        """
            .formatted(nTrials, parallelism));
  }

  private static TrialClaim claim(TrialRequest r, ClaimEvent event) {
    return TrialClaim.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setAttempt(r.getAttempt())
        .setEvent(event)
        .setWorker("w1")
        .build();
  }

  private static TrialResult completed(TrialRequest r, double value) {
    return result(r, TrialStatus.COMPLETED, value, r.getMaxEpochs(), "");
  }

  /** What a trainer reports for a trial the cancel stopped after {@code epochs} epochs. */
  private static TrialResult cancelled(TrialRequest r, Double value, int epochs) {
    TrialResult result = result(r, TrialStatus.PRUNED, value, epochs, Cancellation.RULE);
    result.setStopStep(epochs);
    result.setStopReason(Cancellation.stopReason(CANCEL));
    return result;
  }

  private static TrialResult result(
      TrialRequest r, TrialStatus status, Double value, int epochs, String stopRule) {
    return TrialResult.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setParams(r.getParams())
        .setAttempt(r.getAttempt())
        .setStatus(status)
        .setValue(value)
        .setEpochsRun(epochs)
        .setMaxEpochs(r.getMaxEpochs())
        .setStopRule(stopRule)
        .build();
  }

  private static StudyBook.SpecChange cancel(StudyBook book, List<TrialRequest> reissued) {
    return book.onSpec(Cancellation.withCancel(book.spec(), CANCEL), 100, reissued);
  }

  private static StudyBook.SpecChange resume(StudyBook book, List<TrialRequest> reissued) {
    return book.onSpec(Cancellation.withCancel(book.spec(), null), 200, reissued);
  }

  /** The pending-trial record the book would write now for {@code trialId}. */
  private static SuggesterState stateOf(StudyBook book, String trialId) {
    return book.changes().stream()
        .filter(s -> trialId.equals(s.getTrialId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldIssueNothingAndHoldGivenBackOrLapsedAttemptsWhenTheStudyIsCancelled() {
    // Given two trials in flight, one claimed, one not yet
    StudyBook book = new StudyBook(spec(6, 2));
    List<TrialRequest> first = book.topUp(0, 0, LEASE);
    List<TrialRequest> reissued = new ArrayList<>();
    book.onClaim(claim(first.get(0), ClaimEvent.CLAIMED), 0, reissued);
    // When the study is cancelled
    assertThat(cancel(book, reissued)).isEqualTo(StudyBook.SpecChange.CANCELLED);
    // Then no new trial is issued, and neither a release nor a lapsed lease issues a next attempt
    assertThat(book.cancelled()).isTrue();
    assertThat(book.active()).isFalse();
    assertThat(book.topUp(1, 0, LEASE)).isEmpty();
    book.onClaim(claim(first.get(1), ClaimEvent.CLAIMED), 1, reissued);
    assertThat(book.onClaim(claim(first.get(1), ClaimEvent.RELEASED), 2, reissued))
        .isEqualTo(StudyBook.Verdict.ACCEPTED);
    assertThat(book.expireLeases(10 * LEASE, 3, reissued)).isEmpty();
    assertThat(reissued).isEmpty();
    // and the lapse still counts as a lost attempt, in the trial's state record
    assertThat(stateOf(book, first.get(0).getTrialId()).getLost()).isEqualTo(1);
    assertThat(book.expireLeases(100 * LEASE, 3, reissued))
        .as("a held attempt never lapses")
        .isEmpty();
    assertThat(book.pendingCount()).isEqualTo(2);
  }

  @Test
  void shouldAcceptTheResultsOfAttemptsInFlightWithoutLearningFromThemWhenTheStudyIsCancelled() {
    // Given a study whose optimizer the test watches, with two trials in flight
    RandomSearch optimizer = new RandomSearch(SpecMapping.space(spec(6, 2)), 11);
    ObservationLog log = optimizer.log();
    StudyBook book = new StudyBook(spec(6, 2), optimizer);
    List<TrialRequest> first = book.topUp(0, 0, LEASE);
    cancel(book, new ArrayList<>());
    // When one reports stopped at epoch 2 by the cancel, and one before its first epoch
    TrialResult atTwo = cancelled(first.get(0), 7.5, 2);
    TrialResult atNone = cancelled(first.get(1), null, 0);
    // Then both are accepted and counted, and neither value is told to the optimizer or is best
    assertThat(book.onResult(atTwo)).isEqualTo(StudyBook.Verdict.ACCEPTED);
    assertThat(book.onResult(atNone)).isEqualTo(StudyBook.Verdict.ACCEPTED);
    assertThat(book.finishedCount()).isEqualTo(2);
    assertThat(log.size()).isZero();
    assertThat(log.pending()).isEmpty();
    assertThat(book.bestTrial()).isNull();
  }

  @Test
  void shouldRefuseAResultStoppedByACancelWhenTheStudyWasNeverCancelled() {
    StudyBook book = new StudyBook(spec(6, 2));
    TrialRequest r = book.topUp(0, 0, LEASE).get(0);
    assertThat(book.onResult(cancelled(r, 7.5, 2))).isEqualTo(StudyBook.Verdict.INVALID);
    assertThat(book.lastProblem())
        .isEqualTo(
            "stop_rule 'cancelled' but the study was not cancelled while attempt 1 was current");
    assertThat(book.finishedCount()).isZero();
  }

  @Test
  void shouldRunToNTrialsAndReissueTheTrialsTheCancelLeftUnrunWithoutALossWhenResumed() {
    // Given 7 trials, 2 at a time: one claimed, one never claimed when the study is cancelled
    StudyBook book = new StudyBook(spec(7, 2));
    List<TrialRequest> first = book.topUp(0, 0, LEASE);
    List<TrialRequest> reissued = new ArrayList<>();
    book.onClaim(claim(first.get(0), ClaimEvent.CLAIMED), 0, reissued);
    cancel(book, reissued);
    assertThat(book.onResult(cancelled(first.get(0), 3.0, 1)))
        .isEqualTo(StudyBook.Verdict.ACCEPTED);
    // When it is resumed
    assertThat(resume(book, reissued)).isEqualTo(StudyBook.SpecChange.RESUMED);
    // Then the unrun trial is issued again as attempt 2, with no attempt counted as lost
    assertThat(reissued)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getTrialId()).isEqualTo(first.get(1).getTrialId());
              assertThat(r.getAttempt()).isEqualTo(2);
              assertThat(r.getRequestedAt()).isEqualTo(200);
            });
    assertThat(stateOf(book, first.get(1).getTrialId()).getLost()).isZero();
    // and with max attempts 2 a lapse of attempt 2 issues attempt 3 rather than giving up
    book.onClaim(claim(reissued.get(0), ClaimEvent.CLAIMED), 300, new ArrayList<>());
    List<TrialRequest> third = new ArrayList<>();
    assertThat(book.expireLeases(300 + LEASE + 1, 2, third)).isEmpty();
    assertThat(third).singleElement().extracting(TrialRequest::getAttempt).isEqualTo(3);
    // and the study then runs to exactly 7 accepted results, at parallelism 2, in any order
    List<TrialRequest> inFlight = new ArrayList<>(third);
    Set<String> ids = new HashSet<>(List.of(first.get(0).getTrialId(), first.get(1).getTrialId()));
    for (TrialRequest r : book.topUp(400, 0, LEASE)) {
      assertThat(ids.add(r.getTrialId())).isTrue();
      inFlight.add(r);
    }
    Random random = new Random(5);
    while (!inFlight.isEmpty()) {
      assertThat(inFlight.size()).isLessThanOrEqualTo(2);
      TrialRequest done = inFlight.remove(random.nextInt(inFlight.size()));
      assertThat(book.onResult(completed(done, random.nextDouble())))
          .isEqualTo(StudyBook.Verdict.ACCEPTED);
      for (TrialRequest r : book.topUp(500, 0, LEASE)) {
        assertThat(ids.add(r.getTrialId())).as("%s issued twice", r.getTrialId()).isTrue();
        inFlight.add(r);
      }
    }
    assertThat(book.done()).isTrue();
    assertThat(book.finishedCount()).isEqualTo(7);
    assertThat(ids).hasSize(7);
  }

  @Test
  void shouldLetAnAttemptStillRunningAtTheResumeReportItsCancelWhenItsTrainerSawIt() {
    // Given a claimed trial whose trainer has not yet reported when the study is resumed
    StudyBook book = new StudyBook(spec(6, 1));
    TrialRequest r = book.topUp(0, 0, LEASE).get(0);
    List<TrialRequest> reissued = new ArrayList<>();
    book.onClaim(claim(r, ClaimEvent.CLAIMED), 0, reissued);
    cancel(book, reissued);
    resume(book, reissued);
    // When its result, stopped by the cancel, comes after the resume
    // Then it keeps its attempt and the result is accepted
    assertThat(reissued).isEmpty();
    assertThat(book.onResult(cancelled(r, 4.0, 1))).isEqualTo(StudyBook.Verdict.ACCEPTED);
    assertThat(book.topUp(10, 0, LEASE))
        .singleElement()
        .extracting(TrialRequest::getTrialNumber)
        .isEqualTo(1);
  }

  @Test
  void shouldChangeNothingWhenACompletedStudyIsCancelledOrTheSameStandingArrivesAgain() {
    // Given a study that is done
    StudyBook book = new StudyBook(spec(1, 1));
    TrialRequest r = book.topUp(0, 0, LEASE).get(0);
    book.onResult(completed(r, 1.0));
    List<TrialRequest> reissued = new ArrayList<>();
    // When it is cancelled, or its spec arrives again as it is
    // Then nothing changes: it stays done and not cancelled
    assertThat(cancel(book, reissued)).isEqualTo(StudyBook.SpecChange.NONE);
    assertThat(book.onSpec(book.spec(), 1, reissued)).isEqualTo(StudyBook.SpecChange.NONE);
    assertThat(book.cancelled()).isFalse();
    assertThat(StateRecords.status(book, 1).getState().name()).isEqualTo("COMPLETED");
    // and a running study cancelled twice with the same cancel changes once
    StudyBook running = new StudyBook(spec(3, 1));
    assertThat(cancel(running, reissued)).isEqualTo(StudyBook.SpecChange.CANCELLED);
    assertThat(cancel(running, reissued)).isEqualTo(StudyBook.SpecChange.NONE);
    assertThat(reissued).isEmpty();
  }

  @Test
  void shouldComeBackCancelledWithItsAttemptsStillAnsweringWhenRestoredFromItsStateRecords() {
    // Given a cancelled study with a trial in flight, as one instance wrote it
    StudyBook book = new StudyBook(spec(6, 1));
    TrialRequest r = book.topUp(0, 0, LEASE).get(0);
    List<SuggesterState> written = new ArrayList<>(book.changes());
    cancel(book, new ArrayList<>());
    written.addAll(book.changes());
    // When another instance restores it from those records
    Map<String, SuggesterState> latest = new LinkedHashMap<>();
    written.forEach(s -> latest.put(StateRecords.key(s), s));
    SuggesterState header = latest.get("halt");
    StudyBook restored = new StudyBook(header.getSpec());
    restored.restoreHeader(header);
    latest.values().stream().filter(s -> s.getTrialId() != null).forEach(restored::restoreTrial);
    // Then it is cancelled, issues nothing, and still accepts the cancelled trial's result
    assertThat(restored.cancelled()).isTrue();
    assertThat(restored.spec().getCancel()).isEqualTo(CANCEL);
    assertThat(restored.topUp(10, 0, LEASE)).isEmpty();
    assertThat(restored.onResult(cancelled(r, 2.0, 1))).isEqualTo(StudyBook.Verdict.ACCEPTED);
    assertThat(StateRecords.status(restored, 11).getMessage()).isEqualTo("cancelled: budget");
  }
}
