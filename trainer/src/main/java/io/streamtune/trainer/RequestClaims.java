package io.streamtune.trainer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims and releases trial requests in the trainer group's committed offsets (see {@link
 * AttemptLedger}). A claim commits the request's own offset, not the one after it, so nothing is
 * consumed while the trial runs: a trainer that dies leaves the request to the partition's next
 * owner, which reads the claim and runs the next attempt. The request is consumed only by the
 * result's transaction ({@link ResultTransaction}).
 */
final class RequestClaims {

  private static final Logger LOG = LoggerFactory.getLogger(RequestClaims.class);

  /** How long a claim or a release may wait for the group coordinator. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final Consumer<byte[], byte[]> consumer;
  private final String workerId;
  private final Duration timeout;

  RequestClaims(Consumer<byte[], byte[]> consumer, String workerId, Duration timeout) {
    this.consumer = consumer;
    this.workerId = workerId;
    this.timeout = timeout;
  }

  /**
   * Numbers this attempt from the claim found at the request's offset and records the new claim
   * there.
   *
   * @throws KafkaException if the group cannot be read or written now (a rebalance, a timeout): the
   *     caller reads the request again, and if the partition moved its new owner will
   */
  AttemptLedger claim(ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    OffsetAndMetadata committed = consumer.committed(Set.of(tp), timeout).get(tp);
    AttemptLedger ledger =
        AttemptLedger.next(
            committed != null && committed.offset() == record.offset()
                ? committed.metadata()
                : null);
    consumer.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset(), ledger.claimed())));
    return ledger;
  }

  /**
   * {@link #claim} for the loop: null when the claim cannot be made now (a rebalance, a timeout, or
   * a wake-up meant for the poll), after seeking back so that the request is read again. If the
   * partition moved, its new owner reads it.
   */
  AttemptLedger tryClaim(ConsumerRecord<byte[], byte[]> record) {
    try {
      return claim(record);
    } catch (WakeupException e) {
      // A trial that just ended, or close(), woke the consumer; the loop looks at both next.
      seekBack(consumer, record);
      return null;
    } catch (KafkaException e) {
      LOG.info(
          "trainer {}: could not claim {}-{}@{} yet: {}",
          workerId,
          record.topic(),
          record.partition(),
          record.offset(),
          e.toString());
      seekBack(consumer, record);
      return null;
    }
  }

  /**
   * Marks the trial's claim as given back, so that its re-run does not count this attempt as lost.
   * Best effort: if the commit fails, the re-run counts the attempt as lost, which is the safe
   * side.
   *
   * @return whether the release was recorded
   */
  boolean release(RunningTrial trial) {
    Map<TopicPartition, OffsetAndMetadata> offsets =
        Map.of(
            trial.partition(),
            new OffsetAndMetadata(trial.record.offset(), trial.ledger.released()));
    for (int tries = 1; tries <= 2; tries++) {
      try {
        consumer.commitSync(offsets, timeout);
        return true;
      } catch (WakeupException e) {
        // close() woke the consumer while no poll was running: that wakeup is spent, try again.
        LOG.debug("trainer {}: release of {} woken up (try {})", workerId, trial.trialId(), tries);
      } catch (KafkaException e) {
        LOG.info(
            "trainer {}: could not release {}; its re-run will count this attempt as lost: {}",
            workerId,
            trial.trialId(),
            e.toString());
        return false;
      }
    }
    LOG.info(
        "trainer {}: could not release {} (woken up twice); its re-run will count this attempt as"
            + " lost",
        workerId,
        trial.trialId());
    return false;
  }

  /** Reads the request again at the next poll, if this trainer still owns its partition. */
  static void seekBack(Consumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (consumer.assignment().contains(tp)) {
      consumer.seek(tp, record.offset());
    }
  }
}
