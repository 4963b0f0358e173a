package io.streamtune.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamtune.avro.TrialResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * Micrometer meters of one trainer. Every meter carries {@code service=trainer} and the worker id;
 * per-study meters carry {@code study} too.
 *
 * <p>A trainer never learns that a study has ended, and study ids are unbounded over a worker's
 * life, so a study's meters are removed once this worker has reported no result for it for a grace
 * period (long enough for a last scrape to see its final counts). A later result registers them
 * again from zero, which Prometheus reads as a counter reset. Removal runs in {@link #sweep}, on
 * the registry's clock.
 */
final class TrainerMetrics implements MeterBinder {

  private static final Tag SERVICE = Tag.of("service", "trainer");

  private final Tags common;
  private final Duration grace;

  /** Per study: its meters and when (registry nanos) this worker last reported a result. */
  private final Map<String, Tracked> studies = new HashMap<>();

  /** Why a request was not run: a bounded set, so each is a tag value of its own. */
  enum Refusal {
    /** Not a request at all: garbage or a tombstone. Dead-lettered. */
    UNDECODABLE,
    /** Of a study this trainer does not know. Dead-lettered. */
    UNKNOWN_STUDY,
    /** Not what its study could have issued. Dead-lettered. */
    MISMATCH,
    /** Of a cancelled study: skipped and consumed, not poison. */
    CANCELLED;

    String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private MeterRegistry registry;
  private final Map<Refusal, Counter> refused = new EnumMap<>(Refusal.class);

  private static final class Tracked {
    final List<Meter> meters = new ArrayList<>();
    long lastResult;
  }

  TrainerMetrics(String workerId, Duration grace) {
    this.common = Tags.of(SERVICE, Tag.of("worker", workerId));
    this.grace = grace;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    for (Refusal why : Refusal.values()) {
      refused.put(
          why,
          Counter.builder("streamtune.trainer.requests.refused")
              .description(
                  "Requests not run, by reason: dead-lettered (undecodable, unknown_study, or a"
                      + " mismatch with what their study could have issued), or skipped because"
                      + " their study is cancelled")
              .tags(common.and("reason", why.tag()))
              .register(registry));
    }
  }

  /**
   * Kafka's own consumer metrics (lag, fetch rate) under Micrometer's kafka.consumer.* names. Only
   * the service tag is added: the client id already names the worker, and Prometheus wants every
   * kafka.consumer.* meter in a registry (the monitor's Streams consumers too) to have one tag set.
   */
  KafkaClientMetrics bindClient(Consumer<?, ?> consumer) {
    KafkaClientMetrics metrics = new KafkaClientMetrics(consumer, Tags.of(SERVICE));
    metrics.bindTo(registry);
    return metrics;
  }

  void recordResult(TrialResult result) {
    String study = result.getStudyId();
    Tracked t = studies.computeIfAbsent(study, s -> new Tracked());
    t.lastResult = registry.config().clock().monotonicTime();
    Tags tags = common.and("study", study);
    Tags withStatus = tags.and("status", result.getStatus().name());
    Counter trials =
        Counter.builder("streamtune.trainer.trials")
            .description("Trials finished by this trainer, by final status")
            .tags(withStatus)
            .register(registry);
    trials.increment();
    Counter epochs =
        Counter.builder("streamtune.trainer.epochs")
            .description("Epochs trained")
            .tags(tags)
            .register(registry);
    epochs.increment(result.getEpochsRun());
    Timer duration =
        Timer.builder("streamtune.trial.duration")
            .description("Wall-clock time of a trial attempt, from start to result")
            .tags(withStatus)
            .register(registry);
    duration.record(Duration.ofMillis(Math.max(0, result.getFinishedAt() - result.getStartedAt())));
    for (Meter m : List.of(trials, epochs, duration)) {
      if (!t.meters.contains(m)) {
        t.meters.add(m);
      }
    }
  }

  /** A request not run, and why. */
  void recordRefused(Refusal why) {
    refused.get(why).increment();
  }

  /** Removes the meters of studies with no result from this worker for the whole grace period. */
  void sweep() {
    long now = registry.config().clock().monotonicTime();
    for (Iterator<Tracked> it = studies.values().iterator(); it.hasNext(); ) {
      Tracked t = it.next();
      if (now - t.lastResult >= grace.toNanos()) {
        t.meters.forEach(registry::remove);
        it.remove();
      }
    }
  }
}
