package io.streamtune.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.DeadLetters;
import io.streamtune.schemas.Topics;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
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
 * result, so a trainer that dies mid-trial leaves the request uncommitted and another member
 * re-runs it. Before it starts, a trainer claims the request by committing its offset (not past it)
 * with the attempt number as metadata, so a re-run gets the next attempt number.
 */
public final class TrainerWorker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerWorker.class);
  private static final AvroSerde<TrialRequest> REQUESTS =
      (AvroSerde<TrialRequest>) Topics.TRIAL_REQUESTS.valueSerde();
  private static final AvroSerde<EpochMetric> METRICS =
      (AvroSerde<EpochMetric>) Topics.TRIAL_METRICS.valueSerde();
  private static final AvroSerde<TrialResult> RESULTS =
      (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();

  private final TrainerConfig config;
  private final TrialRunner runner;
  private final StopSignals stops;
  private final TrainerMetrics meters;
  private ExecutorService executor;
  private volatile boolean closed;
  private volatile boolean halted;
  private volatile KafkaConsumer<byte[], byte[]> consumer;
  private KafkaProducer<byte[], byte[]> resultProducer;
  private KafkaProducer<byte[], byte[]> metricProducer;
  private volatile RunningTrial running;
  private AutoCloseable clientMetrics;

  private TrainerWorker(
      TrainerConfig config, TrialRunner runner, StopSignals stops, TrainerMetrics meters) {
    this.config = config;
    this.runner = runner;
    this.stops = stops;
    this.meters = meters;
    this.executor = newExecutor(config.workerId());
  }

  private static ExecutorService newExecutor(String workerId) {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, workerId + "-trial");
          t.setDaemon(true);
          return t;
        });
  }

  /** The one way to build a trainer, shared by the CLI and the tests. */
  public static TrainerWorker create(
      TrainerConfig config,
      ObjectiveRegistry objectives,
      StopSignals stops,
      MeterRegistry registry) {
    return new TrainerWorker(
        config,
        new TrialRunner(objectives, config.workerId(), Clock.systemUTC()),
        stops,
        new TrainerMetrics(registry, config.workerId()));
  }

  @Override
  public void run() {
    try (KafkaConsumer<byte[], byte[]> c =
            new KafkaConsumer<>(
                config.consumerProperties(),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> tx =
            new KafkaProducer<>(
                config.producerProperties(true),
                new ByteArraySerializer(),
                new ByteArraySerializer());
        KafkaProducer<byte[], byte[]> metrics =
            new KafkaProducer<>(
                config.producerProperties(false),
                new ByteArraySerializer(),
                new ByteArraySerializer())) {
      consumer = c;
      resultProducer = tx;
      metricProducer = metrics;
      clientMetrics = meters.bindClient(c);
      tx.initTransactions();
      c.subscribe(List.of(Topics.TRIAL_REQUESTS.name()), new Rebalance());
      LOG.debug("trainer {} started", config.workerId());
      try {
        loop(c, tx, metrics);
      } finally {
        abandonCurrent(!halted); // while the clients are still open
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } catch (ProducerFencedException e) {
      LOG.error(
          "trainer {} was fenced by another instance with the same id; stopping",
          config.workerId());
    } finally {
      closeQuietly(clientMetrics);
      executor.shutdownNow();
      LOG.debug("trainer {} stopped", config.workerId());
    }
  }

  private void loop(
      KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx,
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

  private void start(
      ConsumerRecord<byte[], byte[]> record,
      KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx,
      KafkaProducer<byte[], byte[]> metrics) {
    TrialRequest request;
    try {
      request = REQUESTS.fromBytes(record.value());
    } catch (SerializationException e) {
      consume(
          c,
          tx,
          record,
          "dead-letter " + record.topic() + "-" + record.partition() + "@" + record.offset(),
          () -> DeadLetters.send(tx, record, e.getMessage(), "trainer"));
      return;
    }
    AttemptLedger ledger;
    try {
      ledger = claim(c, record);
    } catch (WakeupException e) {
      if (closed) {
        throw e;
      }
      seekBack(c, record);
      return;
    } catch (KafkaException e) {
      // A rebalance in progress or a timeout: read the request again; if the partition moved, its
      // new owner will.
      LOG.info(
          "trainer {}: could not claim {} yet: {}",
          config.workerId(),
          request.getTrialId(),
          e.toString());
      seekBack(c, record);
      return;
    }
    if (ledger.lost() >= config.maxAttempts()) {
      TrialResult result =
          runner.giveUp(request, ledger.attempt(), ledger.lost(), config.maxAttempts());
      LOG.warn("trainer {}: {} {}", config.workerId(), request.getTrialId(), result.getError());
      publish(c, tx, record, result);
      return;
    }
    RunningTrial r = new RunningTrial(record, request, ledger);
    int attempt = r.attempt;
    running = r;
    c.pause(c.assignment());
    LOG.debug("trainer {} starts {} attempt {}", config.workerId(), request.getTrialId(), attempt);
    r.future =
        executor.submit(
            () -> {
              try {
                return runner.run(
                    request,
                    attempt,
                    m ->
                        metrics.send(
                            new ProducerRecord<>(
                                Topics.TRIAL_METRICS.name(),
                                bytes(m.getStudyId()),
                                METRICS.toBytes(m))),
                    () -> r.abandoned || closed || stops.shouldStop(request.getTrialId(), attempt));
              } finally {
                if (running == r) {
                  c.wakeup(); // only the current trial may interrupt the poll, never an
                  // abandoned one
                }
              }
            });
  }

  private void finish(
      KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx,
      KafkaProducer<byte[], byte[]> metrics) {
    RunningTrial r = running;
    running = null;
    try {
      TrialResult result = r.future.get();
      if (r.abandoned || halted) {
        return;
      }
      if (closed
          && result.getStatus() == TrialStatus.PRUNED
          && !stops.shouldStop(r.request.getTrialId(), r.attempt)) {
        // Stopped by this trainer's shutdown, not by the monitor: give it back for a re-run.
        release(r);
        return;
      }
      metrics.flush(); // the monitor should see the whole curve before the result
      KafkaException failure = publish(c, tx, r.record, result);
      if (failure != null && CommitFailures.isTransient(failure)) {
        release(r); // the trial will run again, but this attempt was not lost to a dying trainer
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } catch (ExecutionException e) {
      throw new IllegalStateException("trial runner failed unexpectedly", e.getCause());
    } finally {
      stops.forget(r.request.getTrialId(), r.attempt);
      c.resume(c.assignment());
    }
  }

  /**
   * Produces a trial's result and consumes its request in one transaction; the failure, or null.
   */
  private KafkaException publish(
      KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx,
      ConsumerRecord<byte[], byte[]> record,
      TrialResult result) {
    KafkaException failure =
        consume(
            c,
            tx,
            record,
            "commit the result of " + result.getTrialId(),
            () ->
                tx.send(
                    new ProducerRecord<>(
                        Topics.TRIAL_RESULTS.name(),
                        bytes(result.getStudyId()),
                        RESULTS.toBytes(result))));
    if (failure == null) {
      meters.recordResult(result);
      LOG.debug(
          "trainer {} finished {}: {} {}",
          config.workerId(),
          result.getTrialId(),
          result.getStatus(),
          result.getValue());
    }
    return failure;
  }

  /**
   * Runs {@code send} and consumes {@code record} in one transaction. If the transaction fails (for
   * example a rebalance fenced our offsets), it is aborted and the record is read again, by this
   * trainer or by the partition's new owner.
   */
  private KafkaException consume(
      KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx,
      ConsumerRecord<byte[], byte[]> record,
      String what,
      Runnable send) {
    try {
      tx.beginTransaction();
      send.run();
      commitOffset(c, tx, record);
      tx.commitTransaction();
      return null;
    } catch (ProducerFencedException e) {
      throw e;
    } catch (KafkaException e) {
      LOG.warn("trainer {}: could not {}: {}", config.workerId(), what, e.toString());
      tx.abortTransaction(); // if even the abort fails the producer is unusable: the worker stops
      seekBack(c, record);
      return e;
    }
  }

  /**
   * Numbers this attempt and records it in the group's committed offset metadata, at the request's
   * own offset (so nothing is consumed yet). A trainer that picks the request up again after this
   * one died or let go finds the claim there and runs attempt n + 1 (see {@link AttemptLedger}).
   */
  private static AttemptLedger claim(
      KafkaConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    OffsetAndMetadata committed = c.committed(Set.of(tp), Duration.ofSeconds(10)).get(tp);
    AttemptLedger ledger =
        AttemptLedger.next(
            committed != null && committed.offset() == record.offset()
                ? committed.metadata()
                : null);
    c.commitSync(Map.of(tp, new OffsetAndMetadata(record.offset(), ledger.claimed())));
    return ledger;
  }

  private static void seekBack(
      KafkaConsumer<byte[], byte[]> c, ConsumerRecord<byte[], byte[]> record) {
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (c.assignment().contains(tp)) {
      c.seek(tp, record.offset());
    }
  }

  private static void commitOffset(
      KafkaConsumer<byte[], byte[]> c,
      KafkaProducer<byte[], byte[]> tx,
      ConsumerRecord<byte[], byte[]> record) {
    tx.sendOffsetsToTransaction(
        Map.of(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1)),
        c.groupMetadata());
  }

  /**
   * Stops the current trial without a result; its request stays uncommitted for a re-run. With
   * {@code release}, the claim is marked as given back, so the re-run does not count it as lost.
   */
  private void abandonCurrent(boolean release) {
    RunningTrial r = running;
    if (r == null) {
      return;
    }
    r.abandoned = true;
    running = null;
    try {
      r.future.get(60, TimeUnit.SECONDS); // objectives check the flag every epoch
    } catch (TimeoutException e) {
      LOG.warn(
          "trainer {}: abandoned trial {} ignores its stop flag; interrupting it",
          config.workerId(),
          r.request.getTrialId());
      r.future.cancel(true);
      executor.shutdownNow();
      executor = newExecutor(config.workerId());
    } catch (Exception e) {
      LOG.warn(
          "trainer {}: abandoned trial {} did not stop cleanly: {}",
          config.workerId(),
          r.request.getTrialId(),
          e.toString());
    }
    stops.forget(r.request.getTrialId(), r.attempt);
    if (release) {
      release(r);
    }
  }

  private void release(RunningTrial r) {
    TopicPartition tp = r.partition();
    Map<TopicPartition, OffsetAndMetadata> offsets =
        Map.of(tp, new OffsetAndMetadata(r.record.offset(), r.ledger.released()));
    for (int tries = 0; tries < 2; tries++) {
      try {
        consumer.commitSync(offsets, Duration.ofSeconds(10));
        return;
      } catch (WakeupException e) {
        // close() woke the consumer while no poll was running: the wakeup is spent, try once more
        if (tries == 1) {
          LOG.info(
              "trainer {}: could not release {} (woken up twice); its re-run will count this attempt as lost",
              config.workerId(),
              r.request.getTrialId());
        }
      } catch (KafkaException e) {
        LOG.info(
            "trainer {}: could not release {}; its re-run will count this attempt as lost: {}",
            config.workerId(),
            r.request.getTrialId(),
            e.toString());
        return;
      }
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      RunningTrial r = running;
      if (r == null || !partitions.contains(r.partition())) {
        return;
      }
      if (r.future.isDone()) {
        // Finished but not yet reported: the partition is still ours until this callback returns.
        finish(consumer, resultProducer, metricProducer);
      } else {
        LOG.info(
            "trainer {}: partition {} revoked mid-trial; giving {} back",
            config.workerId(),
            r.partition(),
            r.request.getTrialId());
        abandonCurrent(true);
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
      // Another member may own them already: no commit is possible, and the attempt counts as lost.
      RunningTrial r = running;
      if (r != null && partitions.contains(r.partition())) {
        abandonCurrent(false);
        consumer.resume(consumer.assignment());
      }
    }
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
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** The trial this trainer is running, if any. */
  public Optional<String> currentTrial() {
    RunningTrial r = running;
    return r == null ? Optional.empty() : Optional.of(r.request.getTrialId());
  }

  public String workerId() {
    return config.workerId();
  }

  /** Leaves the group; a trial in progress is given back and will be re-run by another trainer. */
  @Override
  public void close() {
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  /**
   * Stops like a killed process: the trial in progress is neither reported nor given back, so its
   * re-run counts it as a lost attempt. Unlike a killed process it leaves the group at once rather
   * than after the session timeout. For recovery drills and tests; shutdown uses {@link #close()}.
   */
  public void halt() {
    halted = true;
    closed = true;
    KafkaConsumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }
}
