package io.streamtune.suggester;

import io.streamtune.schemas.DeadLetters;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what one poll produced in one transaction: the requests and state snapshots, the dead
 * letters, and the offsets of the input records. Either all of it is visible to {@code
 * read_committed} readers or none of it is, so a crash never issues a trial twice or loses one.
 *
 * <p>A failed transaction is aborted, and then the in-memory state is rebuilt from Kafka: memory
 * moved ahead of the transaction (trials numbered, marked pending) and now holds things Kafka does
 * not. Errors after which this producer cannot go on (fenced by a newer instance, broken sequence,
 * not authorised, broker too old) are rethrown for the loop to stop.
 */
final class TransactionStep {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionStep.class);
  static final String SERVICE = "suggester";

  /**
   * What one poll produced.
   *
   * @param records requests and state snapshots to send
   * @param poison input records that could not be processed, with the reason
   * @param offsets the next offset of every input partition the poll read
   */
  record Batch(
      List<ProducerRecord<byte[], byte[]>> records,
      Map<ConsumerRecord<byte[], byte[]>, String> poison,
      Map<TopicPartition, OffsetAndMetadata> offsets) {

    /** Nothing to send and no input consumed. */
    boolean isEmpty() {
      return records.isEmpty() && poison.isEmpty() && offsets.isEmpty();
    }

    /** The next offset of every partition of {@code topics} that the poll read. */
    static Map<TopicPartition, OffsetAndMetadata> offsetsAfter(
        ConsumerRecords<byte[], byte[]> polled, Collection<String> topics) {
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      for (TopicPartition tp : polled.partitions()) {
        if (!topics.contains(tp.topic())) {
          continue;
        }
        List<ConsumerRecord<byte[], byte[]>> rs = polled.records(tp);
        offsets.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
      }
      return offsets;
    }
  }

  private final Producer<byte[], byte[]> producer;
  private final Runnable rebuild;
  private final SuggesterMetrics meters;
  private final String instanceId;

  /**
   * @param producer a transactional producer, already initialised
   * @param rebuild forgets the in-memory state and replays it from Kafka
   */
  TransactionStep(
      Producer<byte[], byte[]> producer,
      Runnable rebuild,
      SuggesterMetrics meters,
      String instanceId) {
    this.producer = producer;
    this.rebuild = rebuild;
    this.meters = meters;
    this.instanceId = instanceId;
  }

  /**
   * Commits the batch, or aborts it and rebuilds.
   *
   * @return true if it was committed, false if it was aborted and the state rebuilt
   * @throws KafkaException one of the fatal errors, after which this producer cannot go on
   */
  boolean commit(Batch batch, ConsumerGroupMetadata group) {
    try {
      producer.beginTransaction();
      batch.records().forEach(producer::send);
      batch.poison().forEach((r, reason) -> DeadLetters.send(producer, r, reason, SERVICE));
      producer.sendOffsetsToTransaction(batch.offsets(), group);
      producer.commitTransaction();
      return true;
    } catch (ProducerFencedException
        | OutOfOrderSequenceException
        | AuthorizationException
        | UnsupportedVersionException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn(
          "suggester {}: transaction failed ({}); rebuilding from Kafka", instanceId, e.toString());
      abortQuietly();
      meters.recordAbort();
      rebuild.run();
      return false;
    }
  }

  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      LOG.debug("abort after a failed transaction: {}", e.toString());
    }
  }
}
