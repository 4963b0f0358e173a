package io.streamtune.trainer;

import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.KafkaClients;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.schemas.Topic;
import io.streamtune.schemas.Topics;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Runs a {@link TrainerWorker} on the test's thread over a {@link MockConsumer} and two {@link
 * MockProducer}s (the transactional results producer and the metrics producer), with an in-memory
 * {@code trial-requests} log standing in for the broker.
 *
 * <p>The test queues steps; each poll of the worker runs the next step and then hands the consumer
 * every log record at or after its position, as a broker would. A step made with {@link #until}
 * repeats until its condition holds, so a test can wait for the trial thread. Committed and aborted
 * transactions are recorded. When the steps run out the worker is closed.
 */
final class TrainerHarness {

  static final String TOPIC = Topics.TRIAL_REQUESTS.name();
  static final int PARTITIONS = 2;
  static final int STUDY_PARTITIONS = 3;
  private static final long STEP_LIMIT_NANOS = Duration.ofSeconds(10).toNanos();

  /** One committed transaction: its records and the request offsets it consumed. */
  record Transaction(
      List<ProducerRecord<byte[], byte[]>> records,
      Map<TopicPartition, OffsetAndMetadata> offsets) {

    List<TrialResult> results() {
      return decode(records, Topics.TRIAL_RESULTS);
    }

    List<ProducerRecord<byte[], byte[]>> deadLetters() {
      return records.stream().filter(r -> r.topic().equals(Topics.DEAD_LETTER.name())).toList();
    }
  }

  /** A results producer that records each transaction and can fail the next commit once. */
  final class ResultsProducer extends MockProducer<byte[], byte[]> {
    private RuntimeException nextCommitFailure;

    ResultsProducer() {
      super(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    void failNextCommit(RuntimeException e) {
      nextCommitFailure = e;
    }

    @Override
    public void commitTransaction() {
      if (nextCommitFailure != null) {
        RuntimeException e = nextCommitFailure;
        nextCommitFailure = null;
        throw e;
      }
      List<ProducerRecord<byte[], byte[]>> sent = uncommittedRecords();
      Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
      uncommittedOffsets().values().forEach(offsets::putAll);
      super.commitTransaction();
      transactions.add(new Transaction(sent, offsets));
    }

    @Override
    public void abortTransaction() {
      super.abortTransaction();
      aborted++;
    }
  }

  /** Stop orders the test sets by hand, as the monitor would. */
  static final class Stops implements StopOrders {
    final Map<String, StopDecision> stopped = new ConcurrentHashMap<>();

    void stop(String trialId, int attempt, String rule) {
      stopped.put(
          trialId + "#" + attempt,
          StopDecision.newBuilder()
              .setStudyId("s")
              .setTrialId(trialId)
              .setAttempt(attempt)
              .setRule(rule)
              .setStep(1)
              .setValue(5.0)
              .setThreshold(1.0)
              .setReason("worse than the median")
              .build());
    }

    @Override
    public StopDecision decision(String trialId, int attempt) {
      return stopped.get(trialId + "#" + attempt);
    }

    @Override
    public void forget(String trialId, int attempt) {
      stopped.remove(trialId + "#" + attempt);
    }
  }

  /** A consumer that counts the rejoins the worker asks for. */
  static final class GroupConsumer extends MockConsumer<byte[], byte[]> {
    int rejoinsAsked;

    GroupConsumer() {
      super("earliest");
    }

    @Override
    public void enforceRebalance(String reason) {
      rejoinsAsked++;
      super.enforceRebalance(reason);
    }
  }

  final GroupConsumer consumer = new GroupConsumer();
  final ResultsProducer results = new ResultsProducer();
  final MockProducer<byte[], byte[]> plain =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  final SimpleMeterRegistry registry =
      new SimpleMeterRegistry(SimpleConfig.DEFAULT, new MockClock());
  final Stops stops = new Stops();
  final TestStudies specs = new TestStudies();
  final List<Transaction> transactions = new ArrayList<>();
  int aborted;
  final TrainerWorker worker;

  private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> log = new HashMap<>();
  private final Deque<Runnable> steps = new ArrayDeque<>();

  TrainerHarness(ObjectiveRegistry objectives) {
    this(objectives, TrainerConfig.defaults("mock:9092").withWorkerId("w1"));
  }

  TrainerHarness(ObjectiveRegistry objectives, TrainerConfig config) {
    Map<TopicPartition, Long> zeros = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      TopicPartition tp = new TopicPartition(TOPIC, p);
      log.put(tp, new ArrayList<>());
      zeros.put(tp, 0L);
    }
    consumer.updateBeginningOffsets(zeros);
    consumer.updateEndOffsets(zeros);
    consumer.setMaxPollRecords(1); // as the trainer's consumer settings ask
    worker =
        TrainerWorker.create(
            config,
            objectives,
            specs,
            stops,
            registry,
            new KafkaClients() {
              @Override
              public Consumer<byte[], byte[]> consumer(Properties settings) {
                return consumer;
              }

              @Override
              public Producer<byte[], byte[]> producer(Properties settings) {
                return settings.containsKey(ProducerConfig.TRANSACTIONAL_ID_CONFIG)
                    ? results
                    : plain;
              }
            },
            Duration.ofSeconds(5));
  }

  /** Queues a step for the next poll that has none. */
  TrainerHarness then(Runnable step) {
    steps.add(step);
    return this;
  }

  /** Queues {@code n} polls that change nothing. */
  TrainerHarness idle(int n) {
    for (int i = 0; i < n; i++) {
      steps.add(() -> {});
    }
    return this;
  }

  int stepsLeft() {
    return steps.size();
  }

  /** Queues a step that polls until {@code condition} holds (at most 10 s). */
  TrainerHarness until(BooleanSupplier condition) {
    long[] deadline = {0};
    Runnable[] self = new Runnable[1];
    self[0] =
        () -> {
          if (deadline[0] == 0) {
            deadline[0] = System.nanoTime() + STEP_LIMIT_NANOS;
          }
          if (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline[0]) {
              throw new AssertionError("condition not met within 10 s");
            }
            pause();
            steps.addFirst(self[0]);
          }
        };
    steps.add(self[0]);
    return this;
  }

  private static void pause() {
    try {
      Thread.sleep(2);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Runs the worker until the steps run out; then it is closed and this returns. */
  void run() {
    consumer.schedulePollTask(this::drive);
    worker.run();
  }

  private void drive() {
    Runnable step = steps.poll();
    if (step == null) {
      worker.close();
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
      }
    }
  }

  void assign(int... partitions) {
    List<TopicPartition> tps = new ArrayList<>();
    for (int p : partitions) {
      tps.add(new TopicPartition(TOPIC, p));
    }
    consumer.rebalance(tps);
  }

  void append(int partition, byte[] value) {
    TopicPartition tp = new TopicPartition(TOPIC, partition);
    List<ConsumerRecord<byte[], byte[]>> records = log.get(tp);
    records.add(new ConsumerRecord<>(TOPIC, partition, records.size(), utf8("key"), value));
    consumer.updateEndOffsets(Map.of(tp, (long) records.size()));
  }

  void request(int partition, TrialRequest request) {
    append(partition, Topics.TRIAL_REQUESTS.valueSerde().serializer().serialize(TOPIC, request));
  }

  List<TrialResult> results() {
    return transactions.stream().flatMap(t -> t.results().stream()).toList();
  }

  List<EpochMetric> metrics() {
    return decode(plain.history(), Topics.TRIAL_METRICS);
  }

  /** Claims in committed transactions, then renewals and releases, in that order. */
  List<TrialClaim> claims() {
    List<TrialClaim> out = new ArrayList<>();
    transactions.forEach(t -> out.addAll(decode(t.records(), Topics.TRIAL_CLAIMS)));
    out.addAll(decode(plain.history(), Topics.TRIAL_CLAIMS));
    return out;
  }

  static <V> List<V> decode(List<ProducerRecord<byte[], byte[]>> records, Topic<String, V> topic) {
    return records.stream()
        .filter(r -> r.topic().equals(topic.name()))
        .map(r -> topic.valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .toList();
  }

  /** A study like the requests of {@link #request} ask for: objective, space, budget. */
  static StudySpec spec(String objective, int maxEpochs, String rule) {
    return StudySpec.newBuilder()
        .setStudyId("s")
        .setObjective(ObjectiveSpec.newBuilder().setName(objective).build())
        .setMetric(MetricSpec.newBuilder().build())
        .setSpace(
            List.of(
                Dimension.newBuilder()
                    .setName("x")
                    .setType(DimensionType.REAL)
                    .setLow(0)
                    .setHigh(2)
                    .build()))
        .setNTrials(100)
        .setParallelism(2)
        .setMaxEpochs(maxEpochs)
        .setAlgorithm(AlgorithmSpec.newBuilder().build())
        .setStopping(StoppingSpec.newBuilder().setRule(rule).build())
        .build();
  }

  /** Makes the study of {@link #request} known to the trainer. */
  void submit(String objective, int maxEpochs) {
    specs.specs.put("s", spec(objective, maxEpochs, "median"));
  }

  static final long LEASE_MS = 40;

  static TrialRequest request(String trialId, String objective, int maxEpochs) {
    return TrialRequest.newBuilder()
        .setStudyId("s")
        .setTrialId(trialId)
        .setTrialNumber(Integer.parseInt(trialId.substring(trialId.lastIndexOf('t') + 1)))
        .setParams(new HashMap<>(Map.of("x", 1.0)))
        .setObjective(ObjectiveSpec.newBuilder().setName(objective).build())
        .setMetric(MetricSpec.newBuilder().build())
        .setMaxEpochs(maxEpochs)
        .setStudyPartition(StudyPartitioner.partition("s", STUDY_PARTITIONS))
        .setLeaseMs(LEASE_MS)
        .build();
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
