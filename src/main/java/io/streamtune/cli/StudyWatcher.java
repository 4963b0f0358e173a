package io.streamtune.cli;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Follows {@code trial-results} for one study (committed records only) until it has {@code
 * n_trials} distinct results or the deadline passes.
 */
public final class StudyWatcher {

  private static final AvroSerde<TrialResult> RESULTS =
      (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();

  private StudyWatcher() {}

  public static StudyReport watch(
      KafkaConnection connection,
      StudySpec spec,
      Duration timeout,
      Consumer<StudyReport> onProgress)
      throws InterruptedException {
    Properties p = connection.properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "streamtune-watch-" + spec.getStudyId());
    StudyReport report = new StudyReport(spec, System.currentTimeMillis());
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(Topics.TRIAL_RESULTS.name(), Duration.ofSeconds(30)).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      long lastTick = 0;
      while (!report.done()) {
        if (System.nanoTime() > deadline) {
          throw new TimeoutException(
              "study "
                  + spec.getStudyId()
                  + " did not finish within "
                  + timeout
                  + " ("
                  + report.finished()
                  + "/"
                  + spec.getNTrials()
                  + " trials)");
        }
        boolean changed = false;
        for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
          try {
            TrialResult result = RESULTS.fromBytes(r.value());
            if (result.getStudyId().equals(spec.getStudyId())) {
              changed |= report.add(result);
            }
          } catch (SerializationException e) {
            // Not ours to fix here: the services dead-letter such records.
          }
        }
        long now = System.currentTimeMillis();
        if (changed || now - lastTick > 1000) {
          onProgress.accept(report);
          lastTick = now;
        }
      }
    } catch (TimeoutException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    return report;
  }
}
