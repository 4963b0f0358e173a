package io.streamtune.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The stopping options' ranges, against the monitor's defaults and its rules' own checks. */
class StoppingOptionsTest {

  /** The monitor's defaults (StoppingRules), which a spec must be able to state explicitly. */
  private static final Map<String, Map<String, Double>> MONITOR_DEFAULTS =
      Map.of(
          "none", Map.of(),
          "median", Map.of("min_trials", 5.0, "min_step", 1.0),
          "percentile",
              Map.of(
                  "percentile", 50.0,
                  "n_startup_trials", 5.0,
                  "n_warmup_steps", 0.0,
                  "interval_steps", 1.0,
                  "n_min_trials", 1.0),
          "curve", Map.of("start_step", 6.0, "gap", 1.0, "delta", 0.05, "threshold", 0.0),
          "asha", Map.of("min_resource", 1.0, "eta", 4.0, "min_early_stopping_rate", 0.0),
          "hyperband", Map.of("min_resource", 1.0, "eta", 3.0),
          "sh-curve",
              Map.of(
                  "min_resource", 1.0,
                  "eta", 6.0,
                  "confidence", 0.9,
                  "start_step", 3.0,
                  "delta", 0.1));

  private static StudySpec withStopping(String rule, Map<String, Double> options) {
    StudySpec spec = StudySpecParser.parse(TestSpecs.VALID);
    spec.setStopping(new StoppingSpec(rule, options));
    return spec;
  }

  @Test
  void shouldAcceptMonitorDefaultsWhenEveryOptionIsGivenExplicitly() {
    assertThat(MONITOR_DEFAULTS.keySet()).isEqualTo(SpecVocabulary.STOPPING_RULES.keySet());
    MONITOR_DEFAULTS.forEach(
        (rule, options) -> {
          assertThat(options.keySet()).as(rule).isEqualTo(SpecVocabulary.STOPPING_RULES.get(rule));
          assertThat(SpecValidation.problems(withStopping(rule, options))).as(rule).isEmpty();
        });
  }

  /** The edges of each range, as the monitor's rules draw them (MedianRule, CurveRule, ...). */
  @ParameterizedTest(name = "{0}.{1} = {2} -> {3}")
  @CsvSource({
    "median, min_trials, 1, true",
    "median, min_trials, 0, false",
    "median, min_step, 10000, true",
    "median, min_step, 10001, false",
    "percentile, percentile, 0, true",
    "percentile, percentile, 100, true",
    "percentile, percentile, -0.5, false",
    "percentile, n_startup_trials, 0, true",
    "percentile, interval_steps, 0, false",
    "percentile, n_min_trials, 0, false",
    "curve, start_step, 3, true",
    "curve, start_step, 2, false",
    "curve, delta, 0.999, true",
    "curve, delta, 0, false",
    "curve, threshold, 1, true",
    "curve, threshold, 1.01, false",
    "asha, eta, 2, true",
    "asha, eta, 1, false",
    "asha, min_resource, 0, false",
    "asha, min_early_stopping_rate, 0, true",
    "asha, min_early_stopping_rate, -1, false",
    "hyperband, eta, 2.5, false",
    "hyperband, min_resource, Infinity, false",
    "sh-curve, confidence, 0.999, true",
    "sh-curve, confidence, 1, false",
    "sh-curve, start_step, 2, false",
    "sh-curve, eta, 1, false",
    "sh-curve, delta, 0, false",
  })
  void shouldDrawTheEdgeWhereTheMonitorDoes(
      String rule, String option, double value, boolean valid) {
    assertThat(SpecValidation.problems(withStopping(rule, Map.of(option, value))))
        .as("%s.%s = %s", rule, option, value)
        .hasSize(valid ? 0 : 1);
  }
}
