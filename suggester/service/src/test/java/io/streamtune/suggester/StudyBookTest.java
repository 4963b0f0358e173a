package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.optimizer.BayesianOptimizer;
import io.streamtune.optimizer.ObservationLog;
import io.streamtune.optimizer.Optimizers;
import io.streamtune.optimizer.RandomSearch;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.StudySpecParser;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StudyBookTest {

  private static StudySpec spec(int nTrials, int parallelism, String direction, String algorithm) {
    return StudySpecParser.parse(
        """
        study: book
        objective: {name: command, options: {cmd: ./train}} # any parameters
        metric: {name: loss, direction: %s}
        n_trials: %d
        parallelism: %d
        max_epochs: 5
        space:
          x1: {type: real, low: -5, high: 10}
          n: {type: integer, low: 1, high: 1000}
          act: {type: categorical, values: [relu, tanh, gelu]}
        algorithm: {name: %s, seed: 11}
        """
            .formatted(direction, nTrials, parallelism, algorithm));
  }

  private static StudySpec spec(int nTrials, int parallelism) {
    return spec(nTrials, parallelism, "minimize", "random");
  }

  private static final long LEASE = 10_000;

  private static List<TrialRequest> topUp(StudyBook book, long now) {
    return book.topUp(now, 0, LEASE);
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

  /** A book rebuilt, as a new suggester instance would, from the state records another wrote. */
  private static StudyBook restored(StudySpec spec, List<SuggesterState> written, long now) {
    Map<String, SuggesterState> latest = new LinkedHashMap<>();
    written.forEach(s -> latest.put(StateRecords.key(s), s));
    StudyBook book = new StudyBook(spec);
    latest.values().stream().filter(s -> s.getTrialId() == null).forEach(book::restoreHeader);
    latest.values().stream().filter(s -> s.getTrialId() != null).forEach(book::restoreTrial);
    book.resetLeases(now);
    return book;
  }

  private static TrialResult result(TrialRequest r, TrialStatus status, Double value) {
    return TrialResult.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setParams(r.getParams())
        .setAttempt(r.getAttempt())
        .setStatus(status)
        .setValue(value)
        .setEpochsRun(status == TrialStatus.FAILED ? 0 : r.getMaxEpochs())
        .setMaxEpochs(r.getMaxEpochs())
        .setError(status == TrialStatus.FAILED ? "boom" : null)
        .build();
  }

  /** A book around a random search the test keeps, to see what the book told it. */
  private record Observed(StudyBook book, ObservationLog log) {
    static Observed of(StudySpec spec) {
      RandomSearch optimizer = new RandomSearch(SpecMapping.space(spec), 11);
      return new Observed(new StudyBook(spec, optimizer), optimizer.log());
    }
  }

  @Test
  void shouldIssueParallelismRequestsWithUniqueIdsWhenFirstToppedUp() {
    // Given a study with parallelism 3
    StudyBook book = new StudyBook(spec(10, 3));
    // When
    List<TrialRequest> first = book.topUp(1000L, 1, LEASE);
    // Then
    assertThat(first)
        .extracting(TrialRequest::getTrialId)
        .containsExactly("book-t0000", "book-t0001", "book-t0002");
    assertThat(first).extracting(TrialRequest::getTrialNumber).containsExactly(0, 1, 2);
    assertThat(first)
        .allSatisfy(
            r -> {
              assertThat(r.getStudyId()).isEqualTo("book");
              assertThat(r.getMaxEpochs()).isEqualTo(5);
              assertThat(r.getRequestedAt()).isEqualTo(1000L);
              assertThat(r.getAttempt()).isEqualTo(1);
              assertThat(r.getStudyPartition()).isEqualTo(1);
              assertThat(r.getLeaseMs()).isEqualTo(LEASE);
              assertThat(r.getParams()).containsOnlyKeys("x1", "n", "act");
              assertThat(r.getParams().get("n")).isInstanceOf(Long.class);
              assertThat(r.getParams().get("x1")).isInstanceOf(Double.class);
              assertThat(r.getParams().get("act")).isInstanceOf(String.class);
            });
    assertThat(topUp(book, 1001L)).as("nothing is free until a result arrives").isEmpty();
    assertThat(book.pendingCount()).isEqualTo(3);
  }

  @Test
  void shouldNeverIssueMoreThanNTrialsWhenResultsArriveInAnyOrder() {
    // Given 7 trials, 3 at a time, results arriving in a seeded random order
    StudyBook book = new StudyBook(spec(7, 3));
    Random random = new Random(3);
    List<TrialRequest> inFlight = new ArrayList<>(topUp(book, 0));
    Set<String> issued = new HashSet<>();
    inFlight.forEach(r -> issued.add(r.getTrialId()));
    // When the study runs to its end
    while (!inFlight.isEmpty()) {
      TrialRequest done = inFlight.remove(random.nextInt(inFlight.size()));
      assertThat(book.onResult(result(done, TrialStatus.COMPLETED, random.nextDouble())))
          .isEqualTo(StudyBook.Verdict.ACCEPTED);
      for (TrialRequest r : topUp(book, 1)) {
        assertThat(issued.add(r.getTrialId()))
            .as("trial id %s issued twice", r.getTrialId())
            .isTrue();
        inFlight.add(r);
      }
      assertThat(book.pendingCount()).isLessThanOrEqualTo(3);
    }
    // Then exactly n_trials were issued and the book is done
    assertThat(issued).hasSize(7);
    assertThat(book.done()).isTrue();
    assertThat(topUp(book, 2)).isEmpty();
    assertThat(book.changes())
        .filteredOn(s -> s.getTrialId() == null)
        .last()
        .satisfies(header -> assertThat(header.getDone()).isTrue());
  }

  @Test
  void shouldChangeNothingWhenResultIsDuplicated() {
    // Given a result already applied
    StudyBook book = new StudyBook(spec(5, 2));
    List<TrialRequest> requests = topUp(book, 0);
    TrialResult r = result(requests.get(0), TrialStatus.COMPLETED, 1.5);
    assertThat(book.onResult(r)).isEqualTo(StudyBook.Verdict.ACCEPTED);
    book.changes();
    int finished = book.finishedCount();
    // When it arrives again
    StudyBook.Verdict verdict = book.onResult(r);
    // Then
    assertThat(verdict).isEqualTo(StudyBook.Verdict.DUPLICATE);
    assertThat(book.changes()).isEmpty();
    assertThat(book.finishedCount()).isEqualTo(finished);
  }

  @Test
  void shouldCountFailedTrialsWithoutTellingOptimizerWhenResultIsFailed() {
    // Given two trials in flight
    Observed observed = Observed.of(spec(2, 2));
    StudyBook book = observed.book();
    List<TrialRequest> requests = topUp(book, 0);
    ObservationLog log = observed.log();
    // When one fails and one completes
    book.onResult(result(requests.get(0), TrialStatus.FAILED, null));
    book.onResult(result(requests.get(1), TrialStatus.COMPLETED, 2.0));
    // Then both count towards n_trials, only the completed one is learned from, nothing stays
    // pending
    assertThat(book.finishedCount()).isEqualTo(2);
    assertThat(book.done()).isTrue();
    assertThat(log.size()).isEqualTo(1);
    assertThat(log.ys()).containsExactly(2.0);
    assertThat(log.pending()).isEmpty();
    assertThat(topUp(book, 1)).isEmpty();
  }

  @Test
  void shouldBeDoneOnlyAfterNTrialsDistinctResults() {
    StudyBook book = new StudyBook(spec(3, 3));
    List<TrialRequest> requests = topUp(book, 0);
    book.onResult(result(requests.get(0), TrialStatus.COMPLETED, 1.0));
    book.onResult(result(requests.get(0), TrialStatus.COMPLETED, 1.0));
    TrialResult pruned = result(requests.get(1), TrialStatus.PRUNED, 3.0);
    pruned.setEpochsRun(2);
    book.onResult(pruned);
    assertThat(book.done()).isFalse();
    book.onResult(result(requests.get(2), TrialStatus.COMPLETED, 2.0));
    assertThat(book.done()).isTrue();
  }

  @Test
  void shouldRestoreFromItsOwnStateRecordsWithoutReissuingOrForgettingAnything() {
    // Given a book that issued trials 0..2, got result 0 (the best), issued 3, and wrote its state
    StudySpec spec = spec(10, 3);
    StudyBook before = new StudyBook(spec);
    List<SuggesterState> written = new ArrayList<>();
    List<TrialRequest> first = topUp(before, 0);
    written.addAll(before.changes());
    before.onResult(result(first.get(0), TrialStatus.COMPLETED, 1.0));
    TrialRequest t3 = topUp(before, 1).get(0);
    written.addAll(before.changes());
    // When another instance restores it from those records alone
    StudyBook after = restored(spec, written, 5);
    // Then trials 1, 2 and 3 are in flight, 0 is finished and the best, and numbering goes on
    assertThat(after.pendingCount()).isEqualTo(3);
    assertThat(after.current(t3.getTrialId())).isEqualTo(t3);
    assertThat(after.finishedCount()).isEqualTo(1);
    assertThat(after.bestTrial()).isEqualTo(first.get(0).getTrialId());
    assertThat(after.onResult(result(first.get(0), TrialStatus.COMPLETED, 1.0)))
        .isEqualTo(StudyBook.Verdict.DUPLICATE);
    assertThat(after.onResult(result(first.get(1), TrialStatus.COMPLETED, 0.5)))
        .isEqualTo(StudyBook.Verdict.ACCEPTED);
    assertThat(topUp(after, 6)).extracting(TrialRequest::getTrialNumber).containsExactly(4);
    assertThat(after.changes())
        .as("what was restored is not written again")
        .extracting(SuggesterState::getTrialId)
        .containsExactlyInAnyOrder(null, first.get(1).getTrialId(), "book-t0004");
  }

  @Test
  void shouldWriteOneSmallStateRecordPerTrialWhenAStudyIsLarge() {
    // Given a study with a thousand trials in flight
    StudyBook book = new StudyBook(spec(5000, 1000));
    // When they are issued
    topUp(book, 0);
    List<SuggesterState> records = book.changes();
    // Then state grows in records, never in record size
    assertThat(records).hasSize(1001);
    assertThat(records)
        .allSatisfy(
            s ->
                assertThat(SuggesterHarness.encode(Topics.SUGGESTER_STATE, s))
                    .hasSizeLessThan(4096));
  }

  @Test
  void shouldNegateValueForOptimizerWhenMetricIsMaximized() {
    Observed max = Observed.of(spec(4, 1, "maximize", "random"));
    Observed min = Observed.of(spec(4, 1, "minimize", "random"));
    TrialRequest rMax = topUp(max.book(), 0).get(0);
    TrialRequest rMin = topUp(min.book(), 0).get(0);
    max.book().onResult(result(rMax, TrialStatus.COMPLETED, 0.8));
    min.book().onResult(result(rMin, TrialStatus.COMPLETED, 0.8));
    assertThat(max.log().ys()).containsExactly(-0.8);
    assertThat(min.log().ys()).containsExactly(0.8);
  }

  @Test
  void shouldRejectAResultThatNoRequestOfTheStudyCouldHaveCaused() {
    // Given a trial in flight
    StudyBook book = new StudyBook(spec(3, 1));
    TrialRequest r = topUp(book, 0).get(0);
    // When results arrive with other parameters, for a trial never issued, for an attempt never
    // issued, and with a value a completed trial cannot have
    TrialResult otherParams = result(r, TrialStatus.COMPLETED, 1.0);
    Map<String, Object> params = new LinkedHashMap<>(r.getParams());
    params.put("n", 5L);
    otherParams.setParams(params);
    TrialResult neverIssued = result(r, TrialStatus.COMPLETED, 1.0);
    neverIssued.setTrialId("book-t1000");
    neverIssued.setTrialNumber(1000);
    TrialResult laterAttempt = result(r, TrialStatus.COMPLETED, 1.0);
    laterAttempt.setAttempt(2);
    TrialResult nan = result(r, TrialStatus.COMPLETED, Double.NaN);
    // Then each is invalid, with the reason, and the study is unchanged
    assertThat(book.onResult(otherParams)).isEqualTo(StudyBook.Verdict.INVALID);
    assertThat(book.lastProblem()).contains("params");
    assertThat(book.onResult(neverIssued)).isEqualTo(StudyBook.Verdict.INVALID);
    assertThat(book.lastProblem()).contains("never issued");
    assertThat(book.onResult(laterAttempt)).isEqualTo(StudyBook.Verdict.INVALID);
    assertThat(book.lastProblem()).contains("attempt 2");
    assertThat(book.onResult(nan)).isEqualTo(StudyBook.Verdict.INVALID);
    assertThat(book.lastProblem()).contains("finite value");
    assertThat(book.finishedCount()).isZero();
    assertThat(book.onResult(result(r, TrialStatus.COMPLETED, 1.0)))
        .isEqualTo(StudyBook.Verdict.ACCEPTED);
  }

  @Test
  void shouldReissueAsTheNextAttemptWithoutCountingALossWhenTheHolderReleasesIt() {
    StudyBook book = new StudyBook(spec(3, 1));
    TrialRequest r = topUp(book, 0).get(0);
    List<TrialRequest> reissued = new ArrayList<>();
    assertThat(book.onClaim(claim(r, ClaimEvent.CLAIMED), 10, reissued))
        .isEqualTo(StudyBook.Verdict.ACCEPTED);
    // When the holder gives it back
    assertThat(book.onClaim(claim(r, ClaimEvent.RELEASED), 20, reissued))
        .isEqualTo(StudyBook.Verdict.ACCEPTED);
    // Then attempt 2 is issued, and attempt 1's late result is superseded
    assertThat(reissued)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.getAttempt()).isEqualTo(2);
              assertThat(n.getParams()).isEqualTo(r.getParams());
              assertThat(n.getRequestedAt()).isEqualTo(20);
            });
    assertThat(book.onResult(result(r, TrialStatus.COMPLETED, 1.0)))
        .isEqualTo(StudyBook.Verdict.SUPERSEDED);
    assertThat(book.onResult(result(reissued.get(0), TrialStatus.COMPLETED, 1.0)))
        .isEqualTo(StudyBook.Verdict.ACCEPTED);
    assertThat(book.expireLeases(Long.MAX_VALUE, 1, new ArrayList<>())).isEmpty();
  }

  @Test
  void shouldReissueWhenALeaseLapsesAndGiveUpAfterMaxLostAttempts() {
    StudyBook book = new StudyBook(spec(3, 1));
    TrialRequest r = topUp(book, 0).get(0);
    List<TrialRequest> reissued = new ArrayList<>();
    // An issued but unclaimed trial never lapses: nobody holds it yet
    assertThat(book.expireLeases(10 * LEASE, 2, reissued)).isEmpty();
    assertThat(reissued).isEmpty();
    // When attempt 1 is claimed and its trainer falls silent for longer than the lease
    book.onClaim(claim(r, ClaimEvent.CLAIMED), 0, reissued);
    book.onClaim(claim(r, ClaimEvent.RENEWED), LEASE, reissued);
    assertThat(book.expireLeases(2 * LEASE, 2, reissued)).isEmpty();
    assertThat(reissued).isEmpty();
    assertThat(book.expireLeases(2 * LEASE + 1, 2, reissued)).isEmpty();
    // Then attempt 2 is issued
    assertThat(reissued).singleElement().extracting(TrialRequest::getAttempt).isEqualTo(2);
    // and when attempt 2 lapses too, the trial is given up FAILED with the reason
    book.onClaim(claim(reissued.get(0), ClaimEvent.CLAIMED), 3 * LEASE, new ArrayList<>());
    List<TrialResult> givenUp = book.expireLeases(5 * LEASE, 2, new ArrayList<>());
    assertThat(givenUp)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getStatus()).isEqualTo(TrialStatus.FAILED);
              assertThat(f.getAttempt()).isEqualTo(2);
              assertThat(f.getWorker()).isEqualTo("suggester");
              assertThat(f.getError()).contains("gave up after 2 attempt(s)");
            });
    assertThat(book.finishedCount()).isEqualTo(1);
    assertThat(book.onResult(givenUp.get(0))).isEqualTo(StudyBook.Verdict.DUPLICATE);
  }

  @Test
  void shouldIgnoreClaimsOfOldAttemptsAndRejectClaimsNobodyWasIssued() {
    StudyBook book = new StudyBook(spec(3, 1));
    TrialRequest r = topUp(book, 0).get(0);
    List<TrialRequest> reissued = new ArrayList<>();
    book.onClaim(claim(r, ClaimEvent.RELEASED), 0, reissued);
    assertThat(book.onClaim(claim(r, ClaimEvent.RENEWED), 1, reissued))
        .isEqualTo(StudyBook.Verdict.SUPERSEDED);
    TrialClaim forged = claim(r, ClaimEvent.CLAIMED);
    forged.setTrialId("book-t0099");
    assertThat(book.onClaim(forged, 1, reissued)).isEqualTo(StudyBook.Verdict.INVALID);
    assertThat(reissued).hasSize(1);
  }

  @Test
  void shouldConditionOnTheKeptHyperparametersWithoutFittingWhenAGpStudyIsRestored() {
    // Given a GP study that ran 30 trials one at a time and wrote its state
    StudySpec spec = spec(40, 1, "minimize", "gp");
    StudyBook before = new StudyBook(spec);
    List<SuggesterState> written = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      TrialRequest r = topUp(before, i).get(0);
      written.addAll(before.changes());
      Map<String, Object> p = r.getParams();
      double x1 = ((Number) p.get("x1")).doubleValue();
      double n = ((Number) p.get("n")).doubleValue();
      double v =
          (x1 - 2) * (x1 - 2)
              + Math.pow(Math.log(n) - 3, 2)
              + ("relu".equals(p.get("act")) ? 0 : 1);
      before.onResult(result(r, TrialStatus.COMPLETED, v));
    }
    written.addAll(before.changes());
    assertThat(written.stream().filter(s -> s.getTrialId() == null).reduce((a, b) -> b))
        .get()
        .satisfies(h -> assertThat(h.getModel()).isNotNull());
    // When another instance restores it and asks for the next trial
    BayesianOptimizer optimizer =
        (BayesianOptimizer) Optimizers.create(SpecMapping.space(spec), SpecMapping.settings(spec));
    StudyBook after = new StudyBook(spec, optimizer);
    Map<String, SuggesterState> latest = new LinkedHashMap<>();
    written.forEach(s -> latest.put(StateRecords.key(s), s));
    latest.values().stream().filter(s -> s.getTrialId() == null).forEach(after::restoreHeader);
    latest.values().stream().filter(s -> s.getTrialId() != null).forEach(after::restoreTrial);
    assertThat(topUp(after, 100)).extracting(TrialRequest::getTrialNumber).containsExactly(30);
    // Then it conditioned on the kept hyperparameters and fitted none of its own
    assertThat(optimizer.describeModel()).containsEntry("hyperparameterFits", 0);
    assertThat(optimizer.modelState().orElseThrow()).isEqualTo(before.modelState().orElseThrow());
  }

  @Test
  void shouldIssueRequestsWhenAlgorithmIsGp() {
    StudyBook book = new StudyBook(spec(4, 2, "minimize", "gp"));
    assertThat(topUp(book, 0))
        .hasSize(2)
        .extracting(TrialRequest::getTrialId)
        .doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @CsvSource({
    "annealing, gp_hedge, random, algorithm 'annealing' is not available",
    "gp, UCB, random, acqFunc 'UCB' is not available",
    "forest, EI, halton, initialDesign 'halton' is not available"
  })
  void shouldRejectTheSpecWhenTheOptimizerDoesNotAcceptIt(
      String algorithm, String acqFunc, String design, String reason) {
    // Given a spec that passed the parser but names something the optimizer lacks
    StudySpec spec = spec(5, 1, "minimize", "gp");
    spec.getAlgorithm().setName(algorithm);
    spec.getAlgorithm().setAcqFunc(acqFunc);
    spec.getAlgorithm().setInitialDesign(design);
    // When / Then it is an error naming the study and the reason, never another algorithm
    assertThatThrownBy(() -> new StudyBook(spec))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("study book: ")
        .hasMessageContaining(reason);
  }

  @Test
  void shouldFormatTrialIdWithStudyAndPaddedNumber() {
    assertThat(StudyBook.trialId("s", 7)).isEqualTo("s-t0007");
    assertThat(StudyBook.trialId("s", 12345)).isEqualTo("s-t12345");
  }
}
