package io.streamtune.suggester;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.KafkaClients;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
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
 * MockProducer}, with an in-memory log of the input topics standing in for the broker.
 *
 * <p>The test queues steps; each poll of the service runs the next step (append records, rebalance,
 * break the producer) and then hands the consumer every log record at or after its position, as a
 * broker would. Committed transactions are recorded, and their {@code suggester-state} records are
 * appended to the log, so a replay reads the snapshots the service wrote. When the steps run out
 * the service is closed.
 */
final class SuggesterHarness {

  static final int PARTITIONS = 2;
  static final List<String> INPUTS =
      List.of(Topics.STUDIES.name(), Topics.TRIAL_RESULTS.name(), Topics.SUGGESTER_STATE.name());

  /** One committed transaction: what it sent, the input offsets, and the consumer's positions. */
  record Transaction(
      List<ProducerRecord<byte[], byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> offsets,
      Map<TopicPartition, Long> positions) {

    List<TrialRequest> requests() {
      return decode(records, Topics.TRIAL_REQUESTS);
    }

    List<SuggesterState> snapshots() {
      return decode(records, Topics.SUGGESTER_STATE);
    }

    List<ProducerRecord<byte[], byte[]>> deadLetters() {
      return records.stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER.name())).toList();
    }
  }

  /**
   * A producer that records each transaction as it commits or aborts, and appends it to the log.
   */
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
      transactions.add(new Transaction(sent, offsets, positions()));
      for (ProducerRecord<byte[], byte[]> r : sent) {
        if (r.topic().equals(Topics.SUGGESTER_STATE.name())) {
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
  private final Map<String, Integer> partitionOf = new HashMap<>();
  private final Deque<Runnable> steps = new ArrayDeque<>();
  private boolean oneRecordPerPoll;

  SuggesterHarness() {
    this(SuggesterConfig.defaults("mock:9092"));
  }

  SuggesterHarness(SuggesterConfig config) {
    Map<TopicPartition, Long> zeros = new HashMap<>();
    for (String topic : INPUTS) {
      for (int p = 0; p < PARTITIONS; p++) {
        TopicPartition tp = new TopicPartition(topic, p);
        log.put(tp, new ArrayList<>());
        zeros.put(tp, 0L);
      }
    }
    consumer.updateBeginningOffsets(zeros);
    consumer.updateEndOffsets(zeros);
    consumer.updatePartitions(Topics.TRIAL_REQUESTS.name(), requestPartitions());
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
            });
  }

  private static List<PartitionInfo> requestPartitions() {
    Node node = new Node(0, "mock", 9092);
    List<PartitionInfo> out = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      Node[] replicas = {node};
      out.add(new PartitionInfo(Topics.TRIAL_REQUESTS.name(), p, node, replicas, replicas));
    }
    return out;
  }

  /** Hands the consumer at most one log record per poll, so that a replay spans many polls. */
  SuggesterHarness oneRecordPerPoll() {
    oneRecordPerPoll = true;
    return this;
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
      List<ConsumerRecord<byte[], byte[]>> records = log.get(tp);
      for (long o = consumer.position(tp); o < records.size(); o++) {
        consumer.addRecord(records.get((int) o));
        if (oneRecordPerPoll) {
          return;
        }
      }
    }
  }

  /** Gives the service the given partitions of all three input topics, as range assignment does. */
  void assign(int... partitions) {
    List<TopicPartition> tps = new ArrayList<>();
    for (String topic : INPUTS) {
      for (int p : partitions) {
        tps.add(new TopicPartition(topic, p));
      }
    }
    consumer.rebalance(tps);
  }

  void assignAll() {
    assign(0, 1);
  }

  /** Appends a spec to {@code studies}; its results and snapshots then go to the same partition. */
  void spec(StudySpec spec, int partition) {
    partitionOf.put(spec.getStudyId(), partition);
    append(Topics.STUDIES.name(), partition, utf8(spec.getStudyId()), encode(Topics.STUDIES, spec));
  }

  void result(TrialResult result) {
    append(
        Topics.TRIAL_RESULTS.name(),
        partitionOf.get(result.getStudyId()),
        utf8(result.getStudyId()),
        encode(Topics.TRIAL_RESULTS, result));
  }

  void snapshot(SuggesterState state) {
    append(
        Topics.SUGGESTER_STATE.name(),
        partitionOf.get(state.getStudyId()),
        utf8(state.getStudyId()),
        encode(Topics.SUGGESTER_STATE, state));
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

  private Map<TopicPartition, Long> positions() {
    Map<TopicPartition, Long> out = new HashMap<>();
    consumer.assignment().forEach(tp -> out.put(tp, consumer.position(tp)));
    return out;
  }

  private static <V> byte[] encode(Topic<String, V> topic, V value) {
    return topic.valueSerde().serializer().serialize(topic.name(), value);
  }

  private static <V> List<V> decode(
      List<ProducerRecord<byte[], byte[]>> records, Topic<String, V> topic) {
    return records.stream()
        .filter(r -> r.topic().equals(topic.name()))
        .map(r -> topic.valueSerde().deserializer().deserialize(topic.name(), r.value()))
        .toList();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
