package io.streamtune.suggester;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.ClientSettings;
import io.streamtune.schemas.DeadLetters;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suggester service: a transactional read-process-write loop over {@code studies}, {@code
 * trial-results} and its own {@code suggester-state}, all keyed by study id and co-partitioned. For
 * each study it keeps {@code parallelism} trials in flight until {@code n_trials} have results.
 *
 * <p>Its state lives in Kafka. When it is given a partition it replays that partition of all three
 * topics from the beginning (studies and state are compacted), rebuilding each study's optimizer
 * from the results, and only then issues new requests. Requests, the state snapshot and the input
 * offsets are committed in one transaction, so a crash never issues a trial twice or loses one.
 */
public final class SuggesterService implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SuggesterService.class);
  private static final AvroSerde<StudySpec> SPECS =
      (AvroSerde<StudySpec>) Topics.STUDIES.valueSerde();
  private static final AvroSerde<TrialResult> RESULTS =
      (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();
  private static final AvroSerde<TrialRequest> REQUESTS =
      (AvroSerde<TrialRequest>) Topics.TRIAL_REQUESTS.valueSerde();
  private static final AvroSerde<SuggesterState> STATES =
      (AvroSerde<SuggesterState>) Topics.SUGGESTER_STATE.valueSerde();
  private static final List<String> INPUTS =
      List.of(Topics.STUDIES.name(), Topics.TRIAL_RESULTS.name(), Topics.SUGGESTER_STATE.name());

  private final SuggesterConfig config;
  private final SuggesterMetrics meters;
  private final Clock clock;

  /** Read by metric scrapes on other threads, hence concurrent. */
  private final Map<String, StudyBook> studies = new ConcurrentHashMap<>();

  private final Map<String, Integer> studyPartition = new HashMap<>();

  /** Snapshots read during replay, applied once the study's spec is known. */
  private final Map<String, SuggesterState> snapshots = new HashMap<>();

  /** Results read during replay before their study's spec (topics interleave arbitrarily). */
  private final Map<String, List<TrialResult>> earlyResults = new HashMap<>();

  /** Partitions still replaying, with the offsets that end their replay. */
  private final Map<TopicPartition, Long> replayUntil = new HashMap<>();

  private RequestSlots slots = new RequestSlots(0);
  private volatile boolean closed;
  private volatile KafkaConsumer<byte[], byte[]> consumer;

  private SuggesterService(SuggesterConfig config, MeterRegistry registry, Clock clock) {
    this.config = config;
    this.meters = new SuggesterMetrics(registry);
    this.clock = clock;
  }

  /** The one way to build the service loop, shared by the CLI and the tests. */
  public static SuggesterService create(SuggesterConfig config, MeterRegistry registry) {
    return new SuggesterService(config, registry, Clock.systemUTC());
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c =
            new KafkaConsumer<>(
                consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> tx =
            new KafkaProducer<>(
                producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer = c;
      tx.initTransactions();
      slots =
          new RequestSlots(
              c.partitionsFor(Topics.TRIAL_REQUESTS.name(), Duration.ofSeconds(30)).size());
      c.subscribe(INPUTS, new Rebalance());
      LOG.debug("suggester {} started", config.instanceId());
      while (!closed) {
        ConsumerRecords<byte[], byte[]> records = c.poll(config.pollTimeout());
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        Map<ConsumerRecord<byte[], byte[]>, String> poison = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
          try {
            apply(r, touched);
          } catch (SerializationException | IllegalArgumentException e) {
            poison.put(r, e.getMessage());
            LOG.warn(
                "poison record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
          }
        }
        Set<Integer> caughtUp = finishReplay(c);
        for (Map.Entry<String, StudyBook> e : studies.entrySet()) {
          int p = studyPartition.get(e.getKey());
          boolean live = !replaying(p);
          if (live && (touched.contains(e.getKey()) || caughtUp.contains(p))) {
            emit(e.getValue(), out);
          }
        }
        if (!out.isEmpty() || !poison.isEmpty()) {
          try {
            commit(c, tx, out, poison, records);
          } catch (ProducerFencedException
              | OutOfOrderSequenceException
              | AuthorizationException
              | UnsupportedVersionException e) {
            throw e; // fatal for this producer
          } catch (KafkaException e) {
            // The transaction did not happen, but memory moved ahead of it (trials numbered,
            // pending).
            // Throw the in-memory view away and rebuild it from what Kafka holds.
            LOG.warn(
                "suggester {}: transaction failed ({}); rebuilding from Kafka",
                config.instanceId(),
                e.toString());
            abortQuietly(tx);
            rebuild(c);
          }
        }
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } catch (ProducerFencedException e) {
      LOG.error("suggester {} was fenced by a newer instance; stopping", config.instanceId());
    } finally {
      LOG.debug("suggester {} stopped", config.instanceId());
    }
  }

  private void apply(ConsumerRecord<byte[], byte[]> r, Set<String> touched) {
    String topic = r.topic();
    if (topic.equals(Topics.STUDIES.name())) {
      if (r.value() == null) {
        return; // a tombstone removes a study from the compacted log; nothing to undo here
      }
      StudySpec spec = SPECS.fromBytes(r.value());
      if (studies.containsKey(spec.getStudyId())) {
        LOG.info("study {} was submitted again; keeping the running one", spec.getStudyId());
        return;
      }
      StudyBook book = new StudyBook(spec);
      studies.put(spec.getStudyId(), book);
      studyPartition.put(spec.getStudyId(), r.partition());
      SuggesterState snapshot = snapshots.remove(spec.getStudyId());
      if (snapshot != null) {
        book.restore(snapshot);
      }
      for (TrialResult early : earlyResults.getOrDefault(spec.getStudyId(), List.of())) {
        book.onResult(early);
      }
      earlyResults.remove(spec.getStudyId());
      meters.registerStudy(spec.getStudyId(), studies::get);
      touched.add(spec.getStudyId());
      LOG.info(
          "study {}: {} trials, parallelism {}, algorithm {}",
          spec.getStudyId(),
          spec.getNTrials(),
          spec.getParallelism(),
          spec.getAlgorithm().getName());
    } else if (topic.equals(Topics.TRIAL_RESULTS.name())) {
      if (r.value() == null) {
        return;
      }
      TrialResult result = RESULTS.fromBytes(r.value());
      slots.release(result.getStudyId(), result.getTrialId());
      StudyBook book = studies.get(result.getStudyId());
      if (book == null && replaying(r.partition())) {
        earlyResults.computeIfAbsent(result.getStudyId(), k -> new ArrayList<>()).add(result);
        return;
      }
      if (book == null) {
        throw new IllegalArgumentException(
            "result " + result.getTrialId() + " names unknown study " + result.getStudyId());
      }
      long t0 = System.nanoTime();
      if (book.onResult(result)) {
        meters.recordTell(
            result.getStudyId(), book.spec().getAlgorithm().getName(), System.nanoTime() - t0);
        meters.recordResult(result);
        touched.add(result.getStudyId());
      } else {
        meters.recordDuplicate(result);
      }
    } else if (topic.equals(Topics.SUGGESTER_STATE.name())) {
      // Our own snapshots matter only while rebuilding; afterwards memory is ahead of them.
      if (replaying(r.partition()) && r.value() != null) {
        SuggesterState state = STATES.fromBytes(r.value());
        StudyBook book = studies.get(state.getStudyId());
        if (book != null) {
          book.restore(state);
        } else {
          snapshots.put(state.getStudyId(), state);
        }
      }
    }
  }

  private void emit(StudyBook book, List<ProducerRecord<byte[], byte[]>> out) {
    String study = book.spec().getStudyId();
    long t0 = System.nanoTime();
    List<TrialRequest> requests = book.topUp(clock.millis());
    if (!requests.isEmpty()) {
      meters.recordAsk(study, book.spec().getAlgorithm().getName(), System.nanoTime() - t0);
    }
    for (TrialRequest req : requests) {
      out.add(
          new ProducerRecord<>(
              Topics.TRIAL_REQUESTS.name(),
              slots.assign(study, req.getTrialId()),
              utf8(req.getTrialId()),
              REQUESTS.toBytes(req)));
    }
    if (!requests.isEmpty() || book.done()) {
      out.add(
          new ProducerRecord<>(
              Topics.SUGGESTER_STATE.name(),
              studyPartition.get(study),
              utf8(study),
              STATES.toBytes(book.snapshot())));
      meters.recordRequests(study, requests.size());
    }
  }

  private void commit(
      KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx,
      List<ProducerRecord<byte[], byte[]>> out,
      Map<ConsumerRecord<byte[], byte[]>, String> poison,
      ConsumerRecords<byte[], byte[]> records) {
    tx.beginTransaction();
    out.forEach(tx::send);
    poison.forEach((r, reason) -> DeadLetters.send(tx, r, reason, "suggester"));
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<byte[], byte[]>> rs = records.records(tp);
      offsets.put(tp, new OffsetAndMetadata(rs.get(rs.size() - 1).offset() + 1));
    }
    tx.sendOffsetsToTransaction(offsets, c.groupMetadata());
    tx.commitTransaction();
  }

  private static void abortQuietly(KafkaProducer<byte[], byte[]> tx) {
    try {
      tx.abortTransaction();
    } catch (KafkaException e) {
      LOG.debug("abort after a failed transaction: {}", e.toString());
    }
  }

  /** Forgets every study and replays all assigned partitions from the beginning. */
  private void rebuild(KafkaConsumer<byte[], byte[]> c) {
    studies.clear();
    studyPartition.clear();
    snapshots.clear();
    earlyResults.clear();
    replayUntil.clear();
    slots.clear();
    new Rebalance().onPartitionsAssigned(c.assignment());
  }

  private boolean replaying(int partition) {
    return replayUntil.keySet().stream().anyMatch(tp -> tp.partition() == partition);
  }

  /**
   * Ends replay for partitions whose position reached the end seen at assignment; returns those now
   * live.
   */
  private Set<Integer> finishReplay(KafkaConsumer<byte[], byte[]> c) {
    Set<Integer> before = new HashSet<>();
    replayUntil.keySet().forEach(tp -> before.add(tp.partition()));
    replayUntil.entrySet().removeIf(e -> c.position(e.getKey()) >= e.getValue());
    if (replayUntil.isEmpty() && !earlyResults.isEmpty()) {
      LOG.warn(
          "suggester {}: results for studies with no spec were ignored: {}",
          config.instanceId(),
          earlyResults.keySet());
      earlyResults.clear();
    }
    Set<Integer> live = new HashSet<>();
    for (int p : before) {
      if (!replaying(p)) {
        live.add(p);
        LOG.info(
            "suggester {}: partition {} rebuilt, {} studies",
            config.instanceId(),
            p,
            studyPartition.values().stream().filter(x -> x == p).count());
      }
    }
    return live;
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      consumer.seekToBeginning(partitions);
      ends.forEach(
          (tp, end) -> {
            if (consumer.position(tp) < end) {
              replayUntil.put(tp, end);
            }
          });
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Set<Integer> gone = new HashSet<>();
      partitions.forEach(
          tp -> {
            gone.add(tp.partition());
            replayUntil.remove(tp);
          });
      studies.keySet().removeIf(s -> gone.contains(studyPartition.get(s)));
      studyPartition.values().removeIf(gone::contains);
    }
  }

  private Properties consumerProps() {
    Properties p =
        ClientSettings.transactionalGroupConsumer(
            config.bootstrap(), config.groupId(), config.instanceId());
    // Range assignment gives one instance partition p of every input topic (they have equal
    // counts),
    // which replay relies on: a study's spec, results and snapshots must meet in one instance.
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
    return p;
  }

  private Properties producerProps() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "streamtune-suggester-" + config.instanceId());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-producer");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return p;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }
}
