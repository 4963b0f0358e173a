package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.spec.StudySpecParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A study's trial-level patience, as the suggester passes it on to trainers in each request. */
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

  @Test
  void shouldIssueRequestsWithPatienceOffWhenTheSpecHasNoBlock() {
    StudyBook book = new StudyBook(spec(""));
    assertThat(book.topUp(0, 0, LEASE)).extracting(TrialRequest::getEarlyStop).containsOnlyNulls();
  }
}
