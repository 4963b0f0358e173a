package io.streamtune.trainer.objective.command;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns a command's output lines into metrics.
 *
 * <p>Epoch lines match {@code metric_regex}, whose named group {@code value} is the metric and
 * whose optional group {@code epoch} is the epoch (else lines are counted). The default takes lines
 * such as {@code epoch=3 loss=0.41}: the value of {@code metric} when that option is set, otherwise
 * the first {@code key=value} after the epoch. A final line matches {@code final_regex} (default:
 * {@code final loss=0.37} or {@code final=0.37}) and, when present, is the result; its other
 * numeric {@code key=value} pairs become extra metrics (e.g. {@code final loss=0.37
 * test_acc=0.91}).
 */
public final class MetricParser {

  private static final String NUMBER =
      "(?<value>[-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?|[-+]?(?:nan|NaN|inf|Inf|Infinity))";
  private static final Pattern PAIR =
      Pattern.compile("(\\w+)=([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)");

  /**
   * A parsed line: an epoch report ({@code epoch} &gt; 0) or the final result ({@code epoch} = 0).
   */
  public record Parsed(int epoch, double value, Map<String, Double> extras) {

    public boolean isFinal() {
      return epoch == 0;
    }
  }

  private final Pattern epochPattern;
  private final Pattern finalPattern;
  private final boolean hasEpochGroup;
  private int counted;

  public MetricParser(String metricRegex, String finalRegex, String metric) {
    this.epochPattern =
        compile("metric_regex", metricRegex != null ? metricRegex : defaultEpochRegex(metric));
    this.finalPattern =
        compile("final_regex", finalRegex != null ? finalRegex : defaultFinalRegex(metric));
    this.hasEpochGroup = epochPattern.pattern().contains("(?<epoch>");
  }

  static String defaultEpochRegex(String metric) {
    String key = metric == null || metric.isBlank() ? "\\w+" : Pattern.quote(metric);
    return "\\bepoch=(?<epoch>\\d+)\\b(?:.*?[\\s,;])?" + key + "=" + NUMBER;
  }

  static String defaultFinalRegex(String metric) {
    String key = metric == null || metric.isBlank() ? "\\w+" : Pattern.quote(metric);
    return "^\\s*final(?:\\b.*?[\\s,;]" + key + ")?\\s*[=:]\\s*" + NUMBER;
  }

  private static Pattern compile(String option, String regex) {
    try {
      Pattern p = Pattern.compile(regex);
      if (!regex.contains("(?<value>")) {
        throw new IllegalArgumentException(
            "objective option '"
                + option
                + "' needs a named group (?<value>...) but was '"
                + regex
                + "'");
      }
      return p;
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "objective option '" + option + "' is not a valid regex: " + e.getMessage(), e);
    }
  }

  /** The metric in {@code line}, if it carries one. Final lines are checked first. */
  public Optional<Parsed> parse(String line) {
    Matcher f = finalPattern.matcher(line);
    if (f.find()) {
      double value = number(f.group("value"));
      Map<String, Double> extras = new LinkedHashMap<>();
      Matcher pairs = PAIR.matcher(line.substring(f.end()));
      while (pairs.find()) {
        extras.put(pairs.group(1), Double.parseDouble(pairs.group(2)));
      }
      return Optional.of(new Parsed(0, value, extras));
    }
    Matcher m = epochPattern.matcher(line);
    if (!m.find()) {
      return Optional.empty();
    }
    counted++;
    int epoch =
        hasEpochGroup && m.group("epoch") != null ? Integer.parseInt(m.group("epoch")) : counted;
    return Optional.of(new Parsed(Math.max(1, epoch), number(m.group("value")), Map.of()));
  }

  static double number(String text) {
    String t = text.toLowerCase(Locale.ROOT).replace("+", "");
    if (t.endsWith("nan")) {
      return Double.NaN;
    }
    if (t.endsWith("inf") || t.endsWith("infinity")) {
      return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }
    return Double.parseDouble(t);
  }
}
