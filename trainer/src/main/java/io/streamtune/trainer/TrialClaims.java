package io.streamtune.trainer;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A trainer's side of the lease on the attempt it runs ({@code trial-claims}). The claim is written
 * in the transaction that consumes the request, so exactly one trainer ever holds an attempt; while
 * it trains it renews the lease every quarter of {@code lease_ms}; shutting down, it releases the
 * attempt, so that the suggester issues the next one at once and does not count this one as lost.
 * If it dies, its renewals stop, the lease lapses, and the suggester issues the next attempt.
 */
final class TrialClaims {

  private static final Logger LOG = LoggerFactory.getLogger(TrialClaims.class);

  /** Renewal period for requests from before leases, which carry no lease. */
  static final long DEFAULT_RENEW_MS = 3_000;

  private final Producer<byte[], byte[]> transactional;
  private final Producer<byte[], byte[]> plain;
  private final Consumer<byte[], byte[]> consumer;
  private final String workerId;
  private final Clock clock;
  private int failedClaims;

  /** The longest pause between two tries of a claim. */
  static final long MAX_BACKOFF_MS = 1000;

  /**
   * @param transactional the results producer: a claim goes in the transaction that consumes the
   *     request
   * @param plain the metrics producer, for renewals and releases, which need no transaction
   */
  TrialClaims(
      Producer<byte[], byte[]> transactional,
      Producer<byte[], byte[]> plain,
      Consumer<byte[], byte[]> consumer,
      String workerId,
      Clock clock) {
    this.transactional = transactional;
    this.plain = plain;
    this.consumer = consumer;
    this.workerId = workerId;
    this.clock = clock;
  }

  /**
   * Claims the request's attempt and consumes the request in one transaction.
   *
   * @return whether it is ours; if not, the request will be read again (by this trainer or, if the
   *     partition moved, by its new owner)
   * @throws ProducerFencedException if another instance took over this producer's id
   */
  boolean claim(ConsumerRecord<byte[], byte[]> record, TrialRequest request, int partition)
      throws InterruptedException {
    try {
      transactional.beginTransaction();
      transactional.send(event(request, ClaimEvent.CLAIMED, partition));
      transactional.sendOffsetsToTransaction(
          Map.of(
              new TopicPartition(record.topic(), record.partition()),
              new OffsetAndMetadata(record.offset() + 1)),
          consumer.groupMetadata());
      transactional.commitTransaction();
      failedClaims = 0;
      return true;
    } catch (ProducerFencedException e) {
      throw e;
    } catch (KafkaException e) {
      transactional.abortTransaction();
      ResultTransaction.seekBack(consumer, record);
      failedClaims++;
      if (failedClaims == 1) {
        LOG.info(
            "trainer {}: could not claim {} yet (trying again): {}",
            workerId,
            request.getTrialId(),
            e.toString());
      }
      if (e instanceof CommitFailedException) {
        // The group moved on without this member (its generation is stale, for example after a
        // broker restart); only a rejoin fixes that, and the consumer would not notice by itself.
        consumer.enforceRebalance("stale group generation: " + e.getMessage());
      }
      backOff();
      return false;
    }
  }

  /** Waits a little longer after each failure in a row, so a failing claim does not spin. */
  private void backOff() throws InterruptedException {
    Thread.sleep(Math.min(MAX_BACKOFF_MS, 25L << Math.min(failedClaims, 6)));
  }

  /** Renews the lease on the attempt; a lost renewal is made up by the next one. */
  void renew(RunningTrial trial) {
    plain.send(event(trial.request, ClaimEvent.RENEWED, trial.partition));
    trial.renewedAt = clock.millis();
  }

  /** Whether the lease is due for renewal. */
  boolean renewalDue(RunningTrial trial) {
    long lease = trial.request.getLeaseMs();
    long period = lease > 0 ? Math.max(250, lease / 4) : DEFAULT_RENEW_MS;
    return clock.millis() - trial.renewedAt >= period;
  }

  /** Gives the attempt back unfinished, and waits until the release is written. */
  void release(RunningTrial trial) {
    try {
      plain.send(event(trial.request, ClaimEvent.RELEASED, trial.partition));
      plain.flush();
    } catch (KafkaException e) {
      LOG.info(
          "trainer {}: could not release {}; its lease will lapse instead: {}",
          workerId,
          trial.trialId(),
          e.toString());
    }
  }

  private ProducerRecord<byte[], byte[]> event(
      TrialRequest request, ClaimEvent event, int partition) {
    TrialClaim claim =
        TrialClaim.newBuilder()
            .setStudyId(request.getStudyId())
            .setTrialId(request.getTrialId())
            .setTrialNumber(request.getTrialNumber())
            .setAttempt(request.getAttempt())
            .setEvent(event)
            .setWorker(workerId)
            .setAt(clock.millis())
            .build();
    return new ProducerRecord<>(
        Topics.TRIAL_CLAIMS.name(),
        partition,
        request.getStudyId().getBytes(StandardCharsets.UTF_8),
        Topics.TRIAL_CLAIMS.valueSerde().serializer().serialize(Topics.TRIAL_CLAIMS.name(), claim));
  }
}
