package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trainer's meters: names, descriptions, common tags and bounded per-study meters. */
class TrainerMetricsTest {

  private final MockClock clock = new MockClock();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
  private final TrainerMetrics meters = new TrainerMetrics("w1", Duration.ofMinutes(10));

  TrainerMetricsTest() {
    meters.bindTo(registry);
  }

  private static TrialResult result(String study, TrialStatus status, int epochs) {
    return TrialResult.newBuilder()
        .setStudyId(study)
        .setTrialId(study + "-t0000")
        .setTrialNumber(0)
        .setParams(Map.of())
        .setStatus(status)
        .setValue(1.0)
        .setEpochsRun(epochs)
        .setMaxEpochs(10)
        .setStartedAt(1_000)
        .setFinishedAt(3_500)
        .build();
  }

  @Test
  void shouldCountTrialsEpochsAndDurationsWithTheCommonTagsWhenResultsArePublished() {
    meters.recordResult(result("a", TrialStatus.COMPLETED, 10));
    meters.recordResult(result("a", TrialStatus.PRUNED, 3));
    assertThat(registry.get("streamtune.trainer.trials").tag("status", "PRUNED").counter().count())
        .isEqualTo(1);
    assertThat(registry.get("streamtune.trainer.epochs").tag("study", "a").counter().count())
        .isEqualTo(13);
    assertThat(
            registry
                .get("streamtune.trial.duration")
                .tag("status", "COMPLETED")
                .timer()
                .totalTime(TimeUnit.MILLISECONDS))
        .isEqualTo(2_500);
    for (Meter m : registry.getMeters()) {
      assertThat(m.getId().getDescription()).as(m.getId().getName()).isNotBlank();
      assertThat(m.getId().getTag("service")).isEqualTo("trainer");
      assertThat(m.getId().getTag("worker")).isEqualTo("w1");
      assertThat(m.getId().getName()).matches("[a-z]+(\\.[a-z]+)+");
    }
  }

  @Test
  void shouldRemoveAStudysMetersOnlyAfterTheGracePeriodWithoutResults() {
    meters.recordResult(result("a", TrialStatus.COMPLETED, 10));
    clock.add(Duration.ofMinutes(6));
    meters.recordResult(result("b", TrialStatus.COMPLETED, 10));
    clock.add(Duration.ofMinutes(5));
    meters.sweep();
    assertThat(registry.find("streamtune.trainer.epochs").tag("study", "a").counter()).isNull();
    assertThat(registry.find("streamtune.trainer.epochs").tag("study", "b").counter()).isNotNull();
    assertThat(registry.find("streamtune.trial.duration").tag("study", "a").timer()).isNull();
  }

  @Test
  void shouldKeepAStudysMetersWhileResultsKeepComing() {
    meters.recordResult(result("a", TrialStatus.COMPLETED, 10));
    for (int i = 0; i < 5; i++) {
      clock.add(Duration.ofMinutes(4));
      meters.recordResult(result("a", TrialStatus.COMPLETED, 10));
      meters.sweep();
    }
    assertThat(registry.get("streamtune.trainer.trials").tag("study", "a").counter().count())
        .isEqualTo(6);
  }
}
