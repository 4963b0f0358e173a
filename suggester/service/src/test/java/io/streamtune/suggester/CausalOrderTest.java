package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** A poll's records in the order they were produced, each partition's order kept. */
class CausalOrderTest {

  private static final TopicPartition STUDIES = new TopicPartition("studies", 0);
  private static final TopicPartition RESULTS = new TopicPartition("trial-results", 0);

  private static ConsumerRecord<String, String> at(TopicPartition tp, long offset, long time) {
    return new ConsumerRecord<>(
        tp.topic(),
        tp.partition(),
        offset,
        time,
        TimestampType.CREATE_TIME,
        0,
        0,
        "k",
        tp.topic() + "@" + offset,
        new RecordHeaders(),
        Optional.empty());
  }

  @Test
  void shouldApplyACancelBeforeTheResultItCausedWhenThePollListsResultsFirst() {
    Map<TopicPartition, List<ConsumerRecord<String, String>>> polled = new LinkedHashMap<>();
    polled.put(RESULTS, List.of(at(RESULTS, 7, 1_050)));
    polled.put(STUDIES, List.of(at(STUDIES, 3, 1_000)));
    assertThat(CausalOrder.of(new ConsumerRecords<>(polled)))
        .extracting(ConsumerRecord::value)
        .containsExactly("studies@3", "trial-results@7");
  }

  @Test
  void shouldKeepEachPartitionsOrderWhenItsTimestampsGoBack() {
    // Producers' clocks differ: a partition's order wins over its timestamps
    Map<TopicPartition, List<ConsumerRecord<String, String>>> polled = new LinkedHashMap<>();
    polled.put(RESULTS, List.of(at(RESULTS, 1, 500), at(RESULTS, 2, 100), at(RESULTS, 3, 900)));
    polled.put(STUDIES, List.of(at(STUDIES, 1, 300), at(STUDIES, 2, 800)));
    assertThat(CausalOrder.of(new ConsumerRecords<>(polled)))
        .extracting(ConsumerRecord::value)
        .containsExactly(
            "studies@1", "trial-results@1", "trial-results@2", "studies@2", "trial-results@3");
  }
}
