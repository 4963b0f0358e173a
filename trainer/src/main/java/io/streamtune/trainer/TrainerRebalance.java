package io.streamtune.trainer;

import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a rebalance does to the trial in progress. Runs on the loop's thread, inside {@code poll}.
 *
 * <ul>
 *   <li>Revoked (a clean hand-over): a finished trial is reported now, while the partition is still
 *       ours; a running one is given back, so its re-run does not count it as lost.
 *   <li>Lost (dropped from the group): another member may own the partition already, so nothing can
 *       be committed; the trial is stopped and its attempt counts as lost.
 *   <li>Assigned while training: the new partitions are paused like the others.
 * </ul>
 */
final class TrainerRebalance implements ConsumerRebalanceListener {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerRebalance.class);

  /** The loop's side of a rebalance. */
  interface Owner {
    /** Reports the finished trial in the slot. */
    void finishTrial();

    /** Stops the trial in progress without a result; {@code release} gives its attempt back. */
    void abandonTrial(boolean release);
  }

  private final Consumer<byte[], byte[]> consumer;
  private final TrialSlot slot;
  private final Owner owner;
  private final String workerId;

  TrainerRebalance(
      Consumer<byte[], byte[]> consumer, TrialSlot slot, Owner owner, String workerId) {
    this.consumer = consumer;
    this.slot = slot;
    this.owner = owner;
    this.workerId = workerId;
  }

  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
    RunningTrial r = slot.current();
    if (r == null || !partitions.contains(r.partition())) {
      return;
    }
    if (r.isDone()) {
      owner.finishTrial();
    } else {
      LOG.info(
          "trainer {}: partition {} revoked mid-trial; giving {} back",
          workerId,
          r.partition(),
          r.trialId());
      owner.abandonTrial(true);
      consumer.resume(consumer.assignment());
    }
  }

  @Override
  public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
    if (slot.current() != null) {
      consumer.pause(partitions);
    }
  }

  @Override
  public void onPartitionsLost(Collection<TopicPartition> partitions) {
    RunningTrial r = slot.current();
    if (r != null && partitions.contains(r.partition())) {
      LOG.info(
          "trainer {}: partition {} lost mid-trial; dropping {}",
          workerId,
          r.partition(),
          r.trialId());
      owner.abandonTrial(false);
      consumer.resume(consumer.assignment());
    }
  }
}
