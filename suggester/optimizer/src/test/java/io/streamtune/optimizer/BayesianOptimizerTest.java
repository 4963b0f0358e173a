package io.streamtune.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.Surrogate;
import io.streamtune.optimizer.surrogate.SurrogateModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BayesianOptimizerTest {

  static final Space MIXED =
      Space.of(
          new RealDimension("lr", 1e-4, 1e-1, RealDimension.Prior.LOG_UNIFORM),
          new IntegerDimension("layers", 1, 4),
          new CategoricalDimension("act", List.of("relu", "tanh", "gelu")));

  /** A cheap mixed objective with its minimum at lr = 1e-2, layers = 3, act = tanh. */
  static double objective(Map<String, Object> p) {
    double lr = Math.log10((Double) p.get("lr")) + 2;
    long layers = (Long) p.get("layers");
    double act = "tanh".equals(p.get("act")) ? 0 : 0.5;
    return lr * lr + 0.3 * (layers - 3) * (layers - 3) + act;
  }

  private static List<Map<String, Object>> run(Optimizer opt, int evaluations, int batch) {
    List<Map<String, Object>> asked = new ArrayList<>();
    while (asked.size() < evaluations) {
      List<Map<String, Object>> xs = opt.ask(batch);
      asked.addAll(xs);
      for (Map<String, Object> x : xs) {
        opt.tell(x, objective(x));
      }
    }
    return asked;
  }

  @ParameterizedTest
  @ValueSource(strings = {"gp", "forest"})
  void shouldGiveSameSuggestionsWhenSeedAndObservationsAreTheSame(String algorithm) {
    var settings = new OptimizerSettings(algorithm, "gp_hedge", 5, "sobol", 42, List.of());
    List<Map<String, Object>> a = run(Optimizers.create(MIXED, settings), 12, 3);
    List<Map<String, Object>> b = run(Optimizers.create(MIXED, settings), 12, 3);
    assertThat(a).isEqualTo(b);
  }

  @ParameterizedTest
  @ValueSource(strings = {"gp_hedge", "EI", "PI", "LCB", "LogEI"})
  void shouldNeverRepeatPointsWhenAskingBatches(String acqFunc) {
    Optimizer opt =
        Optimizers.create(MIXED, new OptimizerSettings("gp", acqFunc, 4, "lhs", 7, List.of()));
    List<Map<String, Object>> asked = run(opt, 16, 4);
    assertThat(new HashSet<>(asked)).hasSameSizeAs(asked);
    asked.forEach(MIXED::validate);
  }

  @ParameterizedTest
  @ValueSource(strings = {"cl_min", "cl_mean", "cl_max"})
  void shouldNeverRepeatPointsWhenBatchingWithAnyLiar(String liar) {
    var options =
        BayesianOptimizer.Options.defaults(4)
            .withAcqFunc("EI")
            .withInitial(4, "random")
            .withLiar(liar);
    List<Map<String, Object>> asked = run(Optimizers.gp(MIXED, options), 12, 4);
    assertThat(new HashSet<>(asked)).hasSize(12);
  }

  @Test
  void shouldAvoidPendingPointsWhenAskingAfterRestart() {
    // Given observations, and pending trials registered as after a restart
    Optimizer opt = Optimizers.create(MIXED, OptimizerSettings.gp(3));
    run(opt, 12, 1);
    List<Map<String, Object>> pending =
        Optimizers.create(MIXED, OptimizerSettings.random(9)).ask(3);
    pending.forEach(opt::addPending);
    // When asking for a batch
    List<Map<String, Object>> next = opt.ask(4);
    // Then no proposal repeats a pending or evaluated point, nor each other
    Set<Map<String, Object>> all = new HashSet<>(((BaseOptimizer) opt).log().xs());
    all.addAll(pending);
    for (Map<String, Object> p : next) {
      assertThat(all.add(p)).as("duplicate %s", p).isTrue();
    }
  }

  @Test
  void shouldExhaustSmallDiscreteSpaceWithoutDuplicatesWhenBatching() {
    Space tiny =
        Space.of(new IntegerDimension("a", 0, 2), new CategoricalDimension("b", List.of("x", "y")));
    Optimizer opt =
        Optimizers.create(tiny, new OptimizerSettings("gp", "EI", 2, "random", 1, List.of()));
    List<Map<String, Object>> asked = new ArrayList<>(opt.ask(2));
    asked.forEach(p -> opt.tell(p, ((Long) p.get("a")).doubleValue()));
    asked.addAll(opt.ask(4));
    assertThat(new HashSet<>(asked)).hasSize(6);
  }

  @Test
  void shouldAskX0FirstWhenX0IsGiven() {
    Map<String, Object> a = Map.of("lr", 0.01, "layers", 2L, "act", "relu");
    Map<String, Object> b = Map.of("lr", 0.001, "layers", 4L, "act", "gelu");
    for (String algorithm : Optimizers.ALGORITHMS) {
      Optimizer opt =
          Optimizers.create(
              MIXED, new OptimizerSettings(algorithm, "EI", 3, "random", 1, List.of(a, b)));
      assertThat(opt.ask(3)).as(algorithm).startsWith(a, b).hasSize(3);
      assertThat(opt.ask()).isNotIn(a, b);
    }
  }

  @Test
  void shouldFindGoodPointsWhenMinimisingMixedSpace() {
    OptimizeResult r =
        Minimize.minimize(BayesianOptimizerTest::objective, MIXED, Minimize.Options.gp(30, 5));
    assertThat(r.fun()).isLessThan(0.05);
    assertThat(r.xIters()).hasSize(30);
    assertThat(r.models()).hasSize(1);
  }

  @Test
  void shouldNameTheChoicesWhenSettingsAreUnknown() {
    assertThatThrownBy(
            () ->
                Optimizers.create(
                    MIXED, new OptimizerSettings("tpe", "EI", 1, "random", 1, List.of())))
        .hasMessageContaining("random, grid, gp, forest");
    assertThatThrownBy(
            () ->
                Optimizers.create(
                    MIXED, new OptimizerSettings("gp", "UCB", 1, "random", 1, List.of())))
        .hasMessageContaining("gp_hedge");
    assertThatThrownBy(
            () ->
                Optimizers.create(
                    MIXED, new OptimizerSettings("gp", "EI", 1, "halton", 1, List.of())))
        .hasMessageContaining("sobol");
  }

  /** A flat posterior, μ = 3 and σ = 1 everywhere, so every hedge member earns the same reward. */
  private static SurrogateModel flatModel() {
    Surrogate flat = new FlatSurrogate(3.0, 1.0);
    return new SurrogateModel() {
      @Override
      public Surrogate update(List<double[]> x, double[] y) {
        return flat;
      }

      @Override
      public Fantasy fantasize() {
        throw new UnsupportedOperationException("no batches in this test");
      }

      @Override
      public Map<String, Object> describe() {
        return Map.of("model", "flat");
      }
    };
  }

  @Test
  void shouldRewardHedgeOnStandardisedScaleWhenModelIsUpdated() {
    // Given a gp_hedge optimizer over a flat posterior and four observations
    BayesianOptimizer opt =
        new BayesianOptimizer(
            MIXED,
            BayesianOptimizer.Options.defaults(2)
                .withAcqFunc("gp_hedge")
                .withInitial(0, "random")
                .withWarp(false),
            BayesianOptimizerTest::flatModel);
    double[] ys = {1, 2, 4, 9};
    for (int i = 0; i < ys.length; i++) {
      opt.tell(Map.of("lr", 1e-3 * (i + 1), "layers", 1L + i, "act", "relu"), ys[i]);
    }
    Map<String, Object> asked = opt.ask(); // each member's proposal is remembered
    opt.tell(asked, 14);
    // When the next ask updates the model and rewards the proposals
    opt.ask();
    // Then each member gained -(μ - ȳ) / s_y, with the population mean and std of all five values:
    // ȳ = 6, Σ(y - ȳ)² = 25 + 16 + 4 + 9 + 64 = 118, s_y = sqrt(118 / 5)
    double gain = 3 / Math.sqrt(118.0 / 5);
    assertThat(opt.hedgeGains()).containsExactly(new double[] {gain, gain, gain}, within(1e-12));
  }
}
