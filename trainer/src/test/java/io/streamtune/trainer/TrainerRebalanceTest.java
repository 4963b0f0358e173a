package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What each kind of rebalance does to the trial in progress. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TrainerRebalanceTest {

  private static final TopicPartition P0 = new TopicPartition("trial-requests", 0);
  private static final TopicPartition P1 = new TopicPartition("trial-requests", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final TrialSlot slot = new TrialSlot("w1", Duration.ofSeconds(5));
  private final List<String> calls = new ArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final TrainerRebalance rebalance =
      new TrainerRebalance(
          consumer,
          slot,
          new TrainerRebalance.Owner() {
            @Override
            public void finishTrial() {
              calls.add("finish");
              slot.takeFinished();
            }

            @Override
            public void abandonTrial(boolean released) {
              calls.add(released ? "give back" : "drop");
              slot.abandon();
            }
          },
          "w1");

  TrainerRebalanceTest() {
    consumer.assign(List.of(P0, P1));
    consumer.pause(List.of(P0, P1));
  }

  @AfterEach
  void close() {
    release.countDown();
    slot.close();
  }

  private RunningTrial startOn(TopicPartition tp, boolean finished) throws Exception {
    RunningTrial t =
        new RunningTrial(
            new ConsumerRecord<>(tp.topic(), tp.partition(), 0L, new byte[0], new byte[0]),
            TrainerHarness.request("s-t0000", "curve", 1),
            AttemptLedger.FIRST);
    CountDownLatch ended = new CountDownLatch(1);
    slot.start(
        t,
        () -> {
          if (!finished) {
            while (!t.abandoned && release.getCount() > 0) {
              Thread.sleep(1);
            }
          }
          return TrialResult.newBuilder()
              .setStudyId("s")
              .setTrialId("s-t0000")
              .setTrialNumber(0)
              .setParams(Map.of())
              .setStatus(TrialStatus.COMPLETED)
              .setEpochsRun(1)
              .setMaxEpochs(1)
              .build();
        },
        ended::countDown);
    if (finished) {
      assertThat(ended.await(5, TimeUnit.SECONDS)).isTrue();
    }
    return t;
  }

  @Test
  void shouldReportAFinishedTrialBeforeItsPartitionGoesWhenRevoked() throws Exception {
    startOn(P0, true);
    rebalance.onPartitionsRevoked(List.of(P0));
    assertThat(calls).containsExactly("finish");
  }

  @Test
  void shouldGiveARunningTrialBackAndPollAgainWhenItsPartitionIsRevoked() throws Exception {
    startOn(P0, false);
    rebalance.onPartitionsRevoked(List.of(P0));
    assertThat(calls).containsExactly("give back");
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void shouldDropARunningTrialWithoutReleasingWhenItsPartitionIsLost() throws Exception {
    startOn(P0, false);
    rebalance.onPartitionsLost(List.of(P0));
    assertThat(calls).containsExactly("drop");
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void shouldLeaveTheTrialAloneWhenAnotherPartitionIsRevokedOrLost() throws Exception {
    startOn(P0, false);
    rebalance.onPartitionsRevoked(List.of(P1));
    rebalance.onPartitionsLost(List.of(P1));
    assertThat(calls).isEmpty();
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
  }

  @Test
  void shouldPauseNewPartitionsWhileATrialRuns() throws Exception {
    consumer.resume(List.of(P1));
    startOn(P0, false);
    rebalance.onPartitionsAssigned(List.of(P1));
    assertThat(consumer.paused()).contains(P1);
  }

  @Test
  void shouldNotPauseNewPartitionsWhenIdle() {
    consumer.resume(List.of(P1));
    rebalance.onPartitionsAssigned(List.of(P1));
    assertThat(consumer.paused()).doesNotContain(P1);
  }
}
