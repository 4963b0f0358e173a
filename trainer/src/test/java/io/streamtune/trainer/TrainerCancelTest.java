package io.streamtune.trainer;

import static io.streamtune.trainer.TrainerHarness.request;
import static io.streamtune.trainer.TrainerWorkerTest.refused;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.Cancellation;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A trainer and a cancelled study, on MockConsumer and MockProducer: its requests are consumed
 * without running, its running trial stops with the cancel as its stop, and a resume lets its
 * requests run again.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TrainerCancelTest {

  private static final TopicPartition P0 = new TopicPartition(TrainerHarness.TOPIC, 0);

  private final TestObjectives objectives = new TestObjectives();

  @Test
  void shouldConsumeARequestOfACancelledStudyWithoutClaimingOrDeadLetteringIt() {
    // Given a cancelled study and one of its requests
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    h.specs.cancel("budget");
    h.request(0, request("s-t0000", "curve", 2));
    // When the worker reads it
    h.then(() -> h.assign(0)).until(() -> !h.transactions.isEmpty()).idle(3).run();
    // Then it is consumed in a transaction of its own, with nothing written: no claim, no dead
    // letter, no result; and it is counted as refused for the cancel, after looking again
    assertThat(h.transactions)
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.records()).isEmpty();
              assertThat(t.offsets()).isEqualTo(Map.of(P0, new OffsetAndMetadata(1)));
            });
    assertThat(h.claims()).isEmpty();
    assertThat(h.metrics()).isEmpty();
    assertThat(refused(h, "cancelled")).isEqualTo(1);
    assertThat(refused(h, "mismatch")).isZero();
    assertThat(h.specs.lookedAgain.get()).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterARequestThatDoesNotMatchItsStudyWhenTheStudyIsCancelled() {
    // Given a cancelled study and a request it could never have issued (another budget)
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    h.specs.cancel("budget");
    h.request(0, request("s-t0000", "curve", 7));
    // When the worker reads it
    h.then(() -> h.assign(0)).until(() -> !h.transactions.isEmpty()).idle(3).run();
    // Then the cancel does not hide a poison record: it is dead-lettered as a mismatch
    assertThat(h.transactions)
        .singleElement()
        .satisfies(t -> assertThat(t.deadLetters()).hasSize(1));
    assertThat(refused(h, "mismatch")).isEqualTo(1);
    assertThat(refused(h, "cancelled")).isZero();
  }

  @Test
  void shouldRunARequestWhenLookingAgainFindsTheStudyResumed() {
    // Given a trainer that still sees the study cancelled, though it was resumed a moment ago
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    StudySpec resumed = h.specs.specs.get("s");
    h.specs.behind.put("s", Cancellation.withCancel(resumed, new CancelRequest(1L, "", "")));
    h.request(0, request("s-t0000", "curve", 2));
    // When it reads a request the suggester issued after the resume
    h.then(() -> h.assign(0)).until(() -> !h.results().isEmpty()).run();
    // Then it reads the studies up to now before refusing, and runs the request
    assertThat(h.results())
        .singleElement()
        .extracting(TrialResult::getStatus)
        .isEqualTo(TrialStatus.COMPLETED);
    assertThat(refused(h, "cancelled")).isZero();
  }

  @Test
  void shouldStopARunningTrialWithTheCancelAsItsStopWhenItsStudyIsCancelled() {
    // Given a trial that reported epoch 1 and is training on
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("hold", 5);
    h.request(0, request("s-t0000", "hold", 5));
    h.then(() -> h.assign(0)).until(objectives::isHolding);
    // When its study is cancelled
    h.then(() -> h.specs.cancel("out of budget")).until(() -> !h.results().isEmpty()).run();
    // Then it stops between reports, PRUNED at its last epoch with its last value and the cancel
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
              assertThat(r.getEpochsRun()).isEqualTo(1);
              assertThat(r.getValue()).isEqualTo(5.0);
              assertThat(r.getStopRule()).isEqualTo("cancelled");
              assertThat(r.getStopStep()).isEqualTo(1);
              assertThat(r.getStopReason()).isEqualTo("study cancelled: out of budget");
            });
    assertThat(h.claims()).extracting(TrialClaim::getEvent).doesNotContain(ClaimEvent.RELEASED);
  }

  @Test
  void shouldReportNoValueWhenTheCancelStopsATrialBeforeItsFirstEpoch() {
    // Given a trial whose command has printed no epoch yet
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("silent", 5);
    h.request(0, request("s-t0000", "silent", 5));
    h.then(() -> h.assign(0)).until(objectives::isSilent);
    // When its study is cancelled
    h.then(() -> h.specs.cancel("")).until(() -> !h.results().isEmpty()).run();
    // Then it is PRUNED by the cancel at step 0, with no value
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
              assertThat(r.getEpochsRun()).isZero();
              assertThat(r.getValue()).isNull();
              assertThat(r.getStopRule()).isEqualTo("cancelled");
              assertThat(r.getStopStep()).isZero();
              assertThat(r.getStopReason()).isEqualTo("study cancelled");
            });
  }

  @Test
  void shouldRunTheStudysRequestsAgainWhenItIsResumed() {
    // Given a cancelled study, one of whose requests was skipped
    TrainerHarness h = new TrainerHarness(objectives.registry());
    h.submit("curve", 2);
    h.specs.cancel("budget");
    h.request(0, request("s-t0000", "curve", 2));
    h.then(() -> h.assign(0)).until(() -> h.transactions.size() == 1);
    // When it is resumed, and the suggester issues the trial again as attempt 2
    h.then(() -> h.specs.cancel(null));
    h.then(
        () -> {
          var again = request("s-t0000", "curve", 2);
          again.setAttempt(2);
          h.request(0, again);
        });
    h.until(() -> !h.results().isEmpty()).run();
    // Then attempt 2 is claimed and runs to its end
    assertThat(h.claims()).extracting(TrialClaim::getAttempt).containsOnly(2);
    assertThat(h.results())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getAttempt()).isEqualTo(2);
              assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
            });
    assertThat(refused(h, "cancelled")).isEqualTo(1);
  }
}
