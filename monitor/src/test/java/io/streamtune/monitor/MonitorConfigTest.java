package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

  private static final MonitorConfig DEFAULTS =
      MonitorConfig.defaults("localhost:9092", Path.of("state"));

  @Test
  void shouldKeepAQuietStudysMetersForTenMinutesWhenNotToldOtherwise() {
    assertThat(DEFAULTS.metricsGrace()).isEqualTo(Duration.ofMinutes(10));
    assertThat(DEFAULTS.withMetricsGrace(Duration.ofHours(2)).metricsGrace())
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldNameTheFieldWhenTheMetricsGraceIsNotPositive() {
    assertThatThrownBy(() -> DEFAULTS.withMetricsGrace(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metricsGrace must be > 0 but was PT0S");
    assertThatThrownBy(() -> DEFAULTS.withMetricsGrace(Duration.ofSeconds(-1)))
        .hasMessageContaining("metricsGrace must be > 0 but was PT-1S");
    assertThatThrownBy(() -> DEFAULTS.withMetricsGrace(null))
        .hasMessageContaining("metricsGrace must be > 0 but was null");
  }
}
