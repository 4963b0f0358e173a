package io.streamtune.study;

import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.TrialClaim;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads studies from Kafka into {@link StudyView}s, with no group and no commits: a reader of one
 * study takes the study's partition of each topic that tells of it; a reader of all studies takes
 * every partition of {@code studies}, {@code study-status} and {@code suggester-state}. It reads
 * committed records only, so nothing a service aborted is ever shown.
 */
public final class StudyFeed implements AutoCloseable {

  private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(15);

  /** The topics that tell all of a study: its spec, status, suggester records, claims, metrics. */
  private static final List<Topic<?, ?>> IN_FULL =
      List.of(
          Topics.STUDIES,
          Topics.STUDY_STATUS,
          Topics.SUGGESTER_STATE,
          Topics.TRIAL_CLAIMS,
          Topics.TRIAL_METRICS);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final String onlyStudy;
  private final Map<String, StudyView> views = new TreeMap<>();
  private final Map<TopicPartition, Long> endAtOpen;
  private long undecodable;

  private StudyFeed(
      KafkaConsumer<byte[], byte[]> consumer, String onlyStudy, List<TopicPartition> parts) {
    this.consumer = consumer;
    this.onlyStudy = onlyStudy;
    consumer.assign(parts);
    consumer.seekToBeginning(parts);
    this.endAtOpen = new HashMap<>(consumer.endOffsets(parts, METADATA_TIMEOUT));
    if (onlyStudy != null) {
      views.put(onlyStudy, new StudyView(onlyStudy));
    }
  }

  /** A reader of one study: its spec, status, suggester records, claims and metrics. */
  public static StudyFeed ofStudy(KafkaConnection connection, String studyId) {
    KafkaConsumer<byte[], byte[]> c = consumer(connection, "streamtune-study-" + studyId);
    try {
      int home = StudyPartitioner.partition(studyId, partitions(c, Topics.STUDIES).size());
      List<TopicPartition> parts = new ArrayList<>();
      for (Topic<?, ?> t : IN_FULL) {
        parts.add(new TopicPartition(t.name(), home));
      }
      return new StudyFeed(c, studyId, parts);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** A reader of every study's spec, status and suggester records (no claims, no metrics). */
  public static StudyFeed ofAllStudies(KafkaConnection connection) {
    KafkaConsumer<byte[], byte[]> c = consumer(connection, "streamtune-studies");
    try {
      List<TopicPartition> parts = new ArrayList<>();
      for (Topic<?, ?> t : List.of(Topics.STUDIES, Topics.STUDY_STATUS, Topics.SUGGESTER_STATE)) {
        for (PartitionInfo p : partitions(c, t)) {
          parts.add(new TopicPartition(p.topic(), p.partition()));
        }
      }
      return new StudyFeed(c, null, parts);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /**
   * A reader of every study in full, as {@link #ofStudy} reads one: every partition of the five
   * topics that tell of studies. For the live UI, which shows any study's curves.
   */
  public static StudyFeed ofEveryStudyInFull(KafkaConnection connection) {
    KafkaConsumer<byte[], byte[]> c = consumer(connection, "streamtune-ui");
    try {
      List<TopicPartition> parts = new ArrayList<>();
      for (Topic<?, ?> t : IN_FULL) {
        for (PartitionInfo p : partitions(c, t)) {
          parts.add(new TopicPartition(p.topic(), p.partition()));
        }
      }
      return new StudyFeed(c, null, parts);
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static KafkaConsumer<byte[], byte[]> consumer(KafkaConnection connection, String id) {
    Properties p = connection.properties();
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private static List<PartitionInfo> partitions(KafkaConsumer<?, ?> c, Topic<?, ?> topic) {
    List<PartitionInfo> parts = c.partitionsFor(topic.name(), METADATA_TIMEOUT);
    if (parts == null || parts.isEmpty()) {
      throw new NoStudiesException(
          "there is no '" + topic.name() + "' topic: no study was ever submitted to this cluster");
    }
    return parts;
  }

  /** The cluster has none of StreamTune's topics. */
  public static final class NoStudiesException extends IllegalStateException {
    NoStudiesException(String message) {
      super(message);
    }
  }

  /** Reads every record that was there when the feed opened; returns this. */
  public StudyFeed catchUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!caughtUp()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "could not read the study records within " + timeout.toSeconds() + " s");
      }
      poll(Duration.ofMillis(200));
    }
    return this;
  }

  private boolean caughtUp() {
    for (Map.Entry<TopicPartition, Long> e : endAtOpen.entrySet()) {
      if (consumer.position(e.getKey(), METADATA_TIMEOUT) < e.getValue()) {
        return false;
      }
    }
    return true;
  }

  /** Reads for up to {@code wait}; returns whether any record changed a view. */
  public boolean poll(Duration wait) {
    return !pollChanged(wait).isEmpty();
  }

  /** Reads for up to {@code wait}; returns the ids of the studies whose views changed. */
  public Set<String> pollChanged(Duration wait) {
    Set<String> changed = new TreeSet<>();
    for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
      String study = apply(r);
      if (study != null) {
        changed.add(study);
      }
    }
    return changed;
  }

  /** The study this feed reads, or an empty view when no record names it. */
  public StudyView study(String studyId) {
    return views.getOrDefault(studyId, new StudyView(studyId));
  }

  /** Every study read so far, by id. */
  public Map<String, StudyView> studies() {
    return views;
  }

  /** Records that could not be decoded and were skipped (the services dead-letter them). */
  public long undecodable() {
    return undecodable;
  }

  /** Applies a record to its study's view; returns that study's id, or null if none changed. */
  private String apply(ConsumerRecord<byte[], byte[]> r) {
    if (r.key() == null) {
      return null;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    long ts = r.timestamp();
    try {
      String topic = r.topic();
      StudyView v = null;
      if (topic.equals(Topics.STUDIES.name())) {
        v = view(key);
        if (v != null) {
          v.onSpec(r.value() == null ? null : decode(Topics.STUDIES, r), ts);
        }
      } else if (topic.equals(Topics.STUDY_STATUS.name())) {
        v = r.value() == null ? null : view(key);
        if (v != null) {
          v.onStatus(decode(Topics.STUDY_STATUS, r), ts);
        }
      } else if (topic.equals(Topics.SUGGESTER_STATE.name())) {
        int bar = key.indexOf('|');
        v = view(bar < 0 ? key : key.substring(0, bar));
        if (v != null && r.value() == null) {
          v.onStateDeleted(bar < 0 ? null : key.substring(bar + 1), ts);
        } else if (v != null) {
          v.onState(decode(Topics.SUGGESTER_STATE, r), ts);
        }
      } else if (topic.equals(Topics.TRIAL_CLAIMS.name()) && r.value() != null) {
        TrialClaim c = decode(Topics.TRIAL_CLAIMS, r);
        v = view(c.getStudyId());
        if (v != null) {
          v.onClaim(c, ts);
        }
      } else if (topic.equals(Topics.TRIAL_METRICS.name()) && r.value() != null) {
        EpochMetric m = decode(Topics.TRIAL_METRICS, r);
        v = view(m.getStudyId());
        if (v != null) {
          v.onMetric(m, ts);
        }
      }
      return v == null ? null : v.studyId();
    } catch (SerializationException | IllegalArgumentException e) {
      undecodable++;
      return null;
    }
  }

  /** The view a record of {@code study} goes to, or null when this feed does not follow it. */
  private StudyView view(String study) {
    if (onlyStudy != null) {
      return onlyStudy.equals(study) ? views.get(onlyStudy) : null;
    }
    return views.computeIfAbsent(study, StudyView::new);
  }

  private static <V> V decode(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> r) {
    return topic.valueSerde().deserializer().deserialize(r.topic(), r.value());
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
