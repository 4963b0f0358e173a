package io.streamtune.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.StudySpecParser;
import java.time.Duration;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's topology. {@code trial-metrics} and {@code trial-results} (both keyed by study id)
 * update one {@code curves} store per partition; after each metric the study's stopping rule judges
 * that trial, and stop decisions go to {@code trial-control}. Study specs are a global store, so
 * every instance knows every study's rule. {@code trial-control} is read back, so that its
 * undecodable records are dead-lettered once and decisions the monitor did not issue are counted
 * ({@link DecisionAuditor}); it must have as many partitions as the other study-keyed topics, which
 * {@code TopicSetup} checks.
 *
 * <pre>
 * studies ────────────────► [global store: studies]
 * trial-metrics ─► metrics ─┬─► [curves] ─► trial-control
 * trial-results ─► results ─┤
 * trial-control ─► audit ───┘ (reads only)
 * </pre>
 */
public final class MonitorTopology {

  public static final String CURVES_STORE = "trial-curves";
  public static final String STUDIES_STORE = "studies";

  /** Warnings about records written by others, per minute for the whole topology. */
  private static final int WARNINGS_PER_MINUTE = 10;

  private MonitorTopology() {}

  /** The one way to build the topology, shared by the CLI and the tests. */
  public static Topology buildTopology(
      StreamsBuilder builder, MonitorConfig config, MeterRegistry registry) {
    MonitorMetrics meters = new MonitorMetrics(config.metricsGrace());
    meters.bindTo(registry);
    LogBudget warnings = new LogBudget(WARNINGS_PER_MINUTE, Duration.ofMinutes(1));
    builder.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(STUDIES_STORE),
                Serdes.String(),
                Topics.STUDIES.valueSerde())
            .withLoggingDisabled(),
        Topics.STUDIES.name(),
        // Raw bytes: a global store cannot dead-letter, so the updater decodes and skips bad
        // records.
        Consumed.with(Serdes.String(), Serdes.ByteArray()),
        () -> new StudyStoreUpdater(meters, warnings));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CURVES_STORE),
            Serdes.String(),
            JsonSerde.of(CurveBook.Trial.class)));

    builder.stream(
            Topics.TRIAL_METRICS.name(),
            Consumed.with(Topics.TRIAL_METRICS.keySerde(), Topics.TRIAL_METRICS.valueSerde()))
        .process(() -> new MetricProcessor(meters, config.retention()), CURVES_STORE)
        .to(
            Topics.TRIAL_CONTROL.name(),
            Produced.with(Topics.TRIAL_CONTROL.keySerde(), Topics.TRIAL_CONTROL.valueSerde()));

    builder.stream(
            Topics.TRIAL_RESULTS.name(),
            Consumed.with(Topics.TRIAL_RESULTS.keySerde(), Topics.TRIAL_RESULTS.valueSerde()))
        .process(() -> new ResultProcessor(meters), CURVES_STORE);

    // Last, so that the generated names of the nodes above stay as they were.
    builder.stream(
            Topics.TRIAL_CONTROL.name(),
            Consumed.with(Topics.TRIAL_CONTROL.keySerde(), Topics.TRIAL_CONTROL.valueSerde())
                .withOffsetResetPolicy(AutoOffsetReset.latest()))
        .process(() -> new DecisionAuditor(meters, warnings), CURVES_STORE);
    return builder.build();
  }

  /**
   * Keeps the global studies store in step with the compacted topic, tombstones included. A spec
   * whose key is not its study id, or whose study id the parser would refuse, is skipped: the store
   * is looked up by the study id of each metric, result and decision, and the id goes into the
   * curves' {@code study|trial} keys.
   */
  private static final class StudyStoreUpdater implements Processor<String, byte[], Void, Void> {
    private static final Logger LOG = LoggerFactory.getLogger(StudyStoreUpdater.class);
    private final MonitorMetrics meters;
    private final LogBudget warnings;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, StudySpec> store;

    StudyStoreUpdater(MonitorMetrics meters, LogBudget warnings) {
      this.meters = meters;
      this.warnings = warnings;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.context = context;
      store = context.getStateStore(STUDIES_STORE);
    }

    @Override
    public void process(Record<String, byte[]> record) {
      if (record.value() == null) {
        if (record.key() != null) {
          store.delete(record.key());
        }
        return;
      }
      StudySpec spec;
      try {
        spec =
            Topics.STUDIES
                .valueSerde()
                .deserializer()
                .deserialize(Topics.STUDIES.name(), record.value());
      } catch (SerializationException e) {
        skip(Rejection.UNDECODABLE, e.getMessage());
        return;
      }
      if (!spec.getStudyId().equals(record.key())) {
        skip(Rejection.KEY_MISMATCH, "its key is not its study id");
      } else if (!StudySpecParser.isStudyId(spec.getStudyId())) {
        skip(Rejection.INVALID_SPEC, "its study id is not one the spec parser accepts");
      } else {
        store.put(record.key(), spec);
      }
    }

    private void skip(Rejection reason, String why) {
      meters.ignored(Topics.STUDIES.name(), reason);
      warnings.warn(
          LOG,
          context.currentSystemTimeMs(),
          "monitor: skipping the study spec at {}: {}",
          context.recordMetadata().map(m -> m.partition() + "@" + m.offset()).orElse("?"),
          why);
    }
  }
}
