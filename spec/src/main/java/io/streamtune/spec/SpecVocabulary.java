package io.streamtune.spec;

import static io.streamtune.spec.OptionRule.number;
import static io.streamtune.spec.OptionRule.whole;

import io.streamtune.optimizer.Optimizers;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The words a study spec may use, kept in one place so that the parser, the services and the docs
 * agree. Each stopping rule lists the options it accepts.
 *
 * <p>The algorithm, acquisition and initial-design names are the optimizer's own lists, not copies:
 * a spec can name nothing the optimizer lacks, and the optimizer gains no word the parser refuses.
 */
public final class SpecVocabulary {

  public static final Set<String> ALGORITHMS = Set.copyOf(Optimizers.ALGORITHMS);
  public static final Set<String> ACQUISITIONS = Set.copyOf(Optimizers.ACQUISITIONS);
  public static final Set<String> INITIAL_DESIGNS = Set.copyOf(Optimizers.INITIAL_DESIGNS);

  /**
   * Each stopping rule's options with the values the monitor's rule accepts (all numeric; whole
   * numbers where the rule counts trials or steps). Counts are capped by {@link SpecLimits} so that
   * a typo such as {@code min_step: 1e9} is caught. The curve rule fits a curve to at least 3
   * points, hence {@code start_step >= 3} (for sh-curve too); ASHA, Hyperband and sh-curve need
   * {@code eta >= 2}.
   */
  static final Map<String, Map<String, OptionRule>> STOPPING_OPTIONS =
      Map.of(
          "none", Map.of(),
          "median",
              Map.of(
                  "min_trials", whole(1, SpecLimits.MAX_TRIALS),
                  "min_step", whole(1, SpecLimits.MAX_EPOCHS)),
          "percentile",
              Map.of(
                  "percentile", number(0, false, 100, false),
                  "n_startup_trials", whole(0, SpecLimits.MAX_TRIALS),
                  "n_warmup_steps", whole(0, SpecLimits.MAX_EPOCHS),
                  "interval_steps", whole(1, SpecLimits.MAX_EPOCHS),
                  "n_min_trials", whole(1, SpecLimits.MAX_TRIALS)),
          "curve",
              Map.of(
                  "start_step", whole(3, SpecLimits.MAX_EPOCHS),
                  "gap", whole(1, SpecLimits.MAX_EPOCHS),
                  "delta", number(0, true, 1, true),
                  "threshold", number(0, false, 1, false)),
          "asha",
              Map.of(
                  "min_resource", whole(1, SpecLimits.MAX_EPOCHS),
                  "eta", whole(2, SpecLimits.MAX_EPOCHS),
                  "min_early_stopping_rate", whole(0, SpecLimits.MAX_EPOCHS)),
          "hyperband",
              Map.of(
                  "min_resource", whole(1, SpecLimits.MAX_EPOCHS),
                  "eta", whole(2, SpecLimits.MAX_EPOCHS)),
          "sh-curve",
              Map.of(
                  "min_resource", whole(1, SpecLimits.MAX_EPOCHS),
                  "eta", whole(2, SpecLimits.MAX_EPOCHS),
                  "confidence", number(0, true, 1, true),
                  "start_step", whole(3, SpecLimits.MAX_EPOCHS),
                  "delta", number(0, true, 1, true)));

  /** Stopping rule name to the options it accepts (all numeric). */
  public static final Map<String, Set<String>> STOPPING_RULES =
      STOPPING_OPTIONS.entrySet().stream()
          .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> e.getValue().keySet()));

  public static final List<String> TOP_LEVEL =
      List.of(
          "study",
          "objective",
          "metric",
          "n_trials",
          "parallelism",
          "max_epochs",
          "space",
          "algorithm",
          "stopping",
          "early_stop");

  private SpecVocabulary() {}
}
