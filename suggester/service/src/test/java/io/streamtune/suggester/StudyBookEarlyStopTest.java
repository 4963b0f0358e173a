package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.StudySpecParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A study's trial-level patience, as the suggester passes it on to trainers in each request and
 * counts the trials it ended.
 */
class StudyBookEarlyStopTest {

  private static final long LEASE = 10_000;

  private static StudySpec spec(String earlyStop) {
    return StudySpecParser.parse(
        """
        study: patient
        objective: {name: command, options: {cmd: ./train}}
        n_trials: 4
        parallelism: 2
        max_epochs: 10
        space:
          x1: {type: real, low: -5, high: 10}
        algorithm: {name: random, seed: 3}
        %s
        """
            .formatted(earlyStop));
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

  @Test
  void shouldCarryTheStudysEarlyStopWhenARequestIsIssuedOrIssuedAgain() {
    // Given a study with patience 3, min_delta 0.5 and restore_best
    StudyBook book =
        new StudyBook(spec("early_stop: {patience: 3, min_delta: 0.5, restore_best: true}"));
    EarlyStopSpec expected = new EarlyStopSpec(3, 0.5, true);
    // When its first requests are issued, and one is given back and issued as attempt 2
    List<TrialRequest> first = book.topUp(0, 0, LEASE);
    List<TrialRequest> reissued = new ArrayList<>();
    book.onClaim(claim(first.get(0), ClaimEvent.CLAIMED), 1, reissued);
    book.onClaim(claim(first.get(0), ClaimEvent.RELEASED), 2, reissued);
    // Then every attempt carries the study's block, so a trainer applies it from the request alone
    assertThat(first).hasSize(2).extracting(TrialRequest::getEarlyStop).containsOnly(expected);
    assertThat(reissued)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getAttempt()).isEqualTo(2);
              assertThat(r.getEarlyStop()).isEqualTo(expected);
            });
  }

  private static TrialResult result(TrialRequest r, TrialStatus status, double value, String rule) {
    return TrialResult.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setParams(r.getParams())
        .setAttempt(r.getAttempt())
        .setStatus(status)
        .setValue(value)
        .setEpochsRun(status == TrialStatus.COMPLETED ? r.getMaxEpochs() : 4)
        .setMaxEpochs(r.getMaxEpochs())
        .setStopRule(rule)
        .build();
  }

  @Test
  void shouldCountATrialThatPatienceEndedForTheBestWhenItsValueIsFinal() {
    // Given a study with patience and four trials in flight
    StudySpec spec = spec("early_stop: {patience: 3}");
    spec.setParallelism(4);
    StudyBook book = new StudyBook(spec);
    List<TrialRequest> r = book.topUp(0, 0, LEASE);
    // When one completes at 2.0, patience ends one at 1.0, and the monitor prunes one at 0.5
    book.onResult(result(r.get(0), TrialStatus.COMPLETED, 2.0, ""));
    book.onResult(result(r.get(1), TrialStatus.PRUNED, 1.0, "patience"));
    book.onResult(result(r.get(2), TrialStatus.PRUNED, 0.5, "median"));
    // Then the patience-ended trial is the best: it converged, where the pruned one was cut short
    assertThat(book.bestTrial()).isEqualTo(r.get(1).getTrialId());
    assertThat(book.bestValue()).isEqualTo(1.0);
  }

  @Test
  void shouldRefuseAPatienceResultWhenTheRequestHadNoEarlyStop() {
    // A trainer applies only the request's early_stop, so this result cannot be genuine
    StudyBook book = new StudyBook(spec(""));
    TrialRequest r = book.topUp(0, 0, LEASE).get(0);
    assertThat(book.onResult(result(r, TrialStatus.PRUNED, 1.0, "patience")))
        .isEqualTo(StudyBook.Verdict.INVALID);
    assertThat(book.lastProblem())
        .contains("stop_rule 'patience' but the request has no early_stop");
    assertThat(book.bestTrial()).isNull();
  }

  @Test
  void shouldIssueRequestsWithPatienceOffWhenTheSpecHasNoBlock() {
    StudyBook book = new StudyBook(spec(""));
    assertThat(book.topUp(0, 0, LEASE)).extracting(TrialRequest::getEarlyStop).containsOnlyNulls();
  }
}
