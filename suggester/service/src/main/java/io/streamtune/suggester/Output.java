package io.streamtune.suggester;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What one poll produced, to be written in one transaction: records to send, input records to
 * dead-letter with their reason, and the studies whose requests may need topping up.
 */
final class Output {
  final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
  final Map<ConsumerRecord<byte[], byte[]>, String> poison = new LinkedHashMap<>();
  final Set<String> touched = new LinkedHashSet<>();

  void send(ProducerRecord<byte[], byte[]> record) {
    records.add(record);
  }

  void poison(ConsumerRecord<byte[], byte[]> record, String reason) {
    poison.put(record, reason);
  }
}
