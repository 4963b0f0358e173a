package io.streamtune.monitor;

import static io.streamtune.monitor.MonitorDriver.flat;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.streamtune.avro.Direction;
import io.streamtune.avro.TrialStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor's per-study meters through {@link MonitorTopology#buildTopology}: the processors mark
 * a study active, and the topology's punctuation removes a quiet study's meters.
 */
class MonitorMetricsTopologyTest {

  private static final int EPOCHS = 10;
  private static final Duration GRACE = MonitorConfig.DEFAULT_METRICS_GRACE;

  @TempDir Path stateDir;
  private MonitorDriver monitor;

  @BeforeEach
  void start() {
    monitor = new MonitorDriver(stateDir);
  }

  @AfterEach
  void stop() {
    monitor.close();
  }

  private List<Meter> studyMeters() {
    return monitor.registry.getMeters().stream()
        .filter(m -> MonitorDriver.STUDY.equals(m.getId().getTag("study")))
        .toList();
  }

  /** Lets the meters' clock run on by {@code d}, and the topology's punctuations fire. */
  private void quiet(Duration d) {
    monitor.clock.add(d);
    monitor.driver.advanceWallClockTime(Duration.ofMinutes(1));
  }

  /** Five completed trials at 1.0 and a trial at 5.0 that the median rule stops, then prunes. */
  private void studyWithOneStoppedTrial() {
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median, min_trials: 5}");
    for (int k = 0; k < 5; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1.0));
    }
    monitor.curve("bad", EPOCHS, 5.0);
    monitor.result("bad", TrialStatus.PRUNED, 1, EPOCHS);
    assertThat(monitor.decisions()).hasSize(1);
  }

  @Test
  void shouldRemoveAStudysMetersWhenNothingOfItArrivedForTheGracePeriod() {
    // Given a study with a decision and a pruned trial
    studyWithOneStoppedTrial();
    assertThat(monitor.counter("streamtune.monitor.epochs.saved", "study", "st")).isEqualTo(9);
    // When it stays quiet for a minute less than the grace period, and then for the rest of it
    quiet(GRACE.minusMinutes(1));
    List<Meter> beforeGrace = studyMeters();
    quiet(Duration.ofMinutes(1));
    // Then its meters stay until the grace period is over, and are gone after
    assertThat(beforeGrace).isNotEmpty();
    assertThat(studyMeters()).isEmpty();
  }

  @Test
  void shouldKeepAStudysMetersWhenItsMetricsAndResultsKeepArriving() {
    // Given a study with a decision
    studyWithOneStoppedTrial();
    // When a new trial reports an epoch every half grace period, and finally its result
    for (int epoch = 1; epoch <= 4; epoch++) {
      quiet(GRACE.dividedBy(2));
      monitor.metric("slow", 1, epoch, 0.5, EPOCHS);
    }
    quiet(GRACE.dividedBy(2));
    monitor.result("slow", TrialStatus.FAILED, 4, EPOCHS);
    quiet(GRACE.dividedBy(2));
    // Then its meters and their counts stay
    assertThat(monitor.counter("streamtune.monitor.decisions", "rule", "median", "study", "st"))
        .isEqualTo(1);
  }
}
