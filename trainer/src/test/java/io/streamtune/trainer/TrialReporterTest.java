package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Which stop a published result names, and when a stopped trial is given back instead, on
 * MockProducer: the trial's own patience, the monitor's decision, its study's cancel (the first of
 * the two it obeyed), or this trainer's shutdown.
 */
class TrialReporterTest {

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(5_000), ZoneOffset.UTC);
  private static final String TRIAL = "s-t0000";
  private static final CancelRequest CANCEL = new CancelRequest(9L, "budget", "alice");
  private static final String PATIENCE_REASON =
      "no improvement of more than 0 in loss for 2 epochs; best 0.25 at epoch 1";

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> tx =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final MockProducer<byte[], byte[]> plain =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final TrainerHarness.Stops stops = new TrainerHarness.Stops();
  private final TrialReporter reporter;
  private final RunningTrial trial =
      new RunningTrial(
          TrainerHarness.request(TRIAL, "curve", 5),
          TrainerHarness.spec("curve", 5, "median"),
          1,
          0L);

  TrialReporterTest() {
    tx.initTransactions();
    TrainerMetrics meters = new TrainerMetrics("w1", Duration.ofMinutes(1));
    meters.bindTo(new SimpleMeterRegistry());
    reporter =
        new TrialReporter(
            new TrialClaims(tx, plain, consumer, "w1", CLOCK),
            new ResultTransaction(tx, consumer, meters, "w1"),
            new MetricStream(plain),
            stops);
  }

  /** A trial stopped after epoch 3 of 5, with what the runner set on it. */
  private static TrialResult pruned(String rule, int step, String reason) {
    return TrialResult.newBuilder()
        .setStudyId("s")
        .setTrialId(TRIAL)
        .setTrialNumber(0)
        .setParams(Map.of("x", 1.0))
        .setStatus(TrialStatus.PRUNED)
        .setValue(0.5)
        .setEpochsRun(3)
        .setMaxEpochs(5)
        .setStopRule(rule)
        .setStopStep(step)
        .setStopReason(reason)
        .build();
  }

  private List<TrialResult> published() {
    return TrainerHarness.decode(tx.history(), Topics.TRIAL_RESULTS);
  }

  private List<ClaimEvent> claimEvents() {
    return TrainerHarness.decode(plain.history(), Topics.TRIAL_CLAIMS).stream()
        .map(TrialClaim::getEvent)
        .toList();
  }

  @Test
  void shouldKeepPatienceWhenAMonitorDecisionArrivesAfterIt() throws Exception {
    // Given a trial that patience ended at epoch 3, and then a decision of the study's rule
    stops.stop(TRIAL, 1, "median");
    // When it is reported
    reporter.report(trial, pruned("patience", 3, PATIENCE_REASON), false);
    // Then the result names the rule that ended it, not the one that came too late
    assertThat(published())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStopRule()).isEqualTo("patience");
              assertThat(r.getStopStep()).isEqualTo(3);
              assertThat(r.getStopReason()).isEqualTo(PATIENCE_REASON);
            });
  }

  @Test
  void shouldPublishAPatienceStopWhenTheTrainerIsShuttingDown() throws Exception {
    // A trial that patience ended is finished: giving it back would run it again for nothing
    reporter.report(trial, pruned("patience", 3, PATIENCE_REASON), true);
    assertThat(published())
        .singleElement()
        .extracting(TrialResult::getStopRule)
        .isEqualTo("patience");
    assertThat(claimEvents()).doesNotContain(ClaimEvent.RELEASED);
  }

  @Test
  void shouldNameTheMonitorsDecisionWhenItStoppedTheTrial() throws Exception {
    stops.stop(TRIAL, 1, "median");
    reporter.report(trial, pruned("", 0, ""), false);
    assertThat(published())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStopRule()).isEqualTo("median");
              assertThat(r.getStopStep()).isEqualTo(1);
              assertThat(r.getStopReason()).isEqualTo("worse than the median");
            });
  }

  @Test
  void shouldGiveTheAttemptBackWhenOnlyTheShutdownStoppedIt() throws Exception {
    reporter.report(trial, pruned("", 0, ""), true);
    assertThat(published()).isEmpty();
    assertThat(claimEvents()).containsExactly(ClaimEvent.RELEASED);
  }

  @Test
  void shouldNameTheCancelWhenItStoppedTheTrialBeforeADecisionArrived() throws Exception {
    // Given a trial stopped by its study's cancel, and then a decision of the study's rule
    assertThat(trial.mustStop(null, CANCEL)).isTrue();
    stops.stop(TRIAL, 1, "median");
    assertThat(trial.mustStop(stops.decision(TRIAL, 1), CANCEL)).isTrue();
    // When it is reported
    reporter.report(trial, pruned("", 0, ""), false);
    // Then the cancel is its stop, at the last epoch it reported
    assertThat(published())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getStopRule()).isEqualTo("cancelled");
              assertThat(r.getStopStep()).isEqualTo(3);
              assertThat(r.getStopReason()).isEqualTo("study cancelled: budget");
            });
  }

  @Test
  void shouldNameTheDecisionWhenItStoppedTheTrialBeforeTheStudyWasCancelled() throws Exception {
    stops.stop(TRIAL, 1, "median");
    assertThat(trial.mustStop(stops.decision(TRIAL, 1), null)).isTrue();
    assertThat(trial.mustStop(stops.decision(TRIAL, 1), CANCEL)).isTrue();
    reporter.report(trial, pruned("", 0, ""), false);
    assertThat(published())
        .singleElement()
        .extracting(TrialResult::getStopRule)
        .isEqualTo("median");
  }

  @Test
  void shouldKeepPatienceWhenTheStudyIsCancelledAfterIt() throws Exception {
    assertThat(trial.mustStop(null, CANCEL)).isTrue();
    reporter.report(trial, pruned("patience", 3, PATIENCE_REASON), false);
    assertThat(published())
        .singleElement()
        .extracting(TrialResult::getStopRule)
        .isEqualTo("patience");
  }

  @Test
  void shouldPublishATrialTheCancelStoppedWhenTheTrainerIsShuttingDown() throws Exception {
    // The study will not run it again unless resumed, and then the suggester issues it afresh
    assertThat(trial.mustStop(null, CANCEL)).isTrue();
    reporter.report(trial, pruned("", 0, ""), true);
    assertThat(published())
        .singleElement()
        .extracting(TrialResult::getStopRule)
        .isEqualTo("cancelled");
    assertThat(claimEvents()).doesNotContain(ClaimEvent.RELEASED);
  }

  @Test
  void shouldIgnoreADecisionTheAttemptDoesNotObeyWhenNamingTheStop() throws Exception {
    // Given a decision of another rule than the study's (forged, or another study's)
    stops.stop(TRIAL, 1, "asha");
    // When the trial was stopped by the shutdown
    reporter.report(trial, pruned("", 0, ""), true);
    // Then it is given back, not published as stopped by a rule it never obeyed
    assertThat(published()).isEmpty();
    assertThat(claimEvents()).containsExactly(ClaimEvent.RELEASED);
  }
}
