package io.streamtune.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.Direction;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.StudySpecParser;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A {@link TopologyTestDriver} around {@link MonitorTopology#buildTopology} with the monitor's own
 * streams properties (exactly_once_v2, the dead-letter handler), typed topics, and helpers that
 * play whole learning curves.
 */
final class MonitorDriver implements AutoCloseable {

  static {
    // Kafka Streams logs its whole config at INFO; tests print nothing unless they fail.
    if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "error");
    }
  }

  static final String STUDY = "st";
  static final int N_TRIALS = 50;

  /** The meters' clock, which removes a quiet study's meters; the driver's wall clock is apart. */
  final MockClock clock = new MockClock();

  final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  final TopologyTestDriver driver;
  final TestInputTopic<String, StudySpec> studies;
  final TestInputTopic<String, EpochMetric> metrics;
  final TestInputTopic<String, byte[]> rawMetrics;
  final TestInputTopic<String, TrialResult> results;
  final TestOutputTopic<String, StopDecision> control;

  /** Decisions written to trial-control by someone other than the monitor. */
  final TestInputTopic<String, StopDecision> forged;

  final TestInputTopic<String, byte[]> rawControl;
  final TestInputTopic<String, byte[]> rawResults;
  final TestOutputTopic<byte[], byte[]> deadLetters;
  private final Instant start = Instant.parse("2025-01-01T00:00:00Z");
  private long timestamp = 1;

  /** Each study's trial numbers by the tests' names for them, in order of first use. */
  private final Map<String, Map<String, Integer>> numbers = new HashMap<>();

  /**
   * The monitor exactly as configured for production: exactly_once_v2 and the dead-letter handler.
   */
  MonitorDriver(Path stateDir) {
    this(stateDir, StreamsConfig.EXACTLY_ONCE_V2);
  }

  /**
   * With another processing guarantee, for the dead-letter tests only. Under exactly_once_v2 the
   * handler's dead-letter record is sent inside the open transaction; when the poison record is the
   * only input of a step, TopologyTestDriver processes nothing, does not commit, and then calls
   * {@code MockProducer.clear()}, which discards uncommitted sends. A real broker commits the
   * record with the task's next transaction.
   */
  MonitorDriver(Path stateDir, String processingGuarantee) {
    MonitorConfig config = MonitorConfig.defaults("localhost:9092", stateDir);
    Properties props = config.streamsProperties();
    if (!StreamsConfig.EXACTLY_ONCE_V2.equals(
        props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
      throw new IllegalStateException("the monitor must run exactly_once_v2");
    }
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, processingGuarantee);
    driver =
        new TopologyTestDriver(
            MonitorTopology.buildTopology(new StreamsBuilder(), config, registry), props, start);
    studies = topic(Topics.STUDIES.name(), Topics.STUDIES.valueSerde().serializer());
    metrics = topic(Topics.TRIAL_METRICS.name(), Topics.TRIAL_METRICS.valueSerde().serializer());
    rawMetrics = topic(Topics.TRIAL_METRICS.name(), new ByteArraySerializer());
    results = topic(Topics.TRIAL_RESULTS.name(), Topics.TRIAL_RESULTS.valueSerde().serializer());
    forged = topic(Topics.TRIAL_CONTROL.name(), Topics.TRIAL_CONTROL.valueSerde().serializer());
    rawControl = topic(Topics.TRIAL_CONTROL.name(), new ByteArraySerializer());
    rawResults = topic(Topics.TRIAL_RESULTS.name(), new ByteArraySerializer());
    control =
        driver.createOutputTopic(
            Topics.TRIAL_CONTROL.name(),
            Topics.TRIAL_CONTROL.keySerde().deserializer(),
            Topics.TRIAL_CONTROL.valueSerde().deserializer());
    deadLetters =
        driver.createOutputTopic(
            Topics.DEAD_LETTER.name(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }

  private <V> TestInputTopic<String, V> topic(String name, Serializer<V> s) {
    return driver.createInputTopic(name, new StringSerializer(), s);
  }

  /** Submits a study with {@code max_epochs} and the given stopping section (YAML flow mapping). */
  StudySpec submit(Direction direction, int maxEpochs, String stopping) {
    return submit(STUDY, direction, maxEpochs, stopping);
  }

  /** Submits another study than {@link #STUDY}, with {@value #N_TRIALS} trials. */
  StudySpec submit(String study, Direction direction, int maxEpochs, String stopping) {
    StudySpec spec =
        StudySpecParser.parse(
            """
        study: %s
        objective: branin
        metric: {name: m, direction: %s}
        n_trials: %d
        max_epochs: %d
        space:
          x1: {type: real, low: 0, high: 1}
          x2: {type: real, low: 0, high: 1}
        stopping: %s
        """
                .formatted(
                    study,
                    direction.name().toLowerCase(Locale.ROOT),
                    N_TRIALS,
                    maxEpochs,
                    stopping));
    studies.pipeInput(study, spec);
    return spec;
  }

  /**
   * The id the suggester gives the trial a test calls {@code name} ({@code StudyBook.trialId}:
   * study, "-t", the number in four digits), numbered in order of first use.
   */
  String id(String name) {
    return id(STUDY, name);
  }

  String id(String study, String name) {
    Map<String, Integer> byName = numbers.computeIfAbsent(study, s -> new HashMap<>());
    int n = byName.computeIfAbsent(name, k -> byName.size());
    return trialId(study, n);
  }

  static String trialId(String study, int number) {
    return String.format(Locale.ROOT, "%s-t%04d", study, number);
  }

  /** The stored trial a test calls {@code name}, null if there is none. */
  CurveBook.Trial trial(String name) {
    return book().trials.get(id(name));
  }

  /** A metric of the trial a test calls {@code name}. */
  void metric(String name, int attempt, int epoch, double value, int maxEpochs) {
    metric(STUDY, name, attempt, epoch, value, maxEpochs);
  }

  /** A metric of another study than {@link #STUDY}. */
  void metric(String study, String name, int attempt, int epoch, double value, int maxEpochs) {
    send(study, epochMetric(study, id(study, name), attempt, epoch, value, maxEpochs));
  }

  /** A metric exactly as given, ids included. */
  EpochMetric epochMetric(
      String study, String trialId, int attempt, int epoch, double value, int maxEpochs) {
    return EpochMetric.newBuilder()
        .setStudyId(study)
        .setTrialId(trialId)
        .setAttempt(attempt)
        .setEpoch(epoch)
        .setValue(value)
        .setMaxEpochs(maxEpochs)
        .setWorker("w")
        .setTimestamp(timestamp)
        .build();
  }

  /** Sends {@code m} under {@code key}, which a careless client may set apart from its study. */
  void send(String key, EpochMetric m) {
    metrics.pipeInput(key, m, timestamp++);
  }

  /** Reports epochs 1..values.length of attempt 1. */
  void curve(String name, int maxEpochs, double... values) {
    for (int i = 0; i < values.length; i++) {
      metric(name, 1, i + 1, values[i], maxEpochs);
    }
  }

  void result(String name, TrialStatus status, int epochsRun, int maxEpochs) {
    send(STUDY, trialResult(id(name), status, epochsRun, maxEpochs));
  }

  /** A result of {@link #STUDY} exactly as given; its trial number is read from the id. */
  TrialResult trialResult(String trialId, TrialStatus status, int epochsRun, int maxEpochs) {
    int number = Integer.parseInt(trialId.substring(trialId.lastIndexOf("-t") + 2));
    return TrialResult.newBuilder()
        .setStudyId(STUDY)
        .setTrialId(trialId)
        .setTrialNumber(number)
        .setParams(Map.of("x1", 0.5))
        .setStatus(status)
        .setValue(status == TrialStatus.FAILED ? null : 1.0)
        .setEpochsRun(epochsRun)
        .setMaxEpochs(maxEpochs)
        .build();
  }

  void send(String key, TrialResult r) {
    results.pipeInput(key, r, timestamp++);
  }

  /** A trial that ran every epoch and then completed. */
  void completed(String trialId, int maxEpochs, double... values) {
    curve(trialId, maxEpochs, values);
    result(trialId, TrialStatus.COMPLETED, values.length, maxEpochs);
  }

  static double[] flat(int steps, double value) {
    double[] v = new double[steps];
    Arrays.fill(v, value);
    return v;
  }

  /**
   * A median-rule decision on attempt 1 of {@code trialId} at {@code step}, as the monitor words
   * it.
   */
  static StopDecision decisionFor(String trialId, int step) {
    return StopDecision.newBuilder()
        .setStudyId(STUDY)
        .setTrialId(trialId)
        .setAttempt(1)
        .setRule("median")
        .setStep(step)
        .setValue(5.0)
        .setThreshold(1.0)
        .setReason("best so far 5 is worse than the median 1")
        .build();
  }

  List<StopDecision> decisions() {
    return control.readValuesToList();
  }

  CurveBook book() {
    KeyValueStore<String, CurveBook.Trial> store =
        driver.getKeyValueStore(MonitorTopology.CURVES_STORE);
    return CurveBook.load(store, STUDY);
  }

  /** Every key in the curves store. */
  List<String> storeKeys() {
    List<String> keys = new ArrayList<>();
    KeyValueStore<String, CurveBook.Trial> store =
        driver.getKeyValueStore(MonitorTopology.CURVES_STORE);
    try (var it = store.all()) {
      it.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  /** How many records of {@code topic} were ignored for {@code reason}. */
  double ignored(String topic, String reason) {
    return counter("streamtune.monitor.records.ignored", "topic", topic, "reason", reason);
  }

  double counter(String name, String... tags) {
    Counter c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @Override
  public void close() {
    driver.close();
  }
}
