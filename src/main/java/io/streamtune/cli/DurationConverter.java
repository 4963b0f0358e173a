package io.streamtune.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations the way people type them on a command line ({@code 90s}, {@code 5m}, {@code
 * 1h30m}, {@code 500ms}) as well as ISO-8601 ({@code PT5M}).
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Duration MAX = Duration.ofDays(3650);
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    if (text.startsWith("p")) {
      try {
        return checked(Duration.parse(text.toUpperCase(Locale.ROOT)), value);
      } catch (DateTimeParseException | ArithmeticException e) {
        throw invalid(value);
      }
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    try {
      while (m.find() && m.start() == end) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
        end = m.end();
      }
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(value);
    }
    if (end == 0 || end != text.length()) {
      throw invalid(value);
    }
    return checked(total, value);
  }

  /** The short form this converter reads, for messages: 8s, 1m30s, 2h, 1d4h, 250ms. */
  static String format(Duration d) {
    if (d.toMillis() < 1000) {
      return d.toMillis() + "ms";
    }
    long s = d.getSeconds();
    StringBuilder out = new StringBuilder();
    long[] sizes = {86_400, 3_600, 60, 1};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (s >= sizes[i]) {
        out.append(s / sizes[i]).append(units[i]);
        s %= sizes[i];
      }
    }
    return out.toString();
  }

  /**
   * Zero, negative or centuries-long waits are typos; the upper bound also keeps nanoTime
   * arithmetic safe.
   */
  private static Duration checked(Duration d, String value) {
    if (d.isZero() || d.isNegative() || d.compareTo(MAX) > 0) {
      throw new TypeConversionException(
          "'" + value + "' must be more than 0 and at most " + MAX.toDays() + " days");
    }
    return d;
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "'" + value + "' is not a duration: write for example 90s, 5m, 1h30m, 500ms " + "or PT5M");
  }
}
