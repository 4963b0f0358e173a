package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

  private final DurationConverter converter = new DurationConverter();

  @Test
  void shouldReadUnitsWhenTypedTheShortWay() {
    assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(converter.convert("2d")).isEqualTo(Duration.ofDays(2));
    assertThat(converter.convert(" 2H ")).isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldReadIsoWhenGivenIso8601() {
    assertThat(converter.convert("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(converter.convert("pt1h")).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void shouldShowExamplesWhenTheTextIsNoDuration() {
    for (String bad : new String[] {"", "5", "m5", "5 m", "5x", "1h-3m", "P5", "5m!"}) {
      assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class)
          .hasMessageContaining("is not a duration")
          .hasMessageContaining("90s, 5m");
    }
  }

  @Test
  void shouldRefuseWhenTheDurationIsZeroNegativeOrAbsurd() {
    for (String bad :
        new String[] {
          "0s", "PT0S", "PT-5M", "3651d", "99999999999999999999h", "9999999999999999h"
        }) {
      assertThatThrownBy(() -> converter.convert(bad))
          .as(bad)
          .isInstanceOf(TypeConversionException.class);
    }
    assertThat(converter.convert("3650d")).isEqualTo(Duration.ofDays(3650));
  }

  @Test
  void shouldFormatInTheShortFormItReadsWhenDurationsArePrinted() {
    assertThat(DurationConverter.format(Duration.ofSeconds(8))).isEqualTo("8s");
    assertThat(DurationConverter.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(DurationConverter.format(Duration.ofHours(26))).isEqualTo("1d2h");
    assertThat(DurationConverter.format(Duration.ofMillis(250))).isEqualTo("250ms");
    DurationConverter c = new DurationConverter();
    for (String s : new String[] {"8s", "1m30s", "1d2h", "250ms"}) {
      assertThat(DurationConverter.format(c.convert(s))).isEqualTo(s);
    }
  }
}
