package io.streamtune.suggester;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The records of one poll in the order they were produced, as far as their timestamps tell, while
 * each partition keeps its own order. Kafka orders records within a partition only, and a poll
 * hands them out partition by partition, so a result that a cancel caused (the trainer stopped its
 * trial on reading the cancel from {@code studies}) could be applied before that cancel and be
 * refused as a cancel stop of a study that was never cancelled. Merging the partitions by timestamp
 * applies cause before effect whenever both came in one poll.
 */
final class CausalOrder {

  private CausalOrder() {}

  static <K, V> List<ConsumerRecord<K, V>> of(ConsumerRecords<K, V> records) {
    List<ConsumerRecord<K, V>> out = new ArrayList<>(records.count());
    PriorityQueue<Deque<ConsumerRecord<K, V>>> heads =
        new PriorityQueue<>(
            Comparator.comparingLong((Deque<ConsumerRecord<K, V>> d) -> d.peekFirst().timestamp()));
    for (TopicPartition tp : records.partitions()) {
      Deque<ConsumerRecord<K, V>> queue = new ArrayDeque<>(records.records(tp));
      if (!queue.isEmpty()) {
        heads.add(queue);
      }
    }
    while (!heads.isEmpty()) {
      Deque<ConsumerRecord<K, V>> queue = heads.poll();
      out.add(queue.pollFirst());
      if (!queue.isEmpty()) {
        heads.add(queue);
      }
    }
    return out;
  }
}
