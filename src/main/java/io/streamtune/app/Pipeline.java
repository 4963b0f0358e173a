package io.streamtune.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamtune.avro.StudySpec;
import io.streamtune.broker.EmbeddedKafkaBroker;
import io.streamtune.monitor.MonitorConfig;
import io.streamtune.monitor.MonitorService;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.schemas.Topics;
import io.streamtune.suggester.SuggesterConfig;
import io.streamtune.suggester.SuggesterService;
import io.streamtune.trainer.StopSignals;
import io.streamtune.trainer.StudyDirectory;
import io.streamtune.trainer.TrainerConfig;
import io.streamtune.trainer.TrainerWorker;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the parts of StreamTune in this JVM, each exactly as its own command would: an optional
 * embedded broker, the topics, the monitor, the suggester and trainers. Closing stops them in
 * reverse order. Used by {@code streamtune run} and the end-to-end tests.
 */
public final class Pipeline implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** Service loops (suggester, trainers): stopped first, then their threads are awaited. */
  private final List<AutoCloseable> loops = new ArrayList<>();

  /** Everything else, closed in reverse order of creation once the loops are gone. */
  private final List<AutoCloseable> parts = new ArrayList<>();

  private final List<Thread> threads = new ArrayList<>();
  private final List<TrainerWorker> trainers = new ArrayList<>();
  private final MeterRegistry registry;
  private final ObjectiveRegistry objectives;
  private KafkaConnection connection;
  private String bootstrap;
  private StopSignals stops;
  private StudyDirectory studies;
  private KafkaStreams monitor;

  public Pipeline(MeterRegistry registry, ObjectiveRegistry objectives) {
    this.registry = registry;
    this.objectives = objectives;
  }

  public Pipeline withEmbeddedBroker() {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
    parts.add(broker);
    bootstrap = broker.bootstrapServers();
    connection = KafkaConnection.of(bootstrap);
    return this;
  }

  /** Runs on an existing cluster, every client with the connection's settings. */
  public Pipeline withConnection(KafkaConnection kafka) {
    connection = kafka;
    bootstrap = kafka.bootstrap();
    return this;
  }

  public Pipeline withTopics(int studyPartitions, int requestPartitions) {
    TopicSetup.ensureTopics(connection, Topics.ALL, studyPartitions, requestPartitions, (short) 1);
    return this;
  }

  /** Starts the monitor and waits until it is RUNNING, so no early metric goes unjudged. */
  public Pipeline withMonitor(Duration commitInterval) throws Exception {
    Path stateDir = Files.createTempDirectory("streamtune-monitor-");
    parts.add(() -> Utils.delete(stateDir.toFile()));
    MonitorService service =
        MonitorService.start(
            MonitorConfig.defaults(connection, stateDir).withCommitInterval(commitInterval),
            registry);
    parts.add(service);
    monitor = service.streams();
    service.awaitRunning(Duration.ofSeconds(60));
    return this;
  }

  public Pipeline withSuggester() {
    return withSuggester(UnaryOperator.identity());
  }

  /** Starts a suggester whose default settings {@code settings} changes (a lease, max attempts). */
  public Pipeline withSuggester(UnaryOperator<SuggesterConfig> settings) {
    SuggesterService suggester =
        SuggesterService.create(settings.apply(SuggesterConfig.defaults(connection)), registry);
    startThread("suggester", suggester);
    loops.add(suggester);
    return this;
  }

  public Pipeline withTrainers(int count, boolean allowCommand) {
    if (stops == null) {
      stops = new StopSignals(connection, "trainers");
      parts.add(stops);
      studies = new StudyDirectory(connection, "trainers");
      parts.add(studies);
    }
    for (int i = 0; i < count; i++) {
      addTrainer(
          TrainerConfig.defaults(connection)
              .withWorkerId("trainer-" + (trainers.size() + 1))
              .withAllowCommand(allowCommand));
    }
    return this;
  }

  public TrainerWorker addTrainer(TrainerConfig config) {
    TrainerWorker w = TrainerWorker.create(config, objectives, studies, stops, registry);
    trainers.add(w);
    loops.add(w);
    startThread(config.workerId(), w);
    return w;
  }

  /** Whether every service loop started here is still running. */
  public boolean servicesAlive() {
    return threads.stream().allMatch(Thread::isAlive);
  }

  public List<TrainerWorker> trainers() {
    return trainers;
  }

  private void startThread(String name, Runnable r) {
    Thread t =
        new Thread(
            () -> {
              try {
                r.run();
              } catch (RuntimeException e) {
                LOG.error("{} stopped with an error", name, e);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    threads.add(t);
  }

  /** Publishes a study to the compacted {@code studies} topic. */
  public static void submit(KafkaConnection connection, StudySpec spec) throws Exception {
    Properties p = connection.properties();
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  Topics.STUDIES.name(),
                  spec.getStudyId().getBytes(StandardCharsets.UTF_8),
                  Topics.STUDIES.valueSerde().serializer().serialize(Topics.STUDIES.name(), spec)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  public String bootstrap() {
    return bootstrap;
  }

  public KafkaConnection connection() {
    return connection;
  }

  public KafkaStreams monitor() {
    return monitor;
  }

  @Override
  public void close() {
    loops.forEach(Pipeline::closeQuietly); // all at once: each only raises a flag
    for (Thread t : threads) {
      try {
        t.join(15_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (int i = parts.size() - 1; i >= 0; i--) {
      closeQuietly(parts.get(i));
    }
  }

  private static void closeQuietly(AutoCloseable part) {
    try {
      part.close();
    } catch (Exception e) {
      LOG.warn("error while stopping: {}", e.toString());
    }
  }
}
