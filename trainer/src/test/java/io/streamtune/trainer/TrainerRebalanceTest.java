package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.TrialResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A rebalance only pauses new partitions of a busy trainer; it never touches its trial. */
class TrainerRebalanceTest {

  private static final TopicPartition P0 = new TopicPartition("trial-requests", 0);
  private static final TopicPartition P1 = new TopicPartition("trial-requests", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final TrialSlot slot = new TrialSlot("w1", Duration.ofSeconds(5));
  private final TrainerRebalance rebalance = new TrainerRebalance(consumer, slot);
  private final CountDownLatch release = new CountDownLatch(1);

  TrainerRebalanceTest() {
    consumer.assign(List.of(P0, P1));
  }

  @AfterEach
  void close() {
    release.countDown();
    slot.close();
  }

  private RunningTrial busy() {
    RunningTrial t =
        new RunningTrial(
            TrainerHarness.request("s-t0000", "curve", 1),
            TrainerHarness.spec("curve", 1, "median"),
            0,
            0);
    slot.start(
        t,
        () -> {
          release.await();
          return (TrialResult) null;
        },
        () -> {});
    return t;
  }

  @Test
  void shouldPauseNewPartitionsWhileATrialRuns() {
    busy();
    rebalance.onPartitionsAssigned(List.of(P1));
    assertThat(consumer.paused()).containsExactly(P1);
  }

  @Test
  void shouldNotPauseNewPartitionsWhenIdle() {
    rebalance.onPartitionsAssigned(List.of(P1));
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void shouldLeaveTheTrialRunningWhenItsPartitionIsRevoked() {
    RunningTrial t = busy();
    rebalance.onPartitionsRevoked(List.of(P0, P1));
    assertThat(slot.current()).isSameAs(t);
    assertThat(t.abandoned).isFalse();
  }
}
