package io.streamtune.bench;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a chaotic run left on the broker: the results the suggester accepted (one per trial, on
 * {@code suggester-state}) against every result trainers wrote ({@code trial-results}).
 *
 * @param accepted results accepted by the suggester, by trial id
 * @param written results on {@code trial-results}, by trial id and attempt, with their count
 */
record ChaosCheck(Map<String, TrialResult> accepted, Map<String, Integer> written) {

  static ChaosCheck read(String bootstrap, StudySpec spec) {
    Map<String, TrialResult> accepted = new HashMap<>();
    String prefix = spec.getStudyId() + "|";
    for (ConsumerRecord<byte[], byte[]> r : readAll(bootstrap, Topics.SUGGESTER_STATE.name())) {
      String key = new String(r.key(), StandardCharsets.UTF_8);
      if (!key.startsWith(prefix)) {
        continue;
      }
      if (r.value() == null) {
        accepted.remove(key);
        continue;
      }
      SuggesterState s =
          Topics.SUGGESTER_STATE.valueSerde().deserializer().deserialize("", r.value());
      if (s.getResult() != null) {
        accepted.put(s.getTrialId(), s.getResult());
      }
    }
    Map<String, Integer> written = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : readAll(bootstrap, Topics.TRIAL_RESULTS.name())) {
      TrialResult t = Topics.TRIAL_RESULTS.valueSerde().deserializer().deserialize("", r.value());
      if (t.getStudyId().equals(spec.getStudyId())) {
        written.merge(t.getTrialId() + "#" + t.getAttempt(), 1, Integer::sum);
      }
    }
    return new ChaosCheck(accepted, written);
  }

  /** Trials of the study with no accepted result. */
  int lost(StudySpec spec) {
    return spec.getNTrials() - accepted.size();
  }

  /** Attempts whose result was written more than once: an exactly-once violation. */
  long duplicated() {
    return written.values().stream().filter(n -> n > 1).count();
  }

  /** Results of attempts that were superseded (their trainer was taken for dead). */
  long superseded() {
    return written.size() - accepted.size();
  }

  long count(TrialStatus status) {
    return accepted.values().stream().filter(r -> r.getStatus() == status).count();
  }

  /**
   * The best completed value among accepted results, in the metric's direction (minimised here).
   */
  double best() {
    return accepted.values().stream()
        .filter(r -> r.getStatus() == TrialStatus.COMPLETED)
        .mapToDouble(TrialResult::getValue)
        .min()
        .orElse(Double.NaN);
  }

  private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(topic, Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))
          && System.nanoTime() < deadline) {
        c.poll(Duration.ofMillis(200)).forEach(out::add);
      }
    }
    return out;
  }
}
