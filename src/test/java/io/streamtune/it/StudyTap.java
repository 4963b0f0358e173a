package io.streamtune.it;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A test's live witness of one study: follows its committed requests, claims, results and status
 * from the beginning of their topics, on a thread of its own, and remembers when each arrived, so
 * that a test can act at a chosen moment and check what happened before and after it.
 */
final class StudyTap implements AutoCloseable {

  /** A record of the study and when (System.nanoTime) the tap read it. */
  record Seen<V>(V value, long at) {}

  private final String study;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final List<TopicPartition> parts;
  private final Properties settings;
  private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
  private final List<Seen<TrialRequest>> requests = new ArrayList<>();
  private final List<Seen<TrialClaim>> claims = new ArrayList<>();
  private final List<Seen<TrialResult>> results = new ArrayList<>();
  private final List<Seen<StudyStatus>> statuses = new ArrayList<>();
  private volatile boolean closed;

  StudyTap(KafkaConnection connection, String study) {
    this.study = study;
    Properties p = connection.properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    settings = p;
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    parts =
        Stream.of(
                Topics.TRIAL_REQUESTS.name(),
                Topics.TRIAL_CLAIMS.name(),
                Topics.TRIAL_RESULTS.name(),
                Topics.STUDY_STATUS.name())
            .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream())
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    thread = new Thread(this::loop, "tap-" + study);
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(50))) {
          apply(r);
        }
        for (TopicPartition tp : parts) {
          positions.put(tp, consumer.position(tp));
        }
      }
    } catch (WakeupException e) {
      // closed
    } finally {
      consumer.close();
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    if (r.value() == null) {
      return;
    }
    long now = System.nanoTime();
    String topic = r.topic();
    synchronized (this) {
      if (topic.equals(Topics.TRIAL_REQUESTS.name())) {
        TrialRequest v =
            Topics.TRIAL_REQUESTS.valueSerde().deserializer().deserialize(topic, r.value());
        if (v.getStudyId().equals(study)) {
          requests.add(new Seen<>(v, now));
        }
      } else if (topic.equals(Topics.TRIAL_CLAIMS.name())) {
        TrialClaim v =
            Topics.TRIAL_CLAIMS.valueSerde().deserializer().deserialize(topic, r.value());
        if (v.getStudyId().equals(study)) {
          claims.add(new Seen<>(v, now));
        }
      } else if (topic.equals(Topics.TRIAL_RESULTS.name())) {
        TrialResult v =
            Topics.TRIAL_RESULTS.valueSerde().deserializer().deserialize(topic, r.value());
        if (v.getStudyId().equals(study)) {
          results.add(new Seen<>(v, now));
        }
      } else {
        StudyStatus v =
            Topics.STUDY_STATUS.valueSerde().deserializer().deserialize(topic, r.value());
        if (v.getStudyId().equals(study)) {
          statuses.add(new Seen<>(v, now));
        }
      }
    }
  }

  /**
   * Waits until the tap has read everything committed on its topics before this call, so that what
   * it holds is a consistent picture of that moment, not one topic ahead of another.
   */
  void awaitCaughtUp(Duration timeout) throws InterruptedException {
    Map<TopicPartition, Long> ends;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      ends = c.endOffsets(parts);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (ends.entrySet().stream()
        .anyMatch(e -> positions.getOrDefault(e.getKey(), 0L) < e.getValue())) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the tap did not catch up within " + timeout);
      }
      Thread.sleep(10);
    }
  }

  synchronized List<Seen<TrialRequest>> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Seen<TrialResult>> results() {
    return List.copyOf(results);
  }

  /** The CLAIMED records, in the order they were committed. */
  synchronized List<Seen<TrialClaim>> claimed() {
    return claims.stream().filter(c -> c.value().getEvent() == ClaimEvent.CLAIMED).toList();
  }

  /** The latest status of the study, or null before its suggester wrote one. */
  synchronized StudyStatus status() {
    return statuses.isEmpty() ? null : statuses.get(statuses.size() - 1).value();
  }

  /** The attempts ("trial#attempt") that were claimed and have no result, with when. */
  synchronized Map<String, Long> running() {
    Set<String> done = results.stream().map(r -> attempt(r.value())).collect(Collectors.toSet());
    Map<String, Long> out = new HashMap<>();
    for (Seen<TrialClaim> c : claimed()) {
      String a = c.value().getTrialId() + "#" + c.value().getAttempt();
      if (!done.contains(a)) {
        out.put(a, c.at());
      }
    }
    return out;
  }

  /** The attempts ("trial#attempt") that were issued and nobody claimed. */
  synchronized Set<String> unclaimed() {
    Set<String> taken =
        claimed().stream()
            .map(c -> c.value().getTrialId() + "#" + c.value().getAttempt())
            .collect(Collectors.toSet());
    return requests.stream()
        .map(r -> r.value().getTrialId() + "#" + r.value().getAttempt())
        .filter(a -> !taken.contains(a))
        .collect(Collectors.toSet());
  }

  static String attempt(TrialResult r) {
    return r.getTrialId() + "#" + r.getAttempt();
  }

  @Override
  public void close() {
    closed = true;
    consumer.wakeup();
    try {
      thread.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
