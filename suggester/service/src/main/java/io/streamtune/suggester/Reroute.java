package io.streamtune.suggester;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Sends a study-keyed record that arrived on the wrong partition (a client whose partitioner is not
 * murmur2) on to its study's partition, unchanged, with a header saying where it was found. The
 * owner of that partition then handles it as if it had been written there.
 */
final class Reroute {

  /** Header naming the partition a re-routed record was first written to. */
  static final String FROM = "streamtune.rerouted.from";

  private Reroute() {}

  static ProducerRecord<byte[], byte[]> to(ConsumerRecord<byte[], byte[]> r, int partition) {
    RecordHeaders headers = new RecordHeaders(r.headers().toArray());
    headers.add(FROM, (r.topic() + "-" + r.partition()).getBytes(StandardCharsets.UTF_8));
    return new ProducerRecord<>(r.topic(), partition, r.key(), r.value(), headers);
  }
}
