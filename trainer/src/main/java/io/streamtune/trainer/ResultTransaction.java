package io.streamtune.trainer;

import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.DeadLetters;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
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
 * The trainer's transactional writes other than claims: a trial's result, and the dead letter of a
 * request it will not run, which consumes that request in the same transaction (a request of a
 * cancelled study is consumed alone). Either the record goes out (and the request is consumed) or
 * nothing happens and the request is read again.
 */
final class ResultTransaction {

  private static final Logger LOG = LoggerFactory.getLogger(ResultTransaction.class);
  private static final AvroSerde<TrialResult> RESULTS =
      (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();
  static final String SERVICE = "trainer";

  private final Producer<byte[], byte[]> producer;
  private final Consumer<byte[], byte[]> consumer;
  private final TrainerMetrics meters;
  private final String workerId;

  /**
   * @param producer a transactional producer, already initialised
   * @param consumer the group consumer that read the requests (for its group metadata and seeks)
   * @param meters counts the results that went out
   */
  ResultTransaction(
      Producer<byte[], byte[]> producer,
      Consumer<byte[], byte[]> consumer,
      TrainerMetrics meters,
      String workerId) {
    this.producer = producer;
    this.consumer = consumer;
    this.meters = meters;
    this.workerId = workerId;
  }

  /**
   * Publishes a result on its study partition.
   *
   * @return null if committed, else the failure
   * @throws ProducerFencedException if another instance took over this producer's id
   */
  KafkaException publish(TrialResult result, int partition) {
    KafkaException failure =
        inTransaction(
            "publish the result of " + result.getTrialId(),
            () ->
                producer.send(
                    new ProducerRecord<>(
                        Topics.TRIAL_RESULTS.name(),
                        partition,
                        result.getStudyId().getBytes(StandardCharsets.UTF_8),
                        RESULTS.toBytes(result))));
    if (failure == null) {
      meters.recordResult(result);
      LOG.debug(
          "trainer {} finished {}: {} {}",
          workerId,
          result.getTrialId(),
          result.getStatus(),
          result.getValue());
    }
    return failure;
  }

  /** Sends a request to the dead-letter topic with the reason, and consumes it. */
  KafkaException deadLetter(ConsumerRecord<byte[], byte[]> request, String reason) {
    return consume(
        "dead-letter", request, () -> DeadLetters.send(producer, request, reason, SERVICE));
  }

  /** Consumes a request that will not run but is no poison (its study is cancelled). */
  KafkaException skip(ConsumerRecord<byte[], byte[]> request) {
    return consume("skip", request, () -> {});
  }

  /** Commits the request's offset in a transaction with whatever {@code send} writes. */
  private KafkaException consume(
      String what, ConsumerRecord<byte[], byte[]> request, Runnable send) {
    KafkaException failure =
        inTransaction(
            what + " " + request.topic() + "-" + request.partition() + "@" + request.offset(),
            () -> {
              send.run();
              producer.sendOffsetsToTransaction(
                  Map.of(
                      new TopicPartition(request.topic(), request.partition()),
                      new OffsetAndMetadata(request.offset() + 1)),
                  consumer.groupMetadata());
            });
    if (failure != null) {
      seekBack(consumer, request);
      if (failure instanceof CommitFailedException) {
        consumer.enforceRebalance("stale group generation: " + failure.getMessage());
      }
    }
    return failure;
  }

  private KafkaException inTransaction(String what, Runnable send) {
    try {
      producer.beginTransaction();
      send.run();
      producer.commitTransaction();
      return null;
    } catch (ProducerFencedException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("trainer {}: could not {}: {}", workerId, what, e.toString());
      // If even the abort fails the producer is unusable: that escapes, and the worker stops.
      producer.abortTransaction();
      return e;
    }
  }

  /** Reads a request again at the next poll, if this trainer still owns its partition. */
  static void seekBack(Consumer<byte[], byte[]> consumer, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (consumer.assignment().contains(tp)) {
      consumer.seek(tp, record.offset());
    }
  }
}
