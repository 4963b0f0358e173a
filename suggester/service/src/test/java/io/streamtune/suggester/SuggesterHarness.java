package io.streamtune.suggester;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.KafkaClients;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs a {@link SuggesterService} on the test's thread over a {@link MockConsumer} and a {@link
 * MockProducer}, with an in-memory log of the topics it reads standing in for the broker.
 *
 * <p>The test queues steps; each poll of the service runs the next step and then hands the consumer
 * every log record at or after its position, as a broker would. A committed transaction is
 * recorded, its offsets are committed for the group, and what it wrote to topics the service reads
 * (its state, the results it gives up) is appended to the log. When the steps run out the service
 * is closed. Time stands still unless a step moves {@link #clock}.
 */
final class SuggesterHarness {

  static final int PARTITIONS = 2;
  static final List<String> TOPICS =
      List.of(
          Topics.STUDIES.name(),
          Topics.TRIAL_CLAIMS.name(),
          Topics.TRIAL_RESULTS.name(),
          Topics.SUGGESTER_STATE.name());

  /** One committed transaction: what it sent and the input offsets it committed. */
  record Transaction(
      List<ProducerRecord<byte[], byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> offsets) {

    List<TrialRequest> requests() {
      return decode(records, Topics.TRIAL_REQUESTS);
    }

    List<SuggesterState> states() {
      return decode(records, Topics.SUGGESTER_STATE);
    }

    List<StudyStatus> statuses() {
      return decode(records, Topics.STUDY_STATUS);
    }

    List<TrialResult> results() {
      return decode(records, Topics.TRIAL_RESULTS);
    }

    List<ProducerRecord<byte[], byte[]>> deadLetters() {
      return on(Topics.DEAD_LETTER.name());
    }

    List<ProducerRecord<byte[], byte[]>> on(String topic) {
      return records.stream().filter(r -> r.topic().equals(topic)).toList();
    }
  }

  /** A producer that records each transaction as it commits, and plays the broker's part. */
  private final class RecordingProducer extends MockProducer<byte[], byte[]> {
    RecordingProducer() {
      super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void commitTransaction() {
      List<ProducerRecord<byte[], byte[]>> sent = uncommittedRecords();
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      uncommittedOffsets().values().forEach(offsets::putAll);
      super.commitTransaction();
      transactions.add(new Transaction(sent, offsets));
      if (!offsets.isEmpty()) {
        consumer.commitSync(offsets);
      }
      for (ProducerRecord<byte[], byte[]> r : sent) {
        if (TOPICS.contains(r.topic())) {
          append(r.topic(), r.partition(), r.key(), r.value());
        }
      }
    }

    @Override
    public void abortTransaction() {
      super.abortTransaction();
      aborted++;
    }
  }

  final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  final MockProducer<byte[], byte[]> producer = new RecordingProducer();
  final MockClock clock = new MockClock();
  final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  final List<Transaction> transactions = new ArrayList<>();
  int aborted;
  final SuggesterService service;

  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();
  private final Deque<Runnable> steps = new ArrayDeque<>();

  SuggesterHarness() {
    this(SuggesterConfig.defaults("mock:9092"));
  }

  SuggesterHarness(SuggesterConfig config) {
    Map<TopicPartition, Long> zeros = new HashMap<>();
    for (String topic : TOPICS) {
      for (int p = 0; p < PARTITIONS; p++) {
        TopicPartition tp = new TopicPartition(topic, p);
        log.put(tp, new ArrayList<>());
        zeros.put(tp, 0L);
      }
    }
    consumer.updateBeginningOffsets(zeros);
    consumer.updateEndOffsets(zeros);
    consumer.updatePartitions(Topics.TRIAL_REQUESTS.name(), partitions(Topics.TRIAL_REQUESTS));
    consumer.updatePartitions(Topics.STUDIES.name(), partitions(Topics.STUDIES));
    service =
        SuggesterService.create(
            config,
            registry,
            new KafkaClients() {
              @Override
              public Consumer<byte[], byte[]> consumer(Properties settings) {
                return consumer;
              }

              @Override
              public Producer<byte[], byte[]> producer(Properties settings) {
                return producer;
              }
            },
            new Clock() {
              @Override
              public ZoneId getZone() {
                return ZoneOffset.UTC;
              }

              @Override
              public Clock withZone(ZoneId zone) {
                return this;
              }

              @Override
              public Instant instant() {
                return Instant.ofEpochMilli(clock.wallTime());
              }
            });
  }

  private static List<PartitionInfo> partitions(Topic<?, ?> topic) {
    Node node = new Node(0, "mock", 9092);
    List<PartitionInfo> out = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      Node[] replicas = {node};
      out.add(new PartitionInfo(topic.name(), p, node, replicas, replicas));
    }
    return out;
  }

  /** Queues a step for the next poll that has none. */
  SuggesterHarness then(Runnable step) {
    steps.add(step);
    return this;
  }

  /** Queues {@code n} polls that change nothing. */
  SuggesterHarness idle(int n) {
    for (int i = 0; i < n; i++) {
      steps.add(() -> {});
    }
    return this;
  }

  /** Queues a step that moves time on by {@code ms}. */
  SuggesterHarness later(long ms) {
    return then(() -> clock.add(ms, TimeUnit.MILLISECONDS));
  }

  int stepsLeft() {
    return steps.size();
  }

  /** Runs the service until the steps run out (or it stops by itself). */
  void run() {
    consumer.schedulePollTask(this::drive);
    service.run();
  }

  private void drive() {
    Runnable step = steps.poll();
    if (step == null) {
      service.close();
      return;
    }
    step.run();
    feed();
    consumer.schedulePollTask(this::drive);
  }

  private void feed() {
    for (TopicPartition tp : consumer.assignment()) {
      if (consumer.paused().contains(tp)) {
        continue;
      }
      List<ConsumerRecord<byte[], byte[]>> records = log.get(tp);
      for (long o = consumer.position(tp); o < records.size(); o++) {
        consumer.addRecord(records.get((int) o));
      }
    }
  }

  /** Gives the service the given partitions of every topic it reads, as range assignment does. */
  void assign(int... partitions) {
    List<TopicPartition> tps = new ArrayList<>();
    for (String topic : TOPICS) {
      for (int p : partitions) {
        tps.add(new TopicPartition(topic, p));
      }
    }
    consumer.rebalance(tps);
  }

  void assignAll() {
    assign(0, 1);
  }

  /** The partition study-keyed records of {@code study} belong on. */
  static int home(String study) {
    return StudyPartitioner.partition(study, PARTITIONS);
  }

  void spec(StudySpec spec) {
    append(
        Topics.STUDIES.name(),
        home(spec.getStudyId()),
        utf8(spec.getStudyId()),
        encode(Topics.STUDIES, spec));
  }

  void deleteSpec(String study) {
    append(Topics.STUDIES.name(), home(study), utf8(study), null);
  }

  void result(TrialResult result) {
    result(result, home(result.getStudyId()));
  }

  void result(TrialResult result, int partition) {
    append(
        Topics.TRIAL_RESULTS.name(),
        partition,
        utf8(result.getStudyId()),
        encode(Topics.TRIAL_RESULTS, result));
  }

  void claim(TrialClaim claim) {
    append(
        Topics.TRIAL_CLAIMS.name(),
        home(claim.getStudyId()),
        utf8(claim.getStudyId()),
        encode(Topics.TRIAL_CLAIMS, claim));
  }

  void append(String topic, int partition, byte[] key, byte[] value) {
    TopicPartition tp = new TopicPartition(topic, partition);
    List<ConsumerRecord<byte[], byte[]>> records = log.get(tp);
    records.add(new ConsumerRecord<>(topic, partition, records.size(), key, value));
    consumer.updateEndOffsets(Map.of(tp, (long) records.size()));
  }

  /** Every trial request committed so far, in order. */
  List<TrialRequest> requests() {
    return transactions.stream().flatMap(t -> t.requests().stream()).toList();
  }

  /** The latest committed request of a trial. */
  TrialRequest issued(String trialId) {
    List<TrialRequest> all =
        requests().stream().filter(r -> r.getTrialId().equals(trialId)).toList();
    return all.get(all.size() - 1);
  }

  List<ProducerRecord<byte[], byte[]>> deadLetters() {
    return transactions.stream().flatMap(t -> t.deadLetters().stream()).toList();
  }

  List<StudyStatus> statuses() {
    return transactions.stream().flatMap(t -> t.statuses().stream()).toList();
  }

  static <V> byte[] encode(Topic<String, V> topic, V value) {
    return topic.valueSerde().serializer().serialize(topic.name(), value);
  }

  private static <V> List<V> decode(
      List<ProducerRecord<byte[], byte[]>> records, Topic<String, V> topic) {
    return records.stream()
        .filter(r -> r.topic().equals(topic.name()) && r.value() != null)
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
