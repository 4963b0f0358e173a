package io.streamtune.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.streamtune.schemas.Topics;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Micrometer meters of the monitor. Every meter carries {@code service=monitor} ({@link #SERVICE},
 * added in every method here that builds a meter, and nowhere else); per-study meters carry {@code
 * study} too, and the counts of rejected records ({@link #ignored}, {@link #foreignDecision}) carry
 * none, since their study ids are not to be trusted.
 *
 * <p>When a study ends. Study ids are unbounded over a service's life, so per-study meters must not
 * stay forever, but the monitor sees no event that ends a study: it does not know how many trials a
 * study will run (the suggester does), nothing writes a tombstone on {@code studies}, the retention
 * punctuation drops a finished study's curves only after a day, and a study whose partition moved
 * to another instance (a rebalance) simply stops arriving here. What these cases share is that the
 * study goes quiet on this instance. So a study has ended, as far as its meters go, once nothing of
 * it (a metric, a result or a decision) has been seen here for the grace period, which also lets a
 * last scrape see its final counts; {@link #sweep} then removes its meters, on the registry's
 * clock. A study that comes back gets new meters, counting from zero. A study that is only slow (an
 * epoch longer than the grace period) loses its meters in between, which is why the grace period is
 * a setting.
 *
 * <p>The common tag is set here rather than as a registry-wide common tag because one registry may
 * serve several services in one JVM ({@code streamtune run}).
 *
 * <p>Stream threads record and sweep concurrently; a study's meters are registered, recorded and
 * removed inside {@link ConcurrentHashMap#compute} on its entry, so a sweep never removes a meter
 * while another thread registers it for a study that has just become active again.
 */
final class MonitorMetrics implements MeterBinder {

  static final Tags SERVICE = Tags.of("service", "monitor");

  /** The meters registered for one study, and when (registry nanos) it was last seen. */
  private static final class Tracked {
    final Set<Meter> meters = new HashSet<>();
    long lastSeen;
  }

  private final Duration grace;
  private final Map<String, Tracked> studies = new ConcurrentHashMap<>();
  private MeterRegistry registry;

  /**
   * @param grace how long a quiet study's meters stay
   */
  MonitorMetrics(Duration grace) {
    this.grace = grace;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    Gauge.builder("streamtune.monitor.studies.active", studies, Map::size)
        .description(
            "Studies with a metric, result or decision on this instance within the grace period,"
                + " i.e. those with per-study meters")
        .tags(SERVICE)
        .register(registry);
  }

  /** A metric or result of {@code study} arrived: it is active, whether or not a meter moves. */
  void seen(String study) {
    studies.compute(
        study,
        (s, t) -> {
          Tracked tracked = t == null ? new Tracked() : t;
          tracked.lastSeen = now();
          return tracked;
        });
  }

  void decision(String study, String rule, long latencyMs) {
    onStudy(
        study,
        tags ->
            Counter.builder("streamtune.monitor.decisions")
                .description("Stop decisions issued, by rule")
                .tags(tags.and("rule", rule))
                .register(registry),
        Counter::increment);
    onStudy(
        study,
        tags ->
            Timer.builder("streamtune.monitor.decision.latency")
                .description("From an epoch metric's timestamp to the stop decision it caused")
                .tags(tags.and("rule", rule))
                .publishPercentiles(0.5, 0.99)
                .register(registry),
        timer -> timer.record(Duration.ofMillis(Math.max(0, latencyMs))));
  }

  void epochsSaved(String study, int epochs) {
    onStudy(
        study,
        tags ->
            Counter.builder("streamtune.monitor.epochs.saved")
                .description(
                    "Epochs not trained because a trial was stopped early (budget minus epochs"
                        + " run)")
                .tags(tags)
                .register(registry),
        counter -> counter.increment(Math.max(0, epochs)));
  }

  /**
   * A metric of {@code study} came after its trial finished, or from a superseded attempt: counted
   * per study, and among the records ignored.
   */
  void lateMetric(String study) {
    ignored(Topics.TRIAL_METRICS.name(), Rejection.LATE);
    onStudy(
        study,
        tags ->
            Counter.builder("streamtune.monitor.metrics.ignored")
                .description("Metrics ignored because their trial had finished or was superseded")
                .tags(tags)
                .register(registry),
        Counter::increment);
  }

  /**
   * A record of {@code topic} failed a check. No study tag: the study id of a record that failed is
   * whatever its writer chose, and a tag of it would let a careless or hostile client create time
   * series without bound; topics and reasons are few and fixed.
   */
  void ignored(String topic, Rejection reason) {
    Counter.builder("streamtune.monitor.records.ignored")
        .description(
            "Records the monitor ignored because they failed a check against their study's spec,"
                + " came too late, or could not be used, by topic and reason")
        .tags(SERVICE.and("topic", topic, "reason", reason.tag()))
        .register(registry)
        .increment();
  }

  /** A stop decision on trial-control that the monitor did not issue; no study tag, as above. */
  void foreignDecision(Rejection reason) {
    Counter.builder("streamtune.monitor.decisions.foreign")
        .description(
            "Stop decisions on trial-control that the monitor did not issue (written by another"
                + " client), by reason")
        .tags(SERVICE.and("reason", reason.tag()))
        .register(registry)
        .increment();
  }

  /**
   * Registers (or finds) one of {@code study}'s meters with the service and study tags, notes it
   * for removal, records on it, and marks the study active.
   */
  private <M extends Meter> void onStudy(
      String study, Function<Tags, M> register, Consumer<M> record) {
    studies.compute(
        study,
        (s, t) -> {
          Tracked tracked = t == null ? new Tracked() : t;
          M meter = register.apply(SERVICE.and("study", study));
          tracked.meters.add(meter);
          record.accept(meter);
          tracked.lastSeen = now();
          return tracked;
        });
  }

  /** Removes the meters of every study not seen for the whole grace period. */
  void sweep() {
    long now = now();
    for (String study : studies.keySet()) {
      studies.computeIfPresent(
          study,
          (s, t) -> {
            if (now - t.lastSeen < grace.toNanos()) {
              return t;
            }
            t.meters.forEach(registry::remove);
            return null;
          });
    }
  }

  private long now() {
    return registry.config().clock().monotonicTime();
  }
}
