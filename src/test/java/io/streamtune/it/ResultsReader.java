package io.streamtune.it;

import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads every committed record of a topic, duplicates included, as a test's independent witness.
 */
final class ResultsReader {

  private ResultsReader() {}

  static List<TrialResult> allResults(String bootstrap, String study) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return allResults(p, study);
  }

  /** Every result of the study on {@code trial-results}, read with the given client settings. */
  static List<TrialResult> allResults(Properties client, String study) {
    AvroSerde<TrialResult> serde = (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();
    List<TrialResult> out = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> rec : readAllRecords(client, Topics.TRIAL_RESULTS.name())) {
      byte[] v = rec.value();
      TrialResult r = serde.fromBytes(v);
      if (r.getStudyId().equals(study)) {
        out.add(r);
      }
    }
    return out;
  }

  static List<byte[]> readAll(String bootstrap, String topic) {
    return readAllRecords(bootstrap, topic).stream().map(ConsumerRecord::value).toList();
  }

  static List<ConsumerRecord<byte[], byte[]>> readAllRecords(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    return readAllRecords(p, topic);
  }

  static List<ConsumerRecord<byte[], byte[]>> readAllRecords(Properties client, String topic) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      var end = c.endOffsets(parts);
      List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          out.add(r);
        }
      }
      return out;
    }
  }
}
