package io.streamtune.trainer;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;

/**
 * Keeps partitions assigned mid-trial paused like the others, so that a busy trainer takes no new
 * request. Nothing else about a rebalance concerns the trial in progress: its request was consumed
 * when it was claimed, and its lease, not the partition, says who holds it.
 */
final class TrainerRebalance implements ConsumerRebalanceListener {

  private final Consumer<byte[], byte[]> consumer;
  private final TrialSlot slot;

  TrainerRebalance(Consumer<byte[], byte[]> consumer, TrialSlot slot) {
    this.consumer = consumer;
    this.slot = slot;
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (slot.current() != null) {
      consumer.pause(partitions);
    }
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {}
}
