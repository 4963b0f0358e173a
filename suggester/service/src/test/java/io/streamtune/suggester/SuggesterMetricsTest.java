package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.StudySpecParser;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SuggesterMetricsTest {

  private static final Duration GRACE = Duration.ofMinutes(10);

  /** Three gauges, five counters, two timers and their p50 and p99 gauges. */
  private static final int PER_STUDY = 14;

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final Map<String, StudyBook> books = new HashMap<>();
  private final SuggesterMetrics meters = new SuggesterMetrics(GRACE);

  @BeforeEach
  void bind() {
    meters.bindTo(registry);
  }

  private static StudyBook book(String study, int nTrials) {
    return new StudyBook(
        StudySpecParser.parse(
            String.format(
                Locale.ROOT,
                """
                study: %s
                objective: branin
                metric: {name: loss, direction: minimize}
                n_trials: %d
                parallelism: 2
                max_epochs: 3
                space:
                  x1: {type: real, low: -5, high: 10}
                  x2: {type: real, low: 0, high: 15}
                algorithm: {name: random, seed: 5}
                """,
                study,
                nTrials)));
  }

  private static TrialResult result(TrialRequest r, double value) {
    return TrialResult.newBuilder()
        .setStudyId(r.getStudyId())
        .setTrialId(r.getTrialId())
        .setTrialNumber(r.getTrialNumber())
        .setParams(r.getParams())
        .setStatus(TrialStatus.COMPLETED)
        .setValue(value)
        .setEpochsRun(3)
        .setMaxEpochs(3)
        .build();
  }

  /** Registers a study and records one of each of its meters. */
  private StudyBook running(String study, int nTrials) {
    StudyBook book = book(study, nTrials);
    books.put(study, book);
    meters.registerStudy(study, books::get);
    List<TrialRequest> requests = book.topUp(0, 0, 10_000);
    meters.recordAsk(study, "random", 1_000);
    meters.recordRequests(study, requests.size());
    TrialResult r = result(requests.get(0), 0.25);
    book.onResult(r);
    meters.recordTell(study, "random", 2_000);
    meters.recordResult(r);
    meters.recordIgnoredResult(study, StudyBook.Verdict.DUPLICATE);
    meters.recordStaleClaim(study);
    meters.recordReissued(study, "released", 1);
    return book;
  }

  private List<Meter> metersOf(String study) {
    return registry.getMeters().stream()
        .filter(m -> study.equals(m.getId().getTag("study")))
        .toList();
  }

  private double gauge(String name, String study) {
    return registry.get(name).tag("study", study).gauge().value();
  }

  @Test
  void shouldTagEveryMeterWithTheServiceAndDescribeItWhenBound() {
    // Given a bound binder
    // When a study records one of each of its meters
    running("s", 5);
    // Then every meter, the binder's own included, says which service it is and what it means
    assertThat(registry.getMeters())
        .extracting(m -> m.getId().getName())
        .contains(
            "streamtune.suggester.transactions.aborted",
            "streamtune.study.trials.finished",
            "streamtune.study.trials.pending",
            "streamtune.study.best.value",
            "streamtune.suggester.results",
            "streamtune.suggester.results.ignored",
            "streamtune.suggester.claims.stale",
            "streamtune.suggester.trials.reissued",
            "streamtune.suggester.ask.duration",
            "streamtune.suggester.tell.duration",
            "streamtune.suggester.requests");
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().getTag("service")).isEqualTo("suggester"));
    // (the percentile gauges Micrometer derives from a timer are described by their timer)
    assertThat(registry.getMeters())
        .filteredOn(m -> m.getId().syntheticAssociation() == null)
        .allSatisfy(m -> assertThat(m.getId().getDescription()).isNotBlank());
    assertThat(metersOf("s")).hasSize(PER_STUDY);
  }

  @Test
  void shouldReportTheStudyFromItsCurrentBookAndNanWhenItLeft() {
    // Given a study with two trials requested and one result of 0.25
    running("s", 5);
    // When / Then
    assertThat(gauge("streamtune.study.trials.finished", "s")).isEqualTo(1.0);
    assertThat(gauge("streamtune.study.trials.pending", "s")).isEqualTo(1.0);
    assertThat(gauge("streamtune.study.best.value", "s")).isEqualTo(0.25);
    assertThat(registry.get("streamtune.suggester.requests").tag("study", "s").counter().count())
        .isEqualTo(2.0);
    assertThat(
            registry
                .get("streamtune.suggester.results")
                .tags("study", "s", "status", "COMPLETED")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("streamtune.suggester.ask.duration").timer().count()).isEqualTo(1);
    books.remove("s");
    assertThat(gauge("streamtune.study.trials.pending", "s")).isNaN();
  }

  @Test
  void shouldRemoveAStudysMetersOnlyAfterTheGracePeriodWhenItIsDone() {
    // Given a study that is done (1 trial) and one still running
    running("done", 1);
    running("busy", 5);
    assertThat(books.get("done").done()).isTrue();
    // When the loop sweeps, first just before the grace period ends, then at its end
    meters.sweep(books::get);
    clock.add(GRACE.minusSeconds(1));
    meters.sweep(books::get);
    // Then a last scrape still sees the done study until then
    assertThat(metersOf("done")).hasSize(PER_STUDY);
    clock.add(Duration.ofSeconds(1));
    meters.sweep(books::get);
    // ... and then its meters are gone, the running study's are not
    assertThat(metersOf("done")).isEmpty();
    assertThat(metersOf("busy")).hasSize(PER_STUDY);
    assertThat(registry.find("streamtune.suggester.transactions.aborted").counter()).isNotNull();
  }

  @Test
  void shouldRemoveAStudysMetersAfterTheGracePeriodWhenItLeavesThisInstance() {
    // Given a running study
    running("s", 5);
    // When it leaves (a rebalance) and the grace period passes
    books.remove("s");
    meters.sweep(books::get);
    clock.add(GRACE);
    meters.sweep(books::get);
    // Then its meters are gone
    assertThat(metersOf("s")).isEmpty();
  }

  @Test
  void shouldKeepAStudysMetersWhenItComesBackWithinTheGracePeriod() {
    // Given a running study that leaves
    StudyBook book = running("s", 5);
    books.remove("s");
    meters.sweep(books::get);
    // When it comes back half-way through the grace period, and time goes on
    clock.add(GRACE.dividedBy(2));
    books.put("s", book);
    meters.registerStudy("s", books::get);
    meters.sweep(books::get);
    clock.add(GRACE);
    meters.sweep(books::get);
    // Then its meters stay
    assertThat(metersOf("s")).hasSize(PER_STUDY);
  }

  @Test
  void shouldNotBringMetersBackWhenALateDuplicateArrivesAfterTheirRemoval() {
    // Given a done study whose meters were removed
    running("s", 1);
    meters.sweep(books::get);
    clock.add(GRACE);
    meters.sweep(books::get);
    assertThat(metersOf("s")).isEmpty();
    // When a duplicate of its result is recorded
    TrialRequest r = book("s", 1).topUp(0, 0, 10_000).get(0);
    meters.recordIgnoredResult("s", StudyBook.Verdict.DUPLICATE);
    // Then
    assertThat(metersOf("s")).isEmpty();
  }

  @Test
  void shouldCountAbortedTransactions() {
    // When
    meters.recordAbort();
    meters.recordAbort();
    // Then
    assertThat(registry.get("streamtune.suggester.transactions.aborted").counter().count())
        .isEqualTo(2.0);
  }
}
