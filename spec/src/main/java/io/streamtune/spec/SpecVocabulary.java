package io.streamtune.spec;

import io.streamtune.optimizer.Optimizers;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** Stopping rule name to the options it accepts (all numeric). */
  public static final Map<String, Set<String>> STOPPING_RULES =
      Map.of(
          "none", Set.of(),
          "median", Set.of("min_trials", "min_step"),
          "percentile",
              Set.of(
                  "percentile",
                  "n_startup_trials",
                  "n_warmup_steps",
                  "interval_steps",
                  "n_min_trials"),
          "curve", Set.of("start_step", "gap", "delta", "threshold"),
          "asha", Set.of("min_resource", "eta", "min_early_stopping_rate"),
          "hyperband", Set.of("min_resource", "eta"));

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
          "stopping");

  private SpecVocabulary() {}
}
