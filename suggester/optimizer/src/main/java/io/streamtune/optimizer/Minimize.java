package io.streamtune.optimizer;

import io.streamtune.optimizer.space.Space;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The {@code gp_minimize}/{@code forest_minimize} convenience for library users: runs the ask/tell
 * loop for {@code nCalls} sequential evaluations and returns an {@link OptimizeResult}.
 */
public final class Minimize {

  /** The evaluation budget and how to build the optimizer. */
  public record Options(int nCalls, OptimizerSettings settings) {
    public Options {
      if (nCalls < 1) {
        throw new IllegalArgumentException("nCalls must be >= 1 but was " + nCalls);
      }
    }

    public static Options gp(int nCalls, long seed) {
      return new Options(nCalls, OptimizerSettings.gp(seed));
    }
  }

  private Minimize() {}

  public static OptimizeResult minimize(
      ToDoubleFunction<Map<String, Object>> objective, Space space, Options options) {
    OptimizerSettings s = options.settings();
    OptimizerSettings sized = s.budget() > 0 ? s : s.withBudget(options.nCalls());
    Optimizer optimizer = Optimizers.create(space, sized);
    List<Map<String, Object>> models = new ArrayList<>();
    for (int i = 0; i < options.nCalls(); i++) {
      Map<String, Object> x = optimizer.ask();
      optimizer.tell(x, objective.applyAsDouble(x));
    }
    if (optimizer instanceof BayesianOptimizer bo) {
      models.add(bo.describeModel());
    }
    return OptimizeResult.of(space, ((BaseOptimizer) optimizer).log(), models);
  }
}
