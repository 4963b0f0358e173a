package io.streamtune.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.KafkaClients;
import io.streamtune.schemas.Topics;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trainer: a member of the trainer consumer group that runs one trial at a time. This class is
 * the loop; its parts each have one job: {@link RequestClaims} numbers attempts, {@link TrialSlot}
 * runs the trial on its own thread, {@link MetricStream} sends its epochs, {@link TrialReporter}
 * publishes its result with {@link ResultTransaction} or gives it back, and {@link
 * TrainerRebalance} handles partitions that move mid-trial.
 *
 * <p>While a trial runs the consumer pauses its partitions and keeps polling, which returns nothing
 * but keeps the membership alive; the trial's end wakes the poll so the result goes out at once.
 */
public final class TrainerWorker implements Runnable, AutoCloseable, TrainerRebalance.Owner {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerWorker.class);
  private static final AvroSerde<TrialRequest> REQUESTS =
      (AvroSerde<TrialRequest>) Topics.TRIAL_REQUESTS.valueSerde();

  /** How long a stopped trial may take to reach its next epoch; objectives check every epoch. */
  static final Duration ABANDON_GRACE = Duration.ofSeconds(60);

  private final TrainerConfig config;
  private final TrialRunner runner;
  private final StopOrders stops;
  private final TrainerMetrics meters;
  private final KafkaClients clients;
  private final TrialSlot slot;
  private volatile boolean closed;
  private volatile boolean halted;
  private volatile Consumer<byte[], byte[]> consumer;
  private RequestClaims claims;
  private ResultTransaction results;
  private MetricStream metrics;
  private TrialReporter reporter;

  private TrainerWorker(
      TrainerConfig config,
      ObjectiveRegistry objectives,
      StopOrders stops,
      MeterRegistry registry,
      KafkaClients clients,
      Duration abandonGrace) {
    this.config = config;
    this.runner = new TrialRunner(objectives, config.workerId(), Clock.systemUTC());
    this.stops = stops;
    this.meters = new TrainerMetrics(config.workerId(), config.studyMetricsGrace());
    this.meters.bindTo(registry);
    this.clients = clients;
    this.slot = new TrialSlot(config.workerId(), abandonGrace);
  }

  /** The one way to build a trainer, shared by the CLI and the tests: real Kafka clients. */
  public static TrainerWorker create(
      TrainerConfig config,
      ObjectiveRegistry objectives,
      StopOrders stops,
      MeterRegistry registry) {
    return create(config, objectives, stops, registry, KafkaClients.kafka(), ABANDON_GRACE);
  }

  /** A trainer on clients of the caller's making (unit tests pass mocks). */
  static TrainerWorker create(
      TrainerConfig config,
      ObjectiveRegistry objectives,
      StopOrders stops,
      MeterRegistry registry,
      KafkaClients clients,
      Duration abandonGrace) {
    return new TrainerWorker(config, objectives, stops, registry, clients, abandonGrace);
  }

  @Override
  public void run() {
    try (Consumer<byte[], byte[]> c = clients.consumer(config.consumerProperties());
        Producer<byte[], byte[]> tx = clients.producer(config.producerProperties(true));
        Producer<byte[], byte[]> m = clients.producer(config.producerProperties(false));
        KafkaClientMetrics clientMetrics = meters.bindClient(c)) {
      consumer = c;
      metrics = new MetricStream(m);
      claims = new RequestClaims(c, config.workerId(), RequestClaims.TIMEOUT);
      results = new ResultTransaction(tx, c, meters, config.workerId());
      reporter = new TrialReporter(claims, results, metrics, stops, runner, config.maxAttempts());
      tx.initTransactions();
      c.subscribe(
          List.of(Topics.TRIAL_REQUESTS.name()),
          new TrainerRebalance(c, slot, this, config.workerId()));
      LOG.debug("trainer {} started", config.workerId());
      try {
        loop(c);
      } finally {
        abandonTrial(!halted); // while the clients are still open
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
      slot.close();
      LOG.debug("trainer {} stopped", config.workerId());
    }
  }

  private void loop(Consumer<byte[], byte[]> c) {
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
        if (slot.current() == null) {
          start(record);
        } else {
          // Fetched before the pause took effect: leave it for later.
          c.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
        }
      }
      finishTrial();
      meters.sweep();
    }
  }

  private void start(ConsumerRecord<byte[], byte[]> record) {
    TrialRequest request;
    try {
      request = REQUESTS.fromBytes(record.value());
    } catch (SerializationException e) {
      results.deadLetter(record, e.getMessage());
      return;
    }
    AttemptLedger ledger = claims.tryClaim(record);
    if (ledger == null) {
      return;
    }
    RunningTrial trial = new RunningTrial(record, request, ledger);
    if (reporter.giveUpIfExhausted(trial)) {
      return;
    }
    consumer.pause(consumer.assignment());
    LOG.debug("trainer {} starts {} attempt {}", config.workerId(), trial.trialId(), trial.attempt);
    slot.start(
        trial,
        () ->
            runner.run(
                request,
                trial.attempt,
                metrics::send,
                () ->
                    trial.abandoned || closed || stops.shouldStop(trial.trialId(), trial.attempt)),
        consumer::wakeup);
  }

  /** Reports the trial in the slot if it has ended; a no-op while it runs. */
  @Override
  public void finishTrial() {
    RunningTrial r = slot.takeFinished();
    if (r == null) {
      return;
    }
    try {
      TrialResult result = TrialSlot.outcome(r);
      if (!halted) {
        reporter.report(r, result, closed);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closed = true;
    } finally {
      stops.forget(r.trialId(), r.attempt);
      consumer.resume(consumer.assignment());
    }
  }

  /**
   * Stops the current trial without a result; its request stays uncommitted for a re-run. With
   * {@code release}, the claim is marked as given back, so the re-run does not count it as lost.
   */
  @Override
  public void abandonTrial(boolean release) {
    RunningTrial r = slot.abandon();
    if (r == null) {
      return;
    }
    stops.forget(r.trialId(), r.attempt);
    if (release) {
      claims.release(r);
    }
  }

  /** The trial this trainer is running, if any. */
  public Optional<String> currentTrial() {
    RunningTrial r = slot.current();
    return r == null ? Optional.empty() : Optional.of(r.trialId());
  }

  /** Leaves the group; a trial in progress is given back and will be re-run by another trainer. */
  @Override
  public void close() {
    closed = true;
    Consumer<byte[], byte[]> c = consumer;
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
    close();
  }
}
