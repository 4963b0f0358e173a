package io.streamtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.StudySpecParser;
import io.streamtune.trainer.BuiltinObjectives;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Decision latency of the monitor: the time from producing an epoch metric that should stop a trial
 * to that decision becoming visible to a read_committed consumer of {@code trial-control} (which is
 * what a trainer is). Runs on the embedded broker, one probe at a time, for each exactly-once
 * commit interval given, side by side in one JVM. Prints percentiles and writes JSON.
 */
public final class DecisionLatencyBench {

  private static final AvroSerde<EpochMetric> METRICS =
      (AvroSerde<EpochMetric>) Topics.TRIAL_METRICS.valueSerde();
  private static final AvroSerde<TrialResult> RESULTS =
      (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();
  private static final AvroSerde<StopDecision> DECISIONS =
      (AvroSerde<StopDecision>) Topics.TRIAL_CONTROL.valueSerde();
  private static final int EPOCHS = 20;

  public static void main(String[] args) throws Exception {
    int trials = 200;
    List<Integer> intervals = List.of(10, 20, 50, 100);
    Path out = Path.of("results/decision-latency.json");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--trials" -> trials = Integer.parseInt(args[++i]);
        case "--commit-intervals" ->
            intervals = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
        case "--json" -> out = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; use --trials N --commit-intervals 10,20,50 --json FILE");
      }
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();
    root.put("trials_per_setting", trials);
    ArrayNode rows = root.putArray("results");
    System.out.printf(
        "%-18s %8s %8s %8s %8s %8s%n",
        "commit.interval", "p50 ms", "p90 ms", "p99 ms", "max ms", "n");
    for (int interval : intervals) {
      double[] ms = measure(interval, trials);
      Arrays.sort(ms);
      ObjectNode row = rows.addObject();
      row.put("commit_interval_ms", interval);
      row.put("p50_ms", pct(ms, 50));
      row.put("p90_ms", pct(ms, 90));
      row.put("p99_ms", pct(ms, 99));
      row.put("max_ms", ms[ms.length - 1]);
      row.put("n", ms.length);
      System.out.printf(
          "%-18s %8.1f %8.1f %8.1f %8.1f %8d%n",
          interval + " ms", pct(ms, 50), pct(ms, 90), pct(ms, 99), ms[ms.length - 1], ms.length);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), root);
    System.out.println("wrote " + out.toAbsolutePath());
    System.exit(0);
  }

  private static double[] measure(int commitIntervalMs, int trials) throws Exception {
    try (Pipeline pipeline =
        new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry())
            .withEmbeddedBroker()
            .withTopics(1, 1)
            .withMonitor(Duration.ofMillis(commitIntervalMs))) {
      String bootstrap = pipeline.bootstrap();
      StudySpec spec =
          StudySpecParser.parse(
              """
          study: latency
          objective: branin
          n_trials: 100000
          max_epochs: %d
          space: {x1: {type: real, low: 0, high: 1}, x2: {type: real, low: 0, high: 1}}
          stopping: {rule: median, min_trials: 3, min_step: 1}
          """
                  .formatted(EPOCHS));
      Pipeline.submit(KafkaConnection.of(bootstrap), spec);
      try (KafkaProducer<byte[], byte[]> producer = producer(bootstrap);
          KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
        // Three completed reference trials with losses near 1.
        for (int t = 0; t < 3; t++) {
          for (int e = 1; e <= EPOCHS; e++) {
            send(producer, metric(trialId(t), e, 1.0 + 0.01 * t));
          }
          producer.send(
              new ProducerRecord<>(Topics.TRIAL_RESULTS.name(), key(), RESULTS.toBytes(result(t))));
        }
        producer.flush();
        Thread.sleep(2000); // let the monitor take them in before timing starts
        double[] latencies = new double[trials];
        for (int i = 0; i < trials; i++) {
          String trial = trialId(3 + i); // after the three references
          long start = System.nanoTime();
          send(producer, metric(trial, 1, 100.0)); // far worse than the median: must stop now
          producer.flush();
          latencies[i] = awaitDecision(consumer, trial, start);
        }
        return latencies;
      }
    }
  }

  private static double awaitDecision(
      KafkaConsumer<byte[], byte[]> consumer, String trial, long start) {
    long deadline = start + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(1))) {
        if (DECISIONS.fromBytes(r.value()).getTrialId().equals(trial)) {
          return (System.nanoTime() - start) / 1e6;
        }
      }
    }
    throw new IllegalStateException("no decision for " + trial + " within 30 s");
  }

  private static EpochMetric metric(String trial, int epoch, double value) {
    return EpochMetric.newBuilder()
        .setStudyId("latency")
        .setTrialId(trial)
        .setAttempt(1)
        .setEpoch(epoch)
        .setValue(value)
        .setMaxEpochs(EPOCHS)
        .setTimestamp(System.currentTimeMillis())
        .build();
  }

  /** Trial ids as the suggester makes them: the monitor ignores any other. */
  private static String trialId(int number) {
    return String.format(Locale.ROOT, "latency-t%04d", number);
  }

  private static TrialResult result(int number) {
    return TrialResult.newBuilder()
        .setStudyId("latency")
        .setTrialId(trialId(number))
        .setTrialNumber(number)
        .setAttempt(1)
        .setParams(new HashMap<>(Map.of("x1", 0.5)))
        .setStatus(TrialStatus.COMPLETED)
        .setValue(1.0)
        .setEpochsRun(EPOCHS)
        .setMaxEpochs(EPOCHS)
        .build();
  }

  private static void send(KafkaProducer<byte[], byte[]> producer, EpochMetric m) {
    producer.send(new ProducerRecord<>(Topics.TRIAL_METRICS.name(), key(), METRICS.toBytes(m)));
  }

  private static byte[] key() {
    return "latency".getBytes(StandardCharsets.UTF_8);
  }

  private static KafkaProducer<byte[], byte[]> producer(String bootstrap) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "1");
    KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts = new ArrayList<>();
    c.partitionsFor(Topics.TRIAL_CONTROL.name())
        .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
    c.assign(parts);
    c.seekToEnd(parts);
    parts.forEach(c::position);
    return c;
  }

  private static double pct(double[] sorted, double p) {
    int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
  }
}
