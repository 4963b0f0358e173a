package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SuggesterConfigTest {

  @Test
  void shouldKeepStudyMetersTenMinutesWhenNothingElseIsSet() {
    assertThat(SuggesterConfig.defaults("h:9092").studyMetricsGrace())
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void shouldNameTheValueWhenTheGracePeriodIsNegative() {
    // Given
    SuggesterConfig config = SuggesterConfig.defaults("h:9092");
    // When / Then
    assertThatThrownBy(() -> config.withStudyMetricsGrace(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("studyMetricsGrace must be >= 0 but was PT-1S");
  }
}
