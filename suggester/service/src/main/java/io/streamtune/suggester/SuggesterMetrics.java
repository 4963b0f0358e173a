package io.streamtune.suggester;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.streamtune.avro.TrialResult;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Micrometer meters of the suggester, tagged with the service and the study. */
final class SuggesterMetrics {

  private final MeterRegistry registry;

  SuggesterMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * Gauges read the study's current book through {@code books}, so a study that leaves this
   * instance and comes back (a rebalance) is reported from its new book, and one that left reads
   * NaN.
   */
  void registerStudy(String study, Function<String, StudyBook> books) {
    gauge(
        "streamtune.study.trials.finished",
        "Trials of the study with a result",
        study,
        books,
        StudyBook::finishedCount);
    gauge(
        "streamtune.study.trials.pending",
        "Trials requested and not yet finished",
        study,
        books,
        StudyBook::pendingCount);
    gauge(
        "streamtune.study.best.value",
        "Best final metric among completed trials, in the metric's own direction (NaN before the first)",
        study,
        books,
        StudyBook::bestValue);
  }

  private void gauge(
      String name,
      String description,
      String study,
      Function<String, StudyBook> books,
      ToDoubleFunction<StudyBook> value) {
    Gauge.builder(
            name,
            () -> {
              StudyBook book = books.apply(study);
              return book == null ? Double.NaN : value.applyAsDouble(book);
            })
        .description(description)
        .tags("service", "suggester", "study", study)
        .register(registry);
  }

  void recordResult(TrialResult r) {
    Counter.builder("streamtune.suggester.results")
        .description("Trial results applied to a study, by status")
        .tags("service", "suggester", "study", r.getStudyId(), "status", r.getStatus().name())
        .register(registry)
        .increment();
  }

  void recordDuplicate(TrialResult r) {
    Counter.builder("streamtune.suggester.results.duplicate")
        .description("Results ignored because the trial already had one")
        .tags("service", "suggester", "study", r.getStudyId())
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
    Timer.builder(name)
        .description(description)
        .tags("service", "suggester", "study", study, "algorithm", algorithm)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(Duration.ofNanos(nanos));
  }

  void recordRequests(String study, int n) {
    Counter.builder("streamtune.suggester.requests")
        .description("Trial requests issued")
        .tags("service", "suggester", "study", study)
        .register(registry)
        .increment(n);
  }
}
