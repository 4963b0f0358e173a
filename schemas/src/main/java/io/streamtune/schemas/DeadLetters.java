package io.streamtune.schemas;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a record that could not be processed to the dead-letter topic, unchanged, with headers that
 * say where it came from and why it was rejected. Nothing is lost and the consumer moves on.
 */
public final class DeadLetters {

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetters.class);

  private DeadLetters() {}

  public static ProducerRecord<byte[], byte[]> record(
      ConsumerRecord<byte[], byte[]> source, String reason, String service) {
    RecordHeaders headers = new RecordHeaders(source.headers().toArray());
    headers.add(Topics.DLQ_SOURCE_TOPIC, utf8(source.topic()));
    headers.add(Topics.DLQ_SOURCE_PARTITION, utf8(Integer.toString(source.partition())));
    headers.add(Topics.DLQ_SOURCE_OFFSET, utf8(Long.toString(source.offset())));
    headers.add(Topics.DLQ_REASON, utf8(reason == null ? "unknown" : reason));
    headers.add(Topics.DLQ_SERVICE, utf8(service));
    return new ProducerRecord<>(
        Topics.DEAD_LETTER.name(), null, source.key(), source.value(), headers);
  }

  /**
   * Sends through {@code producer}, which may be transactional: then the send joins its
   * transaction.
   */
  public static void send(
      Producer<byte[], byte[]> producer,
      ConsumerRecord<byte[], byte[]> source,
      String reason,
      String service) {
    LOG.warn(
        "{}: dead-lettering {}-{}@{}: {}",
        service,
        source.topic(),
        source.partition(),
        source.offset(),
        reason);
    producer.send(record(source, reason, service));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
