package io.streamtune.bench;

import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.StudySpecParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Drives running monitors from outside, as trainers would: studies whose rule (median, 3 completed
 * trials, from step 1) stops a trial whose first epoch is far worse than the reference trials'.
 * Each probe is such a first epoch; its latency is from the send to the decision becoming visible
 * to a {@code read_committed} consumer of {@code trial-control}, which is what a trainer is.
 */
final class LatencyProbe implements AutoCloseable {

  static final int EPOCHS = 20;
  private static final int REFERENCES = 3;

  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Map<String, Long> decided = new ConcurrentHashMap<>();
  private final Thread reader;
  private final List<String> studies;
  private volatile boolean closed;
  private int next = REFERENCES;

  LatencyProbe(String bootstrap, List<String> studies) {
    this.studies = studies;
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    Properties c = new Properties();
    c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    c.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20"); // as trainers' StopSignals read it
    consumer = new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> parts =
        consumer.partitionsFor(Topics.TRIAL_CONTROL.name(), Duration.ofSeconds(30)).stream()
            .map(i -> new TopicPartition(i.topic(), i.partition()))
            .toList();
    consumer.assign(parts);
    consumer.seekToEnd(parts);
    parts.forEach(consumer::position);
    reader = new Thread(this::read, "probe-reader");
    reader.setDaemon(true);
    reader.start();
  }

  static List<String> studyIds(String prefix, int n) {
    return IntStream.range(0, n).mapToObj(i -> prefix + "-" + i).toList();
  }

  /** Submits the studies and their completed reference trials. */
  void setUp() throws Exception {
    for (String study : studies) {
      StudySpec spec =
          StudySpecParser.parse(
              """
              study: %s
              objective: branin
              n_trials: 100000
              max_epochs: %d
              space: {x1: {type: real, low: -5, high: 10}, x2: {type: real, low: 0, high: 15}}
              stopping: {rule: median, min_trials: %d, min_step: 1}
              """
                  .formatted(study, EPOCHS, REFERENCES));
      send(
          Topics.STUDIES.name(),
          study,
          Topics.STUDIES.valueSerde().serializer().serialize("", spec));
    }
    producer.flush();
    Thread.sleep(1000); // the monitors' global store of specs is read by a thread of its own
    for (String study : studies) {
      for (int t = 0; t < REFERENCES; t++) {
        for (int e = 1; e <= EPOCHS; e++) {
          metric(study, t, e, 1.0 + 0.01 * t);
        }
        send(
            Topics.TRIAL_RESULTS.name(),
            study,
            Topics.TRIAL_RESULTS.valueSerde().serializer().serialize("", result(study, t)));
      }
    }
    producer.flush();
    // In a study the reference trials finish long before a later trial's first epoch, so the
    // monitors have read them by then; without this pause the first probe would also time the
    // monitors' reading of this burst of 63 records.
    Thread.sleep(2000);
  }

  /** Sends one epoch that must stop its trial; returns the trial id. */
  String probe() {
    String study = studies.get(next % studies.size());
    int trial = next++;
    metric(study, trial, 1, 100.0);
    producer.flush();
    return trialId(study, trial);
  }

  /** When the decision for {@code trialId} was seen (System.nanoTime), or null. */
  Long decidedAt(String trialId) {
    return decided.get(trialId);
  }

  private void read() {
    try {
      while (!closed) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(5))) {
          long now = System.nanoTime();
          if (r.value() != null) {
            String id =
                Topics.TRIAL_CONTROL
                    .valueSerde()
                    .deserializer()
                    .deserialize("", r.value())
                    .getTrialId();
            decided.putIfAbsent(id, now);
          }
        }
      }
    } catch (WakeupException e) {
      // closing
    } finally {
      consumer.close();
    }
  }

  private void metric(String study, int trial, int epoch, double value) {
    EpochMetric m =
        EpochMetric.newBuilder()
            .setStudyId(study)
            .setTrialId(trialId(study, trial))
            .setAttempt(1)
            .setEpoch(epoch)
            .setValue(value)
            .setMaxEpochs(EPOCHS)
            .setTimestamp(System.currentTimeMillis())
            .build();
    send(
        Topics.TRIAL_METRICS.name(),
        study,
        Topics.TRIAL_METRICS.valueSerde().serializer().serialize("", m));
  }

  private static TrialResult result(String study, int trial) {
    return TrialResult.newBuilder()
        .setStudyId(study)
        .setTrialId(trialId(study, trial))
        .setTrialNumber(trial)
        .setAttempt(1)
        .setParams(new HashMap<>(Map.of("x1", 0.5, "x2", 0.5)))
        .setStatus(TrialStatus.COMPLETED)
        .setValue(1.0)
        .setEpochsRun(EPOCHS)
        .setMaxEpochs(EPOCHS)
        .build();
  }

  static String trialId(String study, int number) {
    return String.format(Locale.ROOT, "%s-t%04d", study, number);
  }

  private void send(String topic, String key, byte[] value) {
    producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value));
  }

  @Override
  public void close() throws InterruptedException {
    closed = true;
    consumer.wakeup();
    reader.join(5000);
    producer.close();
  }
}
