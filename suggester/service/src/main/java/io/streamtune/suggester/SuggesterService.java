package io.streamtune.suggester;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamtune.avro.SuggesterState;
import io.streamtune.schemas.ClientSettings;
import io.streamtune.schemas.KafkaClients;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suggester service: a transactional read-process-write loop over {@code studies}, {@code
 * trial-claims} and {@code trial-results}, with its own state in {@code suggester-state}, all
 * co-partitioned by study. For each study it keeps {@code parallelism} trials in flight until
 * {@code n_trials} have results, issues a trial again when its trainer gives it back or stops
 * renewing its lease, and believes only claims and results that match what it issued.
 *
 * <p>Its state lives in Kafka. Requests, state records and the input offsets are committed in one
 * transaction ({@link TransactionStep}), so the state topic always matches the committed offsets:
 * an instance that is given a partition restores the partition's state from {@code suggester-state}
 * ({@link StateRestore}) while its inputs wait, then reads the inputs from their committed offsets.
 * Every input record is thus processed once, and dead-lettered at most once.
 */
public final class SuggesterService implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SuggesterService.class);
  private static final List<String> INPUTS =
      List.of(Topics.STUDIES.name(), Topics.TRIAL_CLAIMS.name(), Topics.TRIAL_RESULTS.name());
  private static final String STATE = Topics.SUGGESTER_STATE.name();

  private final SuggesterConfig config;
  private final KafkaClients clients;
  private final SuggesterMetrics meters;
  private final Clock clock;
  private final StateRestore restore = new StateRestore();
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
    this.studies = new Studies(config, meters);
  }

  /** The one way to build the service loop, shared by the CLI and the tests: real Kafka clients. */
  public static SuggesterService create(SuggesterConfig config, MeterRegistry registry) {
    return create(config, registry, KafkaClients.kafka());
  }

  /** The service loop on clients of the caller's making (tests pass mocks). */
  public static SuggesterService create(
      SuggesterConfig config, MeterRegistry registry, KafkaClients clients) {
    return create(config, registry, clients, Clock.systemUTC());
  }

  /** The same on a clock of the caller's making, so that tests can let leases lapse. */
  static SuggesterService create(
      SuggesterConfig config, MeterRegistry registry, KafkaClients clients, Clock clock) {
    return new SuggesterService(config, registry, clients, clock);
  }

  @Override
  public void run() {
    try (Consumer<byte[], byte[]> c = clients.consumer(consumerProps());
        Producer<byte[], byte[]> tx = clients.producer(producerProps())) {
      consumer = c;
      tx.initTransactions();
      studies.partitions(
          c.partitionsFor(Topics.STUDIES.name(), Duration.ofSeconds(30)).size(),
          c.partitionsFor(Topics.TRIAL_REQUESTS.name(), Duration.ofSeconds(30)).size());
      Rebalance rebalance = new Rebalance(c);
      TransactionStep step =
          new TransactionStep(tx, () -> rebuild(rebalance), meters, config.instanceId());
      List<String> topics = new ArrayList<>(INPUTS);
      topics.add(STATE);
      c.subscribe(topics, rebalance);
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
    long now = clock.millis();
    Output out = new Output();
    for (ConsumerRecord<byte[], byte[]> r : CausalOrder.of(records)) {
      if (r.topic().equals(STATE)) {
        holdState(r);
      } else {
        studies.apply(r, out, now);
      }
    }
    Set<Integer> live = finishRestore(c, now);
    studies.expireLeases(now, out);
    studies.emit(out, live, now);
    TransactionStep.Batch batch =
        new TransactionStep.Batch(
            out.records, out.poison, TransactionStep.Batch.offsetsAfter(records, INPUTS));
    if (!batch.isEmpty()) {
      step.commit(batch, c.groupMetadata());
    }
  }

  /** Keeps a state record while its partition restores; afterwards memory is ahead of them. */
  private void holdState(ConsumerRecord<byte[], byte[]> r) {
    if (!restore.restoring(r.partition())) {
      return;
    }
    String key = new String(r.key(), StandardCharsets.UTF_8);
    try {
      restore.hold(
          r.partition(),
          key,
          r.value() == null
              ? null
              : Topics.SUGGESTER_STATE.valueSerde().deserializer().deserialize(STATE, r.value()));
    } catch (SerializationException e) {
      LOG.error(
          "suggester {}: cannot read state record {} at {}-{}@{} ({}); skipping it",
          config.instanceId(),
          key,
          r.topic(),
          r.partition(),
          r.offset(),
          e.getMessage());
    }
  }

  /** Ends the restore of partitions whose state was read; their inputs resume. */
  private Set<Integer> finishRestore(Consumer<byte[], byte[]> c, long now) {
    Map<Integer, List<SuggesterState>> done =
        restore.finish(p -> c.position(new TopicPartition(STATE, p)));
    done.forEach(
        (p, records) -> {
          studies.restore(p, records, now);
          c.resume(inputs(List.of(p)));
          LOG.info(
              "suggester {}: partition {} restored, {} studies",
              config.instanceId(),
              p,
              studies.countOn(p));
        });
    return done.keySet();
  }

  /** Forgets every study and restores all assigned partitions again, from the committed state. */
  private void rebuild(Rebalance rebalance) {
    studies.clear();
    restore.clear();
    Set<TopicPartition> assigned = rebalance.client.assignment();
    Map<TopicPartition, OffsetAndMetadata> committed = rebalance.client.committed(assigned);
    for (TopicPartition tp : assigned) {
      if (!tp.topic().equals(STATE)) {
        OffsetAndMetadata o = committed.get(tp);
        if (o != null) {
          rebalance.client.seek(tp, o.offset());
        } else {
          rebalance.client.seekToBeginning(List.of(tp));
        }
      }
    }
    rebalance.onPartitionsAssigned(assigned);
  }

  private static List<TopicPartition> inputs(Collection<Integer> partitions) {
    List<TopicPartition> out = new ArrayList<>();
    for (String topic : INPUTS) {
      partitions.forEach(p -> out.add(new TopicPartition(topic, p)));
    }
    return out;
  }

  /** Restores what is assigned before its inputs are read; forgets what is revoked. */
  private final class Rebalance implements ConsumerRebalanceListener {
    private final Consumer<byte[], byte[]> client;

    Rebalance(Consumer<byte[], byte[]> client) {
      this.client = client;
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      List<TopicPartition> state =
          partitions.stream().filter(tp -> tp.topic().equals(STATE)).toList();
      if (state.isEmpty()) {
        return;
      }
      Map<TopicPartition, Long> ends = client.endOffsets(state);
      client.seekToBeginning(state);
      Set<Integer> restoring = new HashSet<>();
      ends.forEach(
          (tp, end) -> {
            if (restore.begin(tp.partition(), client.position(tp), end)) {
              restoring.add(tp.partition());
            }
          });
      client.pause(inputs(restoring));
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      Set<Integer> gone = new HashSet<>();
      partitions.forEach(tp -> gone.add(tp.partition()));
      restore.revoke(gone);
      studies.forget(gone);
    }
  }

  private Properties consumerProps() {
    Properties p =
        ClientSettings.transactionalGroupConsumer(
            config.connection(), config.groupId(), config.instanceId());
    // Range assignment gives one instance partition p of every input topic (they have equal
    // counts), which restore relies on: a study's spec, claims, results and state must meet in one
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
