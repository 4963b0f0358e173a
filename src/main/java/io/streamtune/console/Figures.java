package io.streamtune.console;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** How numbers, durations and times are written for people. */
public final class Figures {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
          .withZone(ZoneId.systemDefault());

  private Figures() {}

  /** A metric value with five significant digits, without a trailing run of zeros. */
  public static String value(Double v) {
    if (v == null) {
      return "-";
    }
    if (!Double.isFinite(v)) {
      return v.isNaN() ? "NaN" : (v > 0 ? "inf" : "-inf");
    }
    double a = Math.abs(v);
    if (a != 0 && (a < 1e-4 || a >= 1e6)) {
      return String.format(Locale.ROOT, "%.4e", v);
    }
    String s = String.format(Locale.ROOT, "%.5g", v);
    if (s.contains(".")) {
      s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
    return s;
  }

  /** A duration as 41s, 3m07s or 2h05m. */
  public static String duration(long millis) {
    long s = Math.max(0, Math.round(millis / 1000.0));
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** A wall-clock time in this machine's zone, or "-" for none. */
  public static String time(long epochMs) {
    return epochMs <= 0 ? "-" : WHEN.format(Instant.ofEpochMilli(epochMs));
  }

  /** Extra metrics as {@code name = value}, comma separated, by name. */
  public static String metrics(Map<String, Double> metrics) {
    return metrics.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(e -> e.getKey() + " = " + value(e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** Parameters as {@code name=value}, in the order given. */
  public static String params(Map<String, Object> params) {
    return params.entrySet().stream()
        .map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d ? value(d) : e.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** {@code s} cut to {@code width} columns, ending in an ellipsis when cut. */
  public static String fit(String s, int width) {
    if (s.length() <= width) {
      return s;
    }
    return width <= 1 ? s.substring(0, Math.max(0, width)) : s.substring(0, width - 1) + "…";
  }
}
