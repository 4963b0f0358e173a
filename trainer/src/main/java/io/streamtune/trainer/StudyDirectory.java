package io.streamtune.trainer;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.SpecException;
import io.streamtune.spec.SpecValidation;
import io.streamtune.spec.StudyIdentity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted {@code studies} topic from its beginning, without a group, and keeps the
 * latest valid spec of every study, with its cancel if it has one; a tombstone forgets one. A
 * trainer asks it about each request's study before it runs anything. A spec published a moment
 * before its first request may not have been read yet, so an unknown study is looked up again once
 * everything published so far has been read.
 */
public final class StudyDirectory implements StudySpecs, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StudyDirectory.class);

  private final Map<String, StudySpec> specs = new ConcurrentHashMap<>();
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> partitions;
  private final Thread thread;
  private final Object caughtUp = new Object();
  private long asked;
  private long answered;
  private volatile boolean closed;
  private volatile RuntimeException failed;

  public StudyDirectory(KafkaConnection connection, String name) {
    Properties p = connection.properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, name + "-studies");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "50");
    consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    partitions =
        consumer.partitionsFor(Topics.STUDIES.name(), Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    thread = new Thread(this::loop, name + "-studies");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    try {
      while (!closed) {
        try {
          step();
        } catch (WakeupException e) {
          if (closed) {
            throw e;
          }
          // a waiter woke a blocking call: look at what it wants
        }
      }
    } catch (RuntimeException e) {
      if (!closed) {
        // A fatal error: the trainers can check no new request, so they would refuse them all.
        LOG.error("trainers: reading the studies topic failed; no new request can be checked", e);
        failed = e;
        synchronized (caughtUp) {
          caughtUp.notifyAll();
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  /** Reads what arrived; if somebody waits for a study, first reads up to the end as it is now. */
  private void step() {
    long wanted;
    synchronized (caughtUp) {
      wanted = asked;
    }
    if (wanted != answered) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (!closed && !reached(ends)) {
        poll();
      }
      synchronized (caughtUp) {
        answered = wanted;
        caughtUp.notifyAll();
      }
    }
    poll();
  }

  private void poll() {
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
      apply(r);
    }
  }

  private boolean reached(Map<TopicPartition, Long> ends) {
    return ends.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
  }

  private void apply(ConsumerRecord<byte[], byte[]> r) {
    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    if (r.value() == null) {
      specs.remove(key);
      return;
    }
    try {
      StudySpec spec = Topics.STUDIES.valueSerde().deserializer().deserialize(r.topic(), r.value());
      if (!key.equals(spec.getStudyId())) {
        return; // not a study any suggester runs: it dead-letters such a record
      }
      SpecValidation.check(spec); // a spec no suggester runs must not admit requests either
      specs.merge(key, spec, StudyDirectory::latest);
    } catch (SerializationException | SpecException e) {
      // The suggester dead-letters such a record; here it only must not admit any request.
      LOG.debug(
          "trainers: ignoring study record {} at offset {}: {}", key, r.offset(), e.toString());
    }
  }

  /**
   * Which of two valid records under one study id stands: a cancel or a resume republishes the
   * study's own spec ({@link StudyIdentity#sameStudy}) and is its latest word; another spec under a
   * known id is not the study the suggester runs (it dead-letters it), so the known one stays.
   */
  static StudySpec latest(StudySpec known, StudySpec newer) {
    return StudyIdentity.sameStudy(known, newer) ? newer : known;
  }

  @Override
  public StudySpec await(String studyId, Duration timeout) throws InterruptedException {
    StudySpec known = specs.get(studyId);
    return known != null ? known : awaitLatest(studyId, timeout);
  }

  @Override
  public CancelRequest cancellation(String studyId) {
    StudySpec known = specs.get(studyId);
    return known == null ? null : known.getCancel();
  }

  @Override
  public StudySpec awaitLatest(String studyId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    if (failed != null) {
      throw new IllegalStateException("the studies topic cannot be read", failed);
    }
    synchronized (caughtUp) {
      long mine = ++asked;
      consumer.wakeup();
      while (answered < mine) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        caughtUp.wait(Math.max(1, left / 1_000_000));
      }
    }
    return specs.get(studyId);
  }

  @Override
  public int studyPartitions() {
    return partitions.size();
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
