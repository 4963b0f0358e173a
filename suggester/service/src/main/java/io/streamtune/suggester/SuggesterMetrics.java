package io.streamtune.suggester;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.streamtune.avro.TrialResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer meters of the suggester. Every meter carries {@code service=suggester}; per-study
 * meters carry {@code study} too.
 *
 * <p>Study ids are unbounded over a service's life, so per-study meters do not stay forever: once a
 * study is done, cancelled or has left this instance (a rebalance), its meters are removed after a
 * grace period, so that a final scrape still sees its end. A study that comes back within the grace
 * period keeps its meters. Once removed, a study's meters come back only if the study is registered
 * again, never from a late duplicate result. Removal runs in {@link #sweep}, on the registry's
 * clock.
 *
 * <p>The common tag is set here rather than as a registry-wide common tag because one registry may
 * serve several services in one JVM ({@code streamtune run}).
 */
final class SuggesterMetrics implements MeterBinder {

  static final Tags SERVICE = Tags.of("service", "suggester");

  /** The meters registered for one study, and since when (registry nanos) it is done or gone. */
  private static final class Tracked {
    final Set<Meter> meters = new HashSet<>();
    Long retiredAt;
  }

  private final Duration grace;

  /** Touched by the service loop only; scrapes read gauges, not this. */
  private final Map<String, Tracked> studies = new HashMap<>();

  private MeterRegistry registry;
  private Counter aborted;

  /**
   * @param grace how long a done or departed study's meters stay
   */
  SuggesterMetrics(Duration grace) {
    this.grace = grace;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    this.registry = registry;
    this.aborted =
        Counter.builder("streamtune.suggester.transactions.aborted")
            .description("Transactions that failed and were aborted; state was rebuilt from Kafka")
            .tags(SERVICE)
            .register(registry);
  }

  /**
   * Gauges read the study's current book through {@code books}, so a study that leaves this
   * instance and comes back (a rebalance) is reported from its new book, and one that left reads
   * NaN until its meters are removed.
   */
  void registerStudy(String study, Function<String, StudyBook> books) {
    Tracked t = studies.computeIfAbsent(study, s -> new Tracked());
    t.retiredAt = null;
    if (!t.meters.isEmpty()) {
      // Back before its meters were removed (a resume, a rebalance): they read the new book
      // already, and registering them again only makes Micrometer warn.
      return;
    }
    t.meters.add(
        gauge(
            "streamtune.study.trials.finished",
            "Trials of the study with a result",
            study,
            books,
            StudyBook::finishedCount));
    t.meters.add(
        gauge(
            "streamtune.study.trials.pending",
            "Trials requested and not yet finished",
            study,
            books,
            StudyBook::pendingCount));
    t.meters.add(
        gauge(
            "streamtune.study.best.value",
            "Best final metric among completed trials, in the metric's own direction (NaN before"
                + " the first)",
            study,
            books,
            StudyBook::bestValue));
  }

  private Gauge gauge(
      String name,
      String description,
      String study,
      Function<String, StudyBook> books,
      ToDoubleFunction<StudyBook> value) {
    return Gauge.builder(
            name,
            () -> {
              StudyBook book = books.apply(study);
              return book == null ? Double.NaN : value.applyAsDouble(book);
            })
        .description(description)
        .tags(SERVICE.and("study", study))
        .register(registry);
  }

  void recordResult(TrialResult r) {
    studyCounter(
        r.getStudyId(),
        "streamtune.suggester.results",
        "Trial results applied to a study, by status",
        Tags.of("status", r.getStatus().name()),
        1);
  }

  /** A result that was not applied: a second copy, or one from a superseded attempt. */
  void recordIgnoredResult(String study, StudyBook.Verdict verdict) {
    studyCounter(
        study,
        "streamtune.suggester.results.ignored",
        "Results not applied: a duplicate of an applied one, or from a superseded attempt",
        Tags.of("verdict", verdict.name()),
        1);
  }

  /** A claim, renewal or release of an attempt that is no longer current. */
  void recordStaleClaim(String study) {
    studyCounter(
        study,
        "streamtune.suggester.claims.stale",
        "Claims, renewals and releases of attempts that were no longer current",
        Tags.empty(),
        1);
  }

  /** Trials issued again as their next attempt, by why: released, lease_lapsed or resumed. */
  void recordReissued(String study, String why, int n) {
    studyCounter(
        study,
        "streamtune.suggester.trials.reissued",
        "Trials issued again as their next attempt: given back by their trainer (released),"
            + " whose trainer stopped renewing its lease (lease_lapsed), or left without a holder"
            + " while the study was cancelled (resumed)",
        Tags.of("reason", why),
        n);
  }

  private void studyCounter(String study, String name, String description, Tags tags, int n) {
    Tracked t = studies.get(study);
    if (t != null) {
      Counter c =
          Counter.builder(name)
              .description(description)
              .tags(SERVICE.and("study", study).and(tags))
              .register(registry);
      t.meters.add(c);
      c.increment(n);
    }
  }

  /** A study-keyed record found on another partition than its study's, sent on there. */
  void recordRerouted(String topic) {
    Counter.builder("streamtune.suggester.records.rerouted")
        .description(
            "Study-keyed records found on another partition than their study's (a client whose"
                + " partitioner is not murmur2) and sent on to it")
        .tags(SERVICE.and("topic", topic))
        .register(registry)
        .increment();
  }

  void recordAsk(String study, String algorithm, long nanos) {
    time(
        "streamtune.suggester.ask.duration",
        "Time to propose a batch of trials (acquisition optimisation)",
        study,
        algorithm,
        nanos);
  }

  void recordTell(String study, String algorithm, long nanos) {
    time(
        "streamtune.suggester.tell.duration",
        "Time to learn from one result (surrogate update or refit)",
        study,
        algorithm,
        nanos);
  }

  private void time(String name, String description, String study, String algorithm, long nanos) {
    Tracked t = studies.get(study);
    if (t != null) {
      Timer timer =
          Timer.builder(name)
              .description(description)
              .tags(SERVICE.and("study", study, "algorithm", algorithm))
              .publishPercentiles(0.5, 0.99)
              .register(registry);
      t.meters.add(timer);
      timer.record(Duration.ofNanos(nanos));
    }
  }

  void recordRequests(String study, int n) {
    studyCounter(study, "streamtune.suggester.requests", "Trial requests issued", Tags.empty(), n);
  }

  void recordAbort() {
    aborted.increment();
  }

  /**
   * Removes the meters of studies that have been done, cancelled or gone (no book in {@code books})
   * for the whole grace period; a study that is live again (resumed, or back on this instance) is
   * no longer on its way out.
   */
  void sweep(Function<String, StudyBook> books) {
    long now = registry.config().clock().monotonicTime();
    for (Iterator<Map.Entry<String, Tracked>> it = studies.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Tracked> e = it.next();
      Tracked t = e.getValue();
      StudyBook book = books.apply(e.getKey());
      if (book != null && book.active()) {
        t.retiredAt = null;
      } else if (t.retiredAt == null) {
        t.retiredAt = now;
      }
      if (t.retiredAt != null && now - t.retiredAt >= grace.toNanos()) {
        t.meters.forEach(registry::remove);
        it.remove();
      }
    }
  }
}
