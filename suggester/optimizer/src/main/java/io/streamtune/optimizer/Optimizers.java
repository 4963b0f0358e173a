package io.streamtune.optimizer;

import io.streamtune.optimizer.design.InitialDesign;
import io.streamtune.optimizer.forest.TreeModel;
import io.streamtune.optimizer.gp.GpFitter;
import io.streamtune.optimizer.gp.GpModel;
import io.streamtune.optimizer.space.Space;
import java.util.List;

/** Builds the optimizer named by {@link OptimizerSettings#algorithm()}. */
public final class Optimizers {

  public static final List<String> ALGORITHMS = List.of("random", "grid", "gp", "forest", "gbrt");

  /**
   * The acquisitions {@code gp} and {@code forest} accept: {@link BayesianOptimizer#ACQUISITIONS}.
   */
  public static final List<String> ACQUISITIONS = BayesianOptimizer.ACQUISITIONS;

  /** The initial designs every algorithm accepts: {@link InitialDesign#NAMES}. */
  public static final List<String> INITIAL_DESIGNS = InitialDesign.NAMES;

  static final int RESTART_LIMIT = 100;

  private Optimizers() {}

  public static Optimizer create(Space space, OptimizerSettings settings) {
    for (var p : settings.x0()) {
      space.validate(p);
    }
    if (!INITIAL_DESIGNS.contains(settings.initialDesign())) {
      throw new IllegalArgumentException(
          "initialDesign '"
              + settings.initialDesign()
              + "' is not available; use one of "
              + INITIAL_DESIGNS);
    }
    // Checked for every algorithm, though random and grid search use none: a misspelt name is an
    // error, never silently ignored.
    if (!ACQUISITIONS.contains(settings.acqFunc())) {
      throw new IllegalArgumentException(
          "acqFunc '" + settings.acqFunc() + "' is not available; use one of " + ACQUISITIONS);
    }
    return switch (settings.algorithm()) {
      case "random" -> new RandomSearch(space, settings.seed(), settings.x0());
      case "grid" -> new GridSearch(space, settings.budget(), settings.seed(), settings.x0());
      case "gp" -> gp(space, options(settings));
      case "forest" -> forest(space, options(settings));
      case "gbrt" -> gbrt(space, options(settings));
      default ->
          throw new IllegalArgumentException(
              "algorithm '"
                  + settings.algorithm()
                  + "' is not available; use one of "
                  + ALGORITHMS);
    };
  }

  static BayesianOptimizer.Options options(OptimizerSettings s) {
    BayesianOptimizer.Options d = BayesianOptimizer.Options.defaults(s.seed());
    BayesianOptimizer.Search search = d.search();
    return d.withAcqFunc(s.acqFunc())
        .withInitial(s.nInitialPoints(), s.initialDesign())
        .withX0(s.x0())
        .withRefitFraction(s.tuning().refitFraction())
        .withSearch(
            new BayesianOptimizer.Search(
                s.tuning().candidates(),
                search.local(),
                search.starts(),
                s.tuning().threads(),
                search.minDistance()));
  }

  /** A GP optimizer with explicit options (acquisition parameters, liar, candidate counts). */
  public static BayesianOptimizer gp(Space space, BayesianOptimizer.Options options) {
    long seed = options.seed();
    return new BayesianOptimizer(
        space,
        options,
        () ->
            new GpModel(
                options.prior() ? GpFitter.defaults() : GpFitter.maximumLikelihood(),
                options.refitFraction(),
                RESTART_LIMIT,
                seed ^ 0x9E3779B97F4A7C15L));
  }

  /**
   * An extra-trees optimizer. Trees have no gradient, so the acquisition is maximised by sampling
   * alone, as scikit-optimize's {@code forest_minimize}; EI is its default acquisition, so {@code
   * gp_hedge} is accepted too.
   */
  public static BayesianOptimizer forest(Space space, BayesianOptimizer.Options options) {
    long seed = options.seed();
    return new BayesianOptimizer(
        space, options, () -> TreeModel.extraTrees(100, 3, seed ^ 0x5DEECE66DL));
  }

  /**
   * A gradient-boosted-trees optimizer (quantiles 0.16, 0.5, 0.84), as scikit-optimize's {@code
   * gbrt_minimize}: like {@link #forest}, maximised by sampling alone.
   */
  public static BayesianOptimizer gbrt(Space space, BayesianOptimizer.Options options) {
    long seed = options.seed();
    return new BayesianOptimizer(
        space, options, () -> TreeModel.gradientBoosted(seed ^ 0x2545F4914F6CDD1DL));
  }
}
