package io.streamtune.trainer;

import io.streamtune.avro.EpochMetric;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Sends a trial's epoch metrics as they happen, on its study partition, so that a study's curves
 * meet in one monitor task. The producer is deliberately not transactional: a {@code
 * read_committed} monitor would otherwise see no metric of a trial until its result commits, which
 * is too late to stop it.
 */
final class MetricStream {

  private static final AvroSerde<EpochMetric> METRICS =
      (AvroSerde<EpochMetric>) Topics.TRIAL_METRICS.valueSerde();

  private final Producer<byte[], byte[]> producer;

  MetricStream(Producer<byte[], byte[]> producer) {
    this.producer = producer;
  }

  void send(EpochMetric m, int partition) {
    producer.send(
        new ProducerRecord<>(
            Topics.TRIAL_METRICS.name(),
            partition,
            m.getStudyId().getBytes(StandardCharsets.UTF_8),
            METRICS.toBytes(m)));
  }

  /**
   * Waits until every metric sent so far is acknowledged, so the curve arrives before the result.
   */
  void flush() {
    producer.flush();
  }
}
