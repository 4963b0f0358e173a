package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.trainer.BuiltinObjectives;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand malformed and hostile records on every input topic while a real study runs. Every
 * service stays up, the real study completes with exactly its own trials, and every bad record is
 * either dead-lettered once or dropped and counted.
 */
@Tag("integration")
class FuzzIT {

  private static final int RECORDS = 10_000;

  @Test
  void shouldFinishTheRealStudyAndDeadLetterEachBadRecordOnceWhenTenThousandArriveAlongside()
      throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (KafkaFixture kafka = KafkaFixture.start();
        Pipeline pipeline =
            new Pipeline(registry, BuiltinObjectives.registry())
                .withConnection(kafka.connection())
                .withTopics(3, 2)
                .withTrainers(2, false)
                .withSuggester(c -> c.withLease(Duration.ofSeconds(5)))
                .withMonitor(Duration.ofMillis(50))) {
      // Given a real study under way
      StudySpec real = Specs.branin("fuzzed", 10, 2, "epoch_ms: 30", "median");
      Pipeline.submit(kafka.connection(), real);

      // When ten thousand hostile records arrive on every input topic
      Map<String, Set<String>> sent = fuzz(kafka.bootstrap(), real);

      // Then the real study completes with exactly its own trials, as issued
      StudyView report =
          StudyFollow.await(kafka.connection(), real, Duration.ofMinutes(4), r -> {});
      assertThat(report.finished()).isEqualTo(real.getNTrials());
      Map<String, TrialRequest> issued = new HashMap<>();
      for (byte[] v : ResultsReader.readAll(kafka.bootstrap(), Topics.TRIAL_REQUESTS.name())) {
        try {
          TrialRequest r = Topics.TRIAL_REQUESTS.valueSerde().deserializer().deserialize("", v);
          if (r.getStudyId().equals(real.getStudyId()) && r.getRequestedAt() > 0) {
            issued.put(r.getTrialId(), r);
          }
        } catch (RuntimeException e) {
          // a hostile record
        }
      }
      assertThat(report.results())
          .allSatisfy(
              r ->
                  assertThat(r.getParams())
                      .as(r.getTrialId())
                      .isEqualTo(issued.get(r.getTrialId()).getParams()));
      // and every service is still up
      assertThat(pipeline.monitor().state()).isEqualTo(KafkaStreams.State.RUNNING);
      assertThat(pipeline.servicesAlive()).isTrue();

      // and each bad record of a topic that dead-letters is dead-lettered exactly once
      Map<String, Integer> deadLetters = awaitDeadLetters(kafka.bootstrap(), sent);
      assertThat(deadLetters.values()).as("dead-lettered more than once").allMatch(n -> n == 1);
      for (String topic : List.of(Topics.STUDIES.name(), Topics.TRIAL_REQUESTS.name())) {
        assertThat(notDeadLettered(sent, deadLetters, topic))
            .as("bad %s records not dead-lettered", topic)
            .isEmpty();
      }
      // (a copy of an applied result, or a claim of a superseded attempt, is dropped and counted)
      assertThat(notDeadLettered(sent, deadLetters, Topics.TRIAL_RESULTS.name()).size())
          .isLessThanOrEqualTo((int) count(registry, "streamtune.suggester.results.ignored"));
      assertThat(notDeadLettered(sent, deadLetters, Topics.TRIAL_CLAIMS.name()).size())
          .isLessThanOrEqualTo((int) count(registry, "streamtune.suggester.claims.stale"));
      // and the rest (metrics and stops that decode) was dropped and counted
      assertThat(count(registry, "streamtune.monitor.records.ignored")).isPositive();
      assertThat(count(registry, "streamtune.monitor.decisions.foreign")).isPositive();
    }
  }

  private static Set<String> notDeadLettered(
      Map<String, Set<String>> sent, Map<String, Integer> deadLetters, String topic) {
    Set<String> missing = new HashSet<>(sent.get(topic));
    missing.removeAll(deadLetters.keySet());
    return missing;
  }

  /**
   * Sends the hostile records; returns topic → the coordinates (topic-partition@offset) of each.
   */
  private static Map<String, Set<String>> fuzz(String bootstrap, StudySpec real) throws Exception {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    HostileRecords hostile = new HostileRecords(42, real);
    Map<String, Set<String>> sent = new ConcurrentHashMap<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int i = 0; i < RECORDS; i++) {
        Topic<?, ?> topic = HostileRecords.TOPICS[i % HostileRecords.TOPICS.length];
        ProducerRecord<byte[], byte[]> r = hostile.next(topic);
        producer.send(
            r,
            (md, e) -> {
              if (e == null) {
                sent.computeIfAbsent(md.topic(), t -> ConcurrentHashMap.newKeySet())
                    .add(md.topic() + "-" + md.partition() + "@" + md.offset());
              }
            });
      }
      producer.flush();
    }
    assertThat(sent.values().stream().mapToInt(Set::size).sum()).isEqualTo(RECORDS);
    return sent;
  }

  /**
   * The dead letters, counted by where their record came from, once the services have worked
   * through what was sent (the count stops growing).
   */
  private static Map<String, Integer> awaitDeadLetters(
      String bootstrap, Map<String, Set<String>> sent) throws InterruptedException {
    Map<String, Integer> seen = Map.of();
    int expectedAtLeast =
        sent.get(Topics.STUDIES.name()).size() + sent.get(Topics.TRIAL_REQUESTS.name()).size();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    int stable = 0;
    while (System.nanoTime() < deadline && stable < 3) {
      Map<String, Integer> now = new HashMap<>();
      for (ConsumerRecord<byte[], byte[]> r :
          ResultsReader.readAllRecords(bootstrap, Topics.DEAD_LETTER.name())) {
        String from =
            header(r, Topics.DLQ_SOURCE_TOPIC)
                + "-"
                + header(r, Topics.DLQ_SOURCE_PARTITION)
                + "@"
                + header(r, Topics.DLQ_SOURCE_OFFSET);
        now.merge(from, 1, Integer::sum);
      }
      stable = now.size() >= expectedAtLeast && now.size() == seen.size() ? stable + 1 : 0;
      seen = now;
      Thread.sleep(2000);
    }
    return seen;
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static double count(SimpleMeterRegistry registry, String name) {
    List<Counter> counters = new ArrayList<>(registry.find(name).counters());
    return counters.stream().mapToDouble(Counter::count).sum();
  }
}
