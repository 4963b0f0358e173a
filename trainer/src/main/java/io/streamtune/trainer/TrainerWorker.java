package io.streamtune.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.ClientSettings;
import io.streamtune.schemas.DeadLetters;
import io.streamtune.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trainer: a member of the trainer consumer group that runs one trial at a time.
 *
 * <p>Training takes far longer than {@code max.poll.interval.ms}, so while a trial runs on the
 * worker's executor the consumer pauses its partitions and keeps polling (which returns nothing but
 * keeps the membership alive). The request's offset is committed in the same transaction as its
 * result, so a trainer that dies mid-trial leaves the request uncommitted and another member re-runs
 * it. Before it starts, a trainer claims the request by committing its offset (not past it) with the
 * attempt number as metadata, so a re-run gets the next attempt number.
 */
public final class TrainerWorker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerWorker.class);
  private static final AvroSerde<TrialRequest> REQUESTS = (AvroSerde<TrialRequest>) Topics.TRIAL_REQUESTS.valueSerde();
  private static final AvroSerde<EpochMetric> METRICS = (AvroSerde<EpochMetric>) Topics.TRIAL_METRICS.valueSerde();
  private static final AvroSerde<TrialResult> RESULTS = (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();

  private static final String ATTEMPT_PREFIX = "attempt=";

  private final TrainerConfig config;
  private final TrialRunner runner;
  private final StopSignals stops;
  private final TrainerMetrics meters;
  private ExecutorService executor;
  private volatile boolean closed;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private volatile Running running;
  private AutoCloseable clientMetrics;

  /** A trial in progress: its request, the attempt number and its abandon flag. */
  private static final class Running {
    final ConsumerRecord<byte[], byte[]> record;
    final TrialRequest request;
    final int attempt;
    volatile boolean abandoned;
    Future<TrialResult> future;

    Running(ConsumerRecord<byte[], byte[]> record, TrialRequest request, int attempt) {
      this.record = record;
      this.request = request;
      this.attempt = attempt;
    }

    TopicPartition partition() {
      return new TopicPartition(record.topic(), record.partition());
    }
  }

  private TrainerWorker(TrainerConfig config, TrialRunner runner, StopSignals stops, TrainerMetrics meters) {
    this.config = config;
    this.runner = runner;
    this.stops = stops;
    this.meters = meters;
    this.executor = newExecutor(config.workerId());
  }

  private static ExecutorService newExecutor(String workerId) {
    return Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, workerId + "-trial");
      t.setDaemon(true);
      return t;
    });
  }

  /** The one way to build a trainer, shared by the CLI and the tests. */
  public static TrainerWorker create(TrainerConfig config, io.streamtune.trainer.objective.ObjectiveRegistry objectives,
      StopSignals stops, MeterRegistry registry) {
    return new TrainerWorker(config, new TrialRunner(objectives, config.workerId(), Clock.systemUTC()), stops,
        new TrainerMetrics(registry, config.workerId()));
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> tx = new KafkaProducer<>(producerProps(true), new ByteArraySerializer(),
            new ByteArraySerializer());
        KafkaProducer<byte[], byte[]> metrics = new KafkaProducer<>(producerProps(false), new ByteArraySerializer(),
            new ByteArraySerializer())) {
      consumer = c;
      clientMetrics = meters.bindClient(c);
      tx.initTransactions();
      c.subscribe(List.of(Topics.TRIAL_REQUESTS.name()), new Rebalance());
      LOG.debug("trainer {} started", config.workerId());
      try {
        loop(c, tx, metrics);
      } finally {
        abandonCurrent(); // while the clients are still open
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } catch (ProducerFencedException e) {
      LOG.error("trainer {} was fenced by another instance with the same id; stopping", config.workerId());
    } finally {
      closeQuietly(clientMetrics);
      executor.shutdownNow();
      LOG.debug("trainer {} stopped", config.workerId());
    }
  }

  private void loop(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> tx,
      KafkaProducer<byte[], byte[]> metrics) {
    while (!closed) {
      ConsumerRecords<byte[], byte[]> records;
      try {
        records = c.poll(config.pollTimeout());
      } catch (WakeupException e) {
        if (closed) {
          throw e;
        }
        records = ConsumerRecords.empty(); // a trial finished: report it now, not at the poll's end
      }
      for (ConsumerRecord<byte[], byte[]> record : records) {
        if (running == null) {
          start(record, c, tx, metrics);
        } else {
          // Fetched before the pause took effect: leave it for later.
          c.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
      }
      if (running != null && running.future.isDone()) {
        finish(c, tx, metrics);
      }
    }
  }

  private void start(ConsumerRecord<byte[], byte[]> record, KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx, KafkaProducer<byte[], byte[]> metrics) {
    TrialRequest request;
    try {
      request = REQUESTS.fromBytes(record.value());
    } catch (SerializationException e) {
      try {
        tx.beginTransaction();
        DeadLetters.send(tx, record, e.getMessage(), "trainer");
        commitOffset(c, tx, record);
        tx.commitTransaction();
      } catch (ProducerFencedException fatal) {
        throw fatal;
      } catch (KafkaException ke) {
        LOG.warn("trainer {}: could not dead-letter {}-{}@{}: {}", config.workerId(), record.topic(),
            record.partition(), record.offset(), ke.toString());
        tx.abortTransaction();
        seekBack(c, record);
      }
      return;
    }
    int attempt;
    try {
      attempt = claim(c, record);
    } catch (WakeupException e) {
      if (closed) {
        throw e;
      }
      seekBack(c, record);
      return;
    } catch (KafkaException e) {
      // A rebalance in progress or a timeout: read the request again; if the partition moved, its
      // new owner will.
      LOG.info("trainer {}: could not claim {} yet: {}", config.workerId(), request.getTrialId(), e.toString());
      seekBack(c, record);
      return;
    }
    Running r = new Running(record, request, attempt);
    running = r;
    c.pause(c.assignment());
    LOG.debug("trainer {} starts {} attempt {}", config.workerId(), request.getTrialId(), attempt);
    r.future = executor.submit(() -> {
      try {
        return runner.run(request, attempt,
            m -> metrics.send(new ProducerRecord<>(Topics.TRIAL_METRICS.name(), bytes(m.getStudyId()), METRICS.toBytes(m))),
            () -> r.abandoned || closed || stops.shouldStop(request.getTrialId(), attempt));
      } finally {
        if (running == r) {
          c.wakeup(); // only the current trial may interrupt the poll, never an abandoned one
        }
      }
    });
  }

  private void finish(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> tx,
      KafkaProducer<byte[], byte[]> metrics) {
    Running r = running;
    running = null;
    try {
      TrialResult result = r.future.get();
      if (r.abandoned || closed) {
        return;
      }
      metrics.flush(); // the monitor should see the whole curve before the result
      tx.beginTransaction();
      tx.send(new ProducerRecord<>(Topics.TRIAL_RESULTS.name(), bytes(result.getStudyId()), RESULTS.toBytes(result)));
      commitOffset(c, tx, r.record);
      tx.commitTransaction();
      meters.recordResult(result);
      LOG.debug("trainer {} finished {}: {} {}", config.workerId(), result.getTrialId(), result.getStatus(),
          result.getValue());
    } catch (ProducerFencedException e) {
      throw e;
    } catch (KafkaException e) {
      // The group moved on (for example a rebalance fenced our offsets): abort, and let the
      // partition's owner re-run the trial from its committed offset.
      LOG.warn("trainer {}: could not commit result of {}: {}", config.workerId(), r.request.getTrialId(), e.toString());
      tx.abortTransaction(); // if even the abort fails the producer is unusable: the worker stops
      seekBack(c, r.record);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("trial runner failed unexpectedly", e.getCause());
    } finally {
      stops.forget(r.request.getTrialId(), r.attempt);
      c.resume(c.assignment());
    }
  }

  /**
   * Numbers this attempt and records it in the group's committed offset metadata, at the request's
   * own offset (so nothing is consumed yet). A trainer that picks the request up again after this one
   * died finds the claim there and runs attempt n + 1.
   */
  private static int claim(KafkaConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    OffsetAndMetadata committed = c.committed(java.util.Set.of(tp), Duration.ofSeconds(10)).get(tp);
    int attempt = 1;
    if (committed != null && committed.offset() == record.offset()
        && committed.metadata().startsWith(ATTEMPT_PREFIX)) {
      attempt = Integer.parseInt(committed.metadata().substring(ATTEMPT_PREFIX.length())) + 1;
    }
    c.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset(), ATTEMPT_PREFIX + attempt)));
    return attempt;
  }

  private static void seekBack(KafkaConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (c.assignment().contains(tp)) {
      c.seek(tp, record.offset());
    }
  }

  private static void commitOffset(KafkaConsumer<byte[], byte[]> c, KafkaProducer<byte[], byte[]> tx,
      ConsumerRecord<byte[], byte[]> record) {
    tx.sendOffsetsToTransaction(
        Map.of(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1)),
        c.groupMetadata());
  }

  /** Stops the current trial without a result; its request stays uncommitted for a re-run. */
  private void abandonCurrent() {
    Running r = running;
    if (r == null) {
      return;
    }
    r.abandoned = true;
    running = null;
    try {
      r.future.get(60, TimeUnit.SECONDS); // objectives check the flag every epoch
    } catch (java.util.concurrent.TimeoutException e) {
      LOG.warn("trainer {}: abandoned trial {} ignores its stop flag; interrupting it", config.workerId(),
          r.request.getTrialId());
      r.future.cancel(true);
      executor.shutdownNow();
      executor = newExecutor(config.workerId());
    } catch (Exception e) {
      LOG.warn("trainer {}: abandoned trial {} did not stop cleanly: {}", config.workerId(),
          r.request.getTrialId(), e.toString());
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Running r = running;
      if (r != null && partitions.contains(r.partition())) {
        LOG.info("trainer {}: partition {} revoked mid-trial; abandoning {}", config.workerId(), r.partition(),
            r.request.getTrialId());
        abandonCurrent();
        consumer.resume(consumer.assignment());
      }
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (running != null) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      onPartitionsRevoked(partitions);
    }
  }

  private Properties consumerProps() {
    Properties p = ClientSettings.transactionalGroupConsumer(config.bootstrap(), config.groupId(), config.workerId());
    p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
    // Incremental rebalances: a trainer joining or leaving does not interrupt the others' trials.
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
    p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(config.sessionTimeout().toMillis()));
    return p;
  }

  private Properties producerProps(boolean transactional) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrap());
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    if (transactional) {
      // Worker ids repeat across processes ("trainer-1" in every `streamtune run`); the suffix keeps
      // two processes from fencing each other's producers.
      p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG,
          "streamtune-trainer-" + config.workerId() + "-" + java.util.UUID.randomUUID());
      p.put(ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "-results");
    } else {
      p.put(ProducerConfig.CLIENT_ID_CONFIG, config.workerId() + "-metrics");
    }
    return p;
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.debug("closing {}: {}", c, e.toString());
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The trial this trainer is running, if any. */
  public java.util.Optional<String> currentTrial() {
    Running r = running;
    return r == null ? java.util.Optional.empty() : java.util.Optional.of(r.request.getTrialId());
  }

  public String workerId() {
    return config.workerId();
  }

  /** Leaves the group; a trial in progress is abandoned and will be re-run by another trainer. */
  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }
}
