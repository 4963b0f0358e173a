package io.streamtune.trainer;

import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.DeadLetters;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
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
 * Consumes a trial request in the same transaction as what it produced: its result, or a dead
 * letter for a request that cannot be run. Either the record goes out and the request is consumed,
 * or neither happens and the request is read again, by this trainer or by its partition's new
 * owner. That is what makes a trial's result exactly-once.
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
   * Publishes the result and consumes its request.
   *
   * @return null if committed, else the failure (the request will be read again)
   * @throws ProducerFencedException if another instance took over this producer's id
   */
  KafkaException publish(ConsumerRecord<byte[], byte[]> request, TrialResult result) {
    KafkaException failure =
        consume(
            request,
            "commit the result of " + result.getTrialId(),
            () ->
                producer.send(
                    new ProducerRecord<>(
                        Topics.TRIAL_RESULTS.name(),
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

  /** Sends the request to the dead-letter topic with the reason, and consumes it. */
  KafkaException deadLetter(ConsumerRecord<byte[], byte[]> request, String reason) {
    return consume(
        request,
        "dead-letter " + request.topic() + "-" + request.partition() + "@" + request.offset(),
        () -> DeadLetters.send(producer, request, reason, SERVICE));
  }

  private KafkaException consume(
      ConsumerRecord<byte[], byte[]> request, String what, Runnable send) {
    try {
      producer.beginTransaction();
      send.run();
      producer.sendOffsetsToTransaction(
          Map.of(
              new TopicPartition(request.topic(), request.partition()),
              new OffsetAndMetadata(request.offset() + 1)),
          consumer.groupMetadata());
      producer.commitTransaction();
      return null;
    } catch (ProducerFencedException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("trainer {}: could not {}: {}", workerId, what, e.toString());
      // If even the abort fails the producer is unusable: that escapes, and the worker stops.
      producer.abortTransaction();
      RequestClaims.seekBack(consumer, request);
      return e;
    }
  }
}
