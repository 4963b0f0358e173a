package io.streamtune.trainer;

import io.streamtune.avro.StopDecision;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Topics;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code trial-control} and remembers which trial attempts must stop. Every trainer reads
 * every decision (no consumer group): decisions are few, and a trainer cannot know in advance which
 * trials it will run. It starts at the end of the topic, so old decisions never stop a re-run.
 */
public final class StopSignals implements StopOrders, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StopSignals.class);
  private static final AvroSerde<StopDecision> SERDE =
      (AvroSerde<StopDecision>) Topics.TRIAL_CONTROL.valueSerde();

  /**
   * Every trainer reads every study's decisions but forgets only its own trials', and monitor
   * replicas send each decision more than once: so the memory is bounded, oldest out first. A
   * decision matters only until its trial's next epoch, long before it could be pushed out.
   */
  static final int REMEMBERED = 50_000;

  private final Map<String, StopDecision> decisions =
      Collections.synchronizedMap(
          new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, StopDecision> eldest) {
              return size() > REMEMBERED;
            }
          });
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private volatile boolean closed;

  public StopSignals(KafkaConnection connection, String name) {
    Properties p = connection.properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-control");
    // A read_committed fetch can wait all of fetch.max.wait.ms (500 ms by default) for the
    // transaction marker that makes a decision visible: every millisecond here is training wasted.
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts =
        consumer.partitionsFor(Topics.TRIAL_CONTROL.name(), Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position); // resolve the end now, before any trial starts
    thread = new Thread(this::loop, name + "-control");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (!closed) {
        ConsumerRecords<byte[], byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(200));
        } catch (WakeupException e) {
          throw e;
        } catch (RuntimeException e) {
          // Without this thread no trial could ever be stopped: log, back off and keep going.
          LOG.error("trainers: reading trial-control failed; retrying", e);
          sleepQuietly();
          continue;
        }
        for (ConsumerRecord<byte[], byte[]> r : records) {
          if (r.value() == null) {
            continue; // a tombstone stops nothing (the monitor counts it as foreign)
          }
          try {
            StopDecision d = SERDE.fromBytes(r.value());
            String key = key(d.getTrialId(), d.getAttempt());
            decisions.putIfAbsent(key, d); // the first replica's decision is the one obeyed
          } catch (SerializationException e) {
            LOG.debug(
                "ignoring undecodable stop decision at {}-{}@{}: {}",
                r.topic(),
                r.partition(),
                r.offset(),
                e.getMessage());
          }
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private static void sleepQuietly() {
    try {
      Thread.sleep(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public StopDecision decision(String trialId, int attempt) {
    return decisions.get(key(trialId, attempt));
  }

  @Override
  public void forget(String trialId, int attempt) {
    decisions.remove(key(trialId, attempt));
  }

  private static String key(String trialId, int attempt) {
    return trialId + "#" + attempt;
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
