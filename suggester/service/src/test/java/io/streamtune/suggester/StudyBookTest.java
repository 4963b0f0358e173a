package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.optimizer.ObservationLog;
import io.streamtune.optimizer.RandomSearch;
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

  private static TrialResult result(TrialRequest r, TrialStatus status, Double value) {
    return TrialResult.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setParams(r.getParams())
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
    List<TrialRequest> first = book.topUp(1000L);
    // Then
    assertThat(first).hasSize(3);
    assertThat(first)
        .extracting(TrialRequest::getTrialId)
        .doesNotHaveDuplicates()
        .containsExactly("book-t0000", "book-t0001", "book-t0002");
    assertThat(first).extracting(TrialRequest::getTrialNumber).containsExactly(0, 1, 2);
    assertThat(first)
        .allSatisfy(
            r -> {
              assertThat(r.getStudyId()).isEqualTo("book");
              assertThat(r.getMaxEpochs()).isEqualTo(5);
              assertThat(r.getRequestedAt()).isEqualTo(1000L);
              assertThat(r.getParams()).containsOnlyKeys("x1", "n", "act");
              assertThat(r.getParams().get("n")).isInstanceOf(Long.class);
              assertThat(r.getParams().get("x1")).isInstanceOf(Double.class);
              assertThat(r.getParams().get("act")).isInstanceOf(String.class);
            });
    assertThat(book.topUp(1001L)).as("nothing is free until a result arrives").isEmpty();
    assertThat(book.pendingCount()).isEqualTo(3);
  }

  @Test
  void shouldNeverIssueMoreThanNTrialsWhenResultsArriveInAnyOrder() {
    // Given 7 trials, 3 at a time, results arriving in a seeded random order
    StudyBook book = new StudyBook(spec(7, 3));
    Random random = new Random(3);
    List<TrialRequest> inFlight = new ArrayList<>(book.topUp(0));
    Set<String> issued = new HashSet<>();
    inFlight.forEach(r -> issued.add(r.getTrialId()));
    // When the study runs to its end
    while (!inFlight.isEmpty()) {
      TrialRequest done = inFlight.remove(random.nextInt(inFlight.size()));
      assertThat(book.onResult(result(done, TrialStatus.COMPLETED, random.nextDouble()))).isTrue();
      for (TrialRequest r : book.topUp(1)) {
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
    assertThat(book.topUp(2)).isEmpty();
    assertThat(book.snapshot().getDone()).isTrue();
  }

  @Test
  void shouldChangeNothingWhenResultIsDuplicated() {
    // Given a result already applied
    StudyBook book = new StudyBook(spec(5, 2));
    List<TrialRequest> requests = book.topUp(0);
    TrialResult r = result(requests.get(0), TrialStatus.COMPLETED, 1.5);
    assertThat(book.onResult(r)).isTrue();
    SuggesterState before = book.snapshot();
    int finished = book.finishedCount();
    // When it arrives again
    boolean applied = book.onResult(r);
    // Then
    assertThat(applied).isFalse();
    assertThat(book.snapshot()).isEqualTo(before);
    assertThat(book.finishedCount()).isEqualTo(finished);
  }

  @Test
  void shouldCountFailedTrialsWithoutTellingOptimizerWhenResultIsFailed() {
    // Given two trials in flight
    Observed observed = Observed.of(spec(2, 2));
    StudyBook book = observed.book();
    List<TrialRequest> requests = book.topUp(0);
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
    assertThat(book.topUp(1)).isEmpty();
  }

  @Test
  void shouldBeDoneOnlyAfterNTrialsDistinctResults() {
    // Given
    StudyBook book = new StudyBook(spec(3, 3));
    List<TrialRequest> requests = book.topUp(0);
    // When results arrive, one of them twice
    book.onResult(result(requests.get(0), TrialStatus.COMPLETED, 1.0));
    book.onResult(result(requests.get(0), TrialStatus.COMPLETED, 1.0));
    book.onResult(result(requests.get(1), TrialStatus.PRUNED, 3.0));
    // Then
    assertThat(book.done()).isFalse();
    book.onResult(result(requests.get(2), TrialStatus.COMPLETED, 2.0));
    assertThat(book.done()).isTrue();
  }

  @Test
  void shouldNotResurrectFinishedTrialsWhenRestoredAfterReplayedResults() {
    // Given a book that issued trials 0..2, got result 0, issued 3, and snapshotted
    StudySpec spec = spec(10, 3);
    StudyBook before = new StudyBook(spec);
    List<TrialRequest> first = before.topUp(0);
    TrialResult r0 = result(first.get(0), TrialStatus.COMPLETED, 1.0);
    before.onResult(r0);
    TrialRequest t3 = before.topUp(1).get(0);
    SuggesterState snapshot = before.snapshot();
    assertThat(snapshot.getNextTrialNumber()).isEqualTo(4);
    assertThat(snapshot.getPending())
        .extracting(TrialRequest::getTrialNumber)
        .containsExactly(1, 2, 3);
    // ... and results for 0 and 1 that a restarted suggester replays before it reads the snapshot
    TrialResult r1 = result(first.get(1), TrialStatus.COMPLETED, 0.5);
    StudyBook after = new StudyBook(spec);
    after.onResult(r0);
    after.onResult(r1);
    // When
    after.restore(snapshot);
    // Then trial 1 is not pending again, numbering continues after 3, and one slot is free
    assertThat(after.snapshot().getPending())
        .extracting(TrialRequest::getTrialId)
        .containsExactly(first.get(2).getTrialId(), t3.getTrialId());
    assertThat(after.snapshot().getNextTrialNumber()).isEqualTo(4);
    assertThat(after.topUp(2)).extracting(TrialRequest::getTrialNumber).containsExactly(4);
    assertThat(after.finishedCount()).isEqualTo(2);
  }

  @Test
  void shouldKeepNextTrialNumberWhenRestoredBeforeResults() {
    // Given a snapshot with trials 0..2 pending
    StudySpec spec = spec(10, 3);
    StudyBook before = new StudyBook(spec);
    List<TrialRequest> first = before.topUp(0);
    SuggesterState snapshot = before.snapshot();
    // When it is restored first and the results for 0 arrive afterwards
    StudyBook after = new StudyBook(spec);
    after.restore(snapshot);
    after.onResult(result(first.get(0), TrialStatus.COMPLETED, 1.0));
    // Then trial 0 is no longer pending and the next request is trial 3
    assertThat(after.pendingCount()).isEqualTo(2);
    assertThat(after.topUp(1)).extracting(TrialRequest::getTrialNumber).containsExactly(3);
  }

  @Test
  void shouldNegateValueForOptimizerWhenMetricIsMaximized() {
    // Given a maximize study and a minimize one
    Observed max = Observed.of(spec(4, 1, "maximize", "random"));
    Observed min = Observed.of(spec(4, 1, "minimize", "random"));
    TrialRequest rMax = max.book().topUp(0).get(0);
    TrialRequest rMin = min.book().topUp(0).get(0);
    // When each gets an accuracy of 0.8
    max.book().onResult(result(rMax, TrialStatus.COMPLETED, 0.8));
    min.book().onResult(result(rMin, TrialStatus.COMPLETED, 0.8));
    // Then the optimizer, which always minimises, sees -0.8 for the maximize study
    assertThat(max.log().ys()).containsExactly(-0.8);
    assertThat(min.log().ys()).containsExactly(0.8);
  }

  @Test
  void shouldContinueWhenResultDoesNotFitTheSpace() {
    // Given a result whose params are outside the space (for example from an older spec)
    Observed observed = Observed.of(spec(3, 1));
    StudyBook book = observed.book();
    TrialRequest r = book.topUp(0).get(0);
    TrialResult odd = result(r, TrialStatus.COMPLETED, 1.0);
    Map<String, Object> params = new LinkedHashMap<>(r.getParams());
    params.put("n", 5000L);
    odd.setParams(params);
    // When
    boolean applied = book.onResult(odd);
    // Then it counts but is not learned from
    assertThat(applied).isTrue();
    assertThat(book.finishedCount()).isEqualTo(1);
    assertThat(observed.log().size()).isZero();
  }

  @Test
  void shouldIssueRequestsWhenAlgorithmIsGp() {
    // Given the default GP algorithm (random initial points first)
    StudyBook book = new StudyBook(spec(4, 2, "minimize", "gp"));
    // When / Then
    assertThat(book.topUp(0))
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
