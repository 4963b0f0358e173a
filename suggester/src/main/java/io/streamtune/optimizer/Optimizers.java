package io.streamtune.optimizer;

/** Builds the optimizer named by {@link OptimizerSettings#algorithm()}. */
public final class Optimizers {

  private Optimizers() {}

  public static Optimizer create(Space space, OptimizerSettings settings) {
    for (var p : settings.x0()) {
      space.validate(p);
    }
    return switch (settings.algorithm()) {
      case "random" -> new RandomSearch(space, settings.seed());
      default -> throw new IllegalArgumentException("algorithm '" + settings.algorithm()
          + "' is not available; use one of [random]");
    };
  }
}
