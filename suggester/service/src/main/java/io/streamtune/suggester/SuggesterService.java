package io.streamtune.suggester;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamtune.schemas.ClientSettings;
import io.streamtune.schemas.KafkaClients;
import io.streamtune.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suggester service: a transactional read-process-write loop over {@code studies}, {@code
 * trial-results} and its own {@code suggester-state}, all keyed by study id and co-partitioned. For
 * each study it keeps {@code parallelism} trials in flight until {@code n_trials} have results.
 *
 * <p>Its state lives in Kafka. When it is given a partition it replays that partition of all three
 * topics from the beginning (studies and state are compacted), rebuilding each study's optimizer
 * from the results, and only then issues new requests ({@link PartitionReplay}). Requests, the
 * state snapshot and the input offsets are committed in one transaction ({@link TransactionStep}),
 * so a crash never issues a trial twice or loses one. What a record does to a study is {@link
 * Studies}' business; this class is the loop: poll, apply, emit, commit, and stop when closed or
 * fenced.
 */
public final class SuggesterService implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SuggesterService.class);
  private static final List<String> INPUTS =
      List.of(Topics.STUDIES.name(), Topics.TRIAL_RESULTS.name(), Topics.SUGGESTER_STATE.name());

  private final SuggesterConfig config;
  private final KafkaClients clients;
  private final SuggesterMetrics meters;
  private final Clock clock;
  private final PartitionReplay replay = new PartitionReplay();
  private final Studies studies;
  private volatile boolean closed;
  private volatile Consumer<byte[], byte[]> consumer;

  private SuggesterService(
      SuggesterConfig config, MeterRegistry registry, KafkaClients clients, Clock clock) {
    this.config = config;
    this.clients = clients;
    this.meters = new SuggesterMetrics(config.studyMetricsGrace());
    this.meters.bindTo(registry);
    this.clock = clock;
    this.studies = new Studies(replay, meters);
  }

  /** The one way to build the service loop, shared by the CLI and the tests: real Kafka clients. */
  public static SuggesterService create(SuggesterConfig config, MeterRegistry registry) {
    return create(config, registry, KafkaClients.kafka());
  }

  /** The service loop on clients of the caller's making (tests pass mocks). */
  public static SuggesterService create(
      SuggesterConfig config, MeterRegistry registry, KafkaClients clients) {
    return new SuggesterService(config, registry, clients, Clock.systemUTC());
  }

  @Override
  public void run() {
    try (Consumer<byte[], byte[]> c = clients.consumer(consumerProps());
        Producer<byte[], byte[]> tx = clients.producer(producerProps())) {
      consumer = c;
      tx.initTransactions();
      studies.spreadOver(
          c.partitionsFor(Topics.TRIAL_REQUESTS.name(), Duration.ofSeconds(30)).size());
      Rebalance rebalance = new Rebalance(c);
      TransactionStep step =
          new TransactionStep(tx, () -> rebuild(rebalance), meters, config.instanceId());
      c.subscribe(INPUTS, rebalance);
      LOG.debug("suggester {} started", config.instanceId());
      while (!closed) {
        pollOnce(c, step);
        meters.sweep(studies::book);
      }
    } catch (WakeupException e) {
      if (!closed) {
        throw e;
      }
    } catch (ProducerFencedException e) {
      LOG.error("suggester {} was fenced by a newer instance; stopping", config.instanceId());
    } finally {
      LOG.debug("suggester {} stopped", config.instanceId());
    }
  }

  /** One read-process-write round: whatever the poll brought, applied and committed together. */
  private void pollOnce(Consumer<byte[], byte[]> c, TransactionStep step) {
    ConsumerRecords<byte[], byte[]> records = c.poll(config.pollTimeout());
    Set<String> touched = new HashSet<>();
    Map<ConsumerRecord<byte[], byte[]>, String> poison = new LinkedHashMap<>();
    for (ConsumerRecord<byte[], byte[]> r : records) {
      try {
        studies.apply(r, touched);
      } catch (SerializationException | IllegalArgumentException e) {
        poison.put(r, e.getMessage());
        LOG.warn(
            "poison record {}-{}@{}: {}", r.topic(), r.partition(), r.offset(), e.getMessage());
      }
    }
    Set<Integer> caughtUp = finishReplay(c);
    List<ProducerRecord<byte[], byte[]>> out = studies.emit(touched, caughtUp, clock.millis());
    TransactionStep.Batch batch =
        new TransactionStep.Batch(out, poison, TransactionStep.Batch.offsetsAfter(records));
    if (!batch.isEmpty()) {
      step.commit(batch, c.groupMetadata());
    }
  }

  /** Ends replay where the position reached the end seen at assignment; returns those now live. */
  private Set<Integer> finishReplay(Consumer<byte[], byte[]> c) {
    Set<Integer> live = replay.finish(c::position);
    Set<String> orphans = replay.dropOrphans();
    if (!orphans.isEmpty()) {
      LOG.warn(
          "suggester {}: results for studies with no spec were ignored: {}",
          config.instanceId(),
          orphans);
    }
    for (int p : live) {
      LOG.info(
          "suggester {}: partition {} rebuilt, {} studies",
          config.instanceId(),
          p,
          studies.countOn(p));
    }
    return live;
  }

  /** Forgets every study and replays all assigned partitions from the beginning. */
  private void rebuild(Rebalance rebalance) {
    studies.clear();
    replay.clear();
    rebalance.onPartitionsAssigned(rebalance.client.assignment());
  }

  /** Replays what is assigned from the beginning; forgets what is revoked. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> client;

    Rebalance(Consumer<byte[], byte[]> client) {
      this.client = client;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      if (partitions.isEmpty()) {
        return;
      }
      Map<TopicPartition, Long> ends = client.endOffsets(partitions);
      client.seekToBeginning(partitions);
      ends.forEach((tp, end) -> replay.begin(tp, client.position(tp), end));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Set<Integer> gone = new HashSet<>();
      partitions.forEach(tp -> gone.add(tp.partition()));
      replay.revoke(partitions);
      studies.forget(gone);
    }
  }

  private Properties consumerProps() {
    Properties p =
        ClientSettings.transactionalGroupConsumer(
            config.connection(), config.groupId(), config.instanceId());
    // Range assignment gives one instance partition p of every input topic (they have equal
    // counts), which replay relies on: a study's spec, results and snapshots must meet in one
    // instance.
    p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
    return p;
  }

  private Properties producerProps() {
    Properties p = config.connection().properties();
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "streamtune-suggester-" + config.instanceId());
    p.put(ProducerConfig.CLIENT_ID_CONFIG, config.instanceId() + "-producer");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    return p;
  }

  @Override
  public void close() {
    closed = true;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }
}
