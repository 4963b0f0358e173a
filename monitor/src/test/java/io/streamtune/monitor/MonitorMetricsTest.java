package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MonitorMetricsTest {

  private static final Duration GRACE = Duration.ofMinutes(10);

  /** Decisions and ignored-metrics counters, epochs saved, a latency timer and its p50 and p99. */
  private static final int PER_STUDY = 6;

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final MonitorMetrics meters = new MonitorMetrics(GRACE);

  @BeforeEach
  void bind() {
    meters.bindTo(registry);
  }

  /** Records one of each of a study's meters. */
  private void active(String study) {
    meters.seen(study);
    meters.decision(study, "median", 40);
    meters.epochsSaved(study, 7);
    meters.lateMetric(study);
  }

  private List<Meter> metersOf(String study) {
    return registry.getMeters().stream()
        .filter(m -> study.equals(m.getId().getTag("study")))
        .toList();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).counter().count();
  }

  private double activeStudies() {
    return registry.get("streamtune.monitor.studies.active").gauge().value();
  }

  @Test
  void shouldTagEveryMeterWithTheServiceAndDescribeItWhenBound() {
    // Given a bound binder
    // When a study records one of each of its meters
    active("s");
    // Then every meter, the binder's own included, says which service it is and what it means
    assertThat(registry.getMeters())
        .extracting(m -> m.getId().getName())
        .contains(
            "streamtune.monitor.studies.active",
            "streamtune.monitor.decisions",
            "streamtune.monitor.decision.latency",
            "streamtune.monitor.epochs.saved",
            "streamtune.monitor.metrics.ignored");
    assertThat(registry.getMeters())
        .allSatisfy(m -> assertThat(m.getId().getTag("service")).isEqualTo("monitor"));
    // (the percentile gauges Micrometer derives from a timer are described by their timer)
    assertThat(registry.getMeters())
        .filteredOn(m -> m.getId().syntheticAssociation() == null)
        .allSatisfy(m -> assertThat(m.getId().getDescription()).isNotBlank());
    assertThat(metersOf("s")).hasSize(PER_STUDY);
  }

  @Test
  void shouldCountDecisionsByRuleEpochsSavedAndIgnoredMetricsWhenRecorded() {
    // Given two decisions by the median rule and one by the curve rule, 40 ms and 60 ms after
    // their metrics, and one whose metric claims to come from the future
    meters.decision("s", "median", 40);
    meters.decision("s", "median", 60);
    meters.decision("s", "curve", -5);
    // And two pruned trials that saved 7 and 3 epochs, one whose count makes no sense, and three
    // late metrics
    meters.epochsSaved("s", 7);
    meters.epochsSaved("s", 3);
    meters.epochsSaved("s", -2);
    meters.lateMetric("s");
    meters.lateMetric("s");
    meters.lateMetric("s");
    // Then
    assertThat(counter("streamtune.monitor.decisions", "study", "s", "rule", "median"))
        .isEqualTo(2.0);
    assertThat(counter("streamtune.monitor.decisions", "study", "s", "rule", "curve"))
        .isEqualTo(1.0);
    Timer median =
        registry.get("streamtune.monitor.decision.latency").tags("rule", "median").timer();
    assertThat(median.count()).isEqualTo(2);
    assertThat(median.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(100.0);
    assertThat(
            registry
                .get("streamtune.monitor.decision.latency")
                .tags("rule", "curve")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isZero();
    assertThat(counter("streamtune.monitor.epochs.saved", "study", "s")).isEqualTo(10.0);
    assertThat(counter("streamtune.monitor.metrics.ignored", "study", "s")).isEqualTo(3.0);
  }

  @Test
  void shouldRemoveAStudysMetersOnlyAfterTheGracePeriodWhenItHasBeenQuiet() {
    // Given two studies with meters, and a sweep
    active("quiet");
    active("busy");
    meters.sweep();
    // When one of them keeps receiving metrics and the grace period ends a second later
    clock.add(GRACE.minusSeconds(1));
    meters.seen("busy");
    meters.sweep();
    // Then a last scrape still sees the quiet study until then
    assertThat(metersOf("quiet")).hasSize(PER_STUDY);
    assertThat(activeStudies()).isEqualTo(2.0);
    clock.add(Duration.ofSeconds(1));
    meters.sweep();
    // ... and then its meters are gone, the busy study's are not, nor the binder's own
    assertThat(metersOf("quiet")).isEmpty();
    assertThat(metersOf("busy")).hasSize(PER_STUDY);
    assertThat(activeStudies()).isEqualTo(1.0);
  }

  @Test
  void shouldKeepAStudysMetersWhenMetricsKeepArrivingWithoutDecisions() {
    // Given a study with meters
    active("s");
    // When for three grace periods only metrics arrive, one every half grace period
    for (int i = 0; i < 6; i++) {
      clock.add(GRACE.dividedBy(2));
      meters.seen("s");
      meters.sweep();
    }
    // Then its meters stay, with their counts
    assertThat(metersOf("s")).hasSize(PER_STUDY);
    assertThat(counter("streamtune.monitor.decisions", "study", "s", "rule", "median"))
        .isEqualTo(1.0);
  }

  @Test
  void shouldCountFromZeroWhenAStudyComesBackAfterItsMetersWereRemoved() {
    // Given a study whose meters were removed after a quiet grace period
    active("s");
    clock.add(GRACE);
    meters.sweep();
    assertThat(metersOf("s")).isEmpty();
    // When a late metric of it is ignored
    meters.lateMetric("s");
    // Then only that meter is back, counting from zero, and the study is active again
    assertThat(metersOf("s")).hasSize(1);
    assertThat(counter("streamtune.monitor.metrics.ignored", "study", "s")).isEqualTo(1.0);
    assertThat(activeStudies()).isEqualTo(1.0);
  }
}
