package io.streamtune.cli;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows one study until it has {@code n_trials} results, ends otherwise (failed or cancelled), or
 * the deadline passes. It reads what the study's suggester accepted, from the study's partition of
 * {@code suggester-state}, never raw {@code trial-results}: a result the suggester refused (a
 * forgery, a superseded attempt, a duplicate) must not become anybody's best.
 */
public final class StudyWatcher {

  private StudyWatcher() {}

  /** The study ended without all its trials: failed (an invalid spec) or cancelled. */
  public static final class StudyEnded extends IllegalStateException {
    private final StudyStatus status;

    StudyEnded(StudyStatus status) {
      super("study " + status.getStudyId() + " " + status.getState() + ": " + status.getMessage());
      this.status = status;
    }

    public StudyStatus status() {
      return status;
    }
  }

  /**
   * @throws StudyEnded if the study failed or was cancelled
   * @throws IllegalStateException if it did not finish before the deadline
   */
  public static StudyReport watch(
      KafkaConnection connection,
      StudySpec spec,
      Duration timeout,
      Consumer<StudyReport> onProgress)
      throws InterruptedException {
    String study = spec.getStudyId();
    Properties p = connection.properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamtune-watch-" + study);
    StudyReport report = new StudyReport(spec, System.currentTimeMillis());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      int partitions = c.partitionsFor(Topics.STUDIES.name(), Duration.ofSeconds(30)).size();
      int home = StudyPartitioner.partition(study, partitions);
      List<TopicPartition> parts =
          List.of(
              new TopicPartition(Topics.SUGGESTER_STATE.name(), home),
              new TopicPartition(Topics.STUDY_STATUS.name(), home));
      c.assign(parts);
      c.seekToBeginning(parts);
      long lastTick = 0;
      while (!report.done()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "study "
                  + study
                  + " did not finish within "
                  + DurationConverter.format(timeout)
                  + " ("
                  + report.finished()
                  + "/"
                  + spec.getNTrials()
                  + " trials)");
        }
        boolean changed = false;
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          changed |= apply(study, r, report);
        }
        long now = System.currentTimeMillis();
        if (changed || now - lastTick > 1000) {
          onProgress.accept(report);
          lastTick = now;
        }
      }
    }
    return report;
  }

  private static boolean apply(String study, ConsumerRecord<byte[], byte[]> r, StudyReport report) {
    if (r.value() == null || r.key() == null) {
      return false;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    try {
      if (r.topic().equals(Topics.STUDY_STATUS.name())) {
        if (key.equals(study)) {
          StudyStatus s =
              Topics.STUDY_STATUS.valueSerde().deserializer().deserialize(r.topic(), r.value());
          if (s.getState() == StudyState.FAILED || s.getState() == StudyState.CANCELLED) {
            throw new StudyEnded(s);
          }
        }
        return false;
      }
      if (!key.startsWith(study + "|")) {
        return false;
      }
      SuggesterState s =
          Topics.SUGGESTER_STATE.valueSerde().deserializer().deserialize(r.topic(), r.value());
      return s.getResult() != null && report.add(s.getResult());
    } catch (SerializationException e) {
      return false; // not ours to fix here: the services dead-letter such records
    }
  }
}
