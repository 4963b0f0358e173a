package io.streamtune.trainer;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
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
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trainer: a member of the trainer consumer group that runs one trial at a time. This class is
 * the loop; its parts each have one job: {@link RequestAdmission} checks and claims a request,
 * {@link TrialClaims} holds the attempt's lease, {@link TrialSlot} runs the trial on its own
 * thread, {@link MetricStream} sends its epochs, and {@link TrialReporter} publishes its result
 * with {@link ResultTransaction} or gives it back.
 *
 * <p>A request is claimed and consumed in one transaction before it runs, so it never runs twice;
 * if this trainer dies, its lease lapses and the suggester issues the next attempt. While a trial
 * runs the consumer pauses its partitions and keeps polling, which keeps the membership alive and
 * gives the loop a beat to renew the lease; the trial's end wakes the poll so the result goes out
 * at once.
 */
public final class TrainerWorker implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrainerWorker.class);

  /** How long a stopped trial may take to reach its next epoch; objectives check every epoch. */
  static final Duration ABANDON_GRACE = Duration.ofSeconds(60);

  private final TrainerConfig config;
  private final TrialRunner runner;
  private final StudySpecs specs;
  private final StopOrders stops;
  private final TrainerMetrics meters;
  private final KafkaClients clients;
  private final TrialSlot slot;
  private final Clock clock;
  private volatile boolean closed;
  private volatile boolean halted;
  private volatile Consumer<byte[], byte[]> consumer;
  private TrialClaims claims;
  private ResultTransaction results;
  private MetricStream metrics;
  private TrialReporter reporter;
  private RequestAdmission admission;

  private TrainerWorker(
      TrainerConfig config,
      ObjectiveRegistry objectives,
      StudySpecs specs,
      StopOrders stops,
      MeterRegistry registry,
      KafkaClients clients,
      Duration abandonGrace) {
    this.config = config;
    this.clock = Clock.systemUTC();
    this.runner = new TrialRunner(objectives, config.workerId(), clock);
    this.specs = specs;
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
      StudySpecs specs,
      StopOrders stops,
      MeterRegistry registry) {
    return create(config, objectives, specs, stops, registry, KafkaClients.kafka(), ABANDON_GRACE);
  }

  /** A trainer on clients of the caller's making (unit tests pass mocks). */
  static TrainerWorker create(
      TrainerConfig config,
      ObjectiveRegistry objectives,
      StudySpecs specs,
      StopOrders stops,
      MeterRegistry registry,
      KafkaClients clients,
      Duration abandonGrace) {
    return new TrainerWorker(config, objectives, specs, stops, registry, clients, abandonGrace);
  }

  @Override
  public void run() {
    try (Consumer<byte[], byte[]> c = clients.consumer(config.consumerProperties());
        Producer<byte[], byte[]> tx = clients.producer(config.producerProperties(true));
        Producer<byte[], byte[]> plain = clients.producer(config.producerProperties(false));
        KafkaClientMetrics clientMetrics = meters.bindClient(c)) {
      consumer = c;
      metrics = new MetricStream(plain);
      claims = new TrialClaims(tx, plain, c, config.workerId(), clock);
      results = new ResultTransaction(tx, c, meters, config.workerId());
      reporter = new TrialReporter(claims, results, metrics, stops);
      admission = new RequestAdmission(specs, claims, results, meters, clock);
      tx.initTransactions();
      c.subscribe(List.of(Topics.TRIAL_REQUESTS.name()), new TrainerRebalance(c, slot));
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
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ProducerFencedException e) {
      LOG.error(
          "trainer {} was fenced by another instance with the same id; stopping",
          config.workerId());
    } finally {
      slot.close();
      LOG.debug("trainer {} stopped", config.workerId());
    }
  }

  private void loop(Consumer<byte[], byte[]> c) throws InterruptedException {
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
      RunningTrial running = slot.current();
      if (running != null && !running.isDone() && claims.renewalDue(running)) {
        claims.renew(running);
      }
      finishTrial();
      meters.sweep();
    }
  }

  private void start(ConsumerRecord<byte[], byte[]> record) throws InterruptedException {
    RunningTrial trial = admission.admit(record);
    if (trial == null) {
      return;
    }
    TrialRequest request = trial.request;
    int partition = trial.partition;
    consumer.pause(consumer.assignment());
    LOG.debug("trainer {} starts {} attempt {}", config.workerId(), trial.trialId(), trial.attempt);
    slot.start(
        trial,
        () ->
            runner.run(
                request,
                trial.attempt,
                m -> metrics.send(m, partition),
                () ->
                    trial.abandoned
                        || closed
                        || trial.mustStop(
                            stops.decision(trial.trialId(), trial.attempt),
                            specs.cancellation(request.getStudyId()))),
        consumer::wakeup);
  }

  /** Reports the trial in the slot if it has ended; a no-op while it runs. */
  private void finishTrial() throws InterruptedException {
    RunningTrial r = slot.takeFinished();
    if (r == null) {
      return;
    }
    try {
      TrialResult result = TrialSlot.outcome(r);
      if (!halted) {
        reporter.report(r, result, closed);
      }
    } finally {
      stops.forget(r.trialId(), r.attempt);
      consumer.resume(consumer.assignment());
    }
  }

  /**
   * Stops the current trial without a result. With {@code release}, the attempt is given back, so
   * that the next one is issued at once and this one does not count as lost; without, its lease is
   * left to lapse, as a killed trainer's would.
   */
  private void abandonTrial(boolean release) {
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
   * lease lapses and its re-run counts it as a lost attempt. For recovery drills and tests;
   * shutdown uses {@link #close()}.
   */
  public void halt() {
    halted = true;
    close();
  }
}
