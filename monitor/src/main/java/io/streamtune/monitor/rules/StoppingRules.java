package io.streamtune.monitor.rules;

import java.util.Map;

/** Builds the rule a study spec names, with the spec's options and the documented defaults. */
public final class StoppingRules {

  private StoppingRules() {}

  public static StoppingRule create(String rule, Map<String, Double> options) {
    return switch (rule) {
      case "none" -> StoppingRule.NONE;
      case MedianRule.NAME -> new MedianRule(
          intOption(options, "min_trials", 5), intOption(options, "min_step", 1));
      default -> throw new IllegalArgumentException("stopping rule '" + rule + "' is not available");
    };
  }

  static int intOption(Map<String, Double> options, String name, int fallback) {
    Double v = options.get(name);
    return v == null ? fallback : (int) Math.round(v);
  }

  static double doubleOption(Map<String, Double> options, String name, double fallback) {
    Double v = options.get(name);
    return v == null ? fallback : v;
  }
}
