package io.streamtune.optimizer;

import io.streamtune.optimizer.acquisition.Acquisition;
import io.streamtune.optimizer.acquisition.AcquisitionOptimizer;
import io.streamtune.optimizer.acquisition.ExpectedImprovement;
import io.streamtune.optimizer.acquisition.GpHedge;
import io.streamtune.optimizer.acquisition.LogExpectedImprovement;
import io.streamtune.optimizer.acquisition.LowerConfidenceBound;
import io.streamtune.optimizer.acquisition.ProbabilityOfImprovement;
import io.streamtune.optimizer.design.InitialDesign;
import io.streamtune.optimizer.gp.YScaling;
import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.Surrogate;
import io.streamtune.optimizer.surrogate.SurrogateModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Sequential model-based optimisation with a pluggable surrogate (GP or extra-trees), in the shape
 * of scikit-optimize's {@code Optimizer}: {@code x0} first, then {@code nInitialPoints} from an
 * initial design, then the maximiser of the acquisition on the surrogate.
 *
 * <p>Batches and running trials use the constant liar (Ginsbourger, Le Riche &amp; Carraro 2010,
 * §3.2): pending and already-chosen points enter a <em>copy</em> of the model with a fantasised
 * value ({@code cl_min}: the best value so far, {@code cl_mean}, {@code cl_max}), which shrinks the
 * posterior std there and pushes the next proposal elsewhere.
 *
 * <p>{@code xi} is in the objective's own units, as in scikit-optimize. (Scaling it by the spread
 * of the observed values was tried and made EI over-explore: on Branin, 0.01·std(y) ≈ 0.5 keeps EI
 * from refining the incumbent.)
 */
public final class BayesianOptimizer extends BaseOptimizer {

  /** Tuning knobs, with scikit-optimize's defaults where it has one. */
  public record Options(
      String acqFunc,
      double xi,
      double kappa,
      int nInitialPoints,
      String initialDesign,
      long seed,
      List<Map<String, Object>> x0,
      String liar,
      int candidates,
      int starts) {

    public Options {
      x0 = List.copyOf(x0);
      if (!List.of("cl_min", "cl_mean", "cl_max").contains(liar)) {
        throw new IllegalArgumentException(
            "liar must be one of [cl_min, cl_mean, cl_max] but was " + liar);
      }
      acquisitionsFor(acqFunc, 0, xi, kappa); // validates the name
      if (candidates < 1 || starts < 0) {
        throw new IllegalArgumentException(
            "candidates must be >= 1 and starts >= 0 but were " + candidates + ", " + starts);
      }
    }

    public static Options defaults(long seed) {
      return new Options("gp_hedge", 0.01, 1.96, 10, "random", seed, List.of(), "cl_min", 1000, 5);
    }

    public Options withAcqFunc(String name) {
      return new Options(
          name, xi, kappa, nInitialPoints, initialDesign, seed, x0, liar, candidates, starts);
    }

    public Options withInitial(int n, String design) {
      return new Options(acqFunc, xi, kappa, n, design, seed, x0, liar, candidates, starts);
    }

    public Options withX0(List<Map<String, Object>> points) {
      return new Options(
          acqFunc,
          xi,
          kappa,
          nInitialPoints,
          initialDesign,
          seed,
          points,
          liar,
          candidates,
          starts);
    }

    public Options withLiar(String strategy) {
      return new Options(
          acqFunc,
          xi,
          kappa,
          nInitialPoints,
          initialDesign,
          seed,
          x0,
          strategy,
          candidates,
          starts);
    }
  }

  public static final List<String> ACQUISITIONS = List.of("gp_hedge", "EI", "PI", "LCB", "LogEI");

  private final Options options;
  private final SurrogateModel model;
  private final SplittableRandom rng;
  private final List<Map<String, Object>> design;
  private final AcquisitionOptimizer acquisitionOptimizer;
  private final GpHedge hedge = new GpHedge(1.0);
  private int designCursor;

  public BayesianOptimizer(Space space, Options options, Supplier<SurrogateModel> model) {
    super(space, options.x0());
    this.options = options;
    this.model = model.get();
    this.rng = new SplittableRandom(options.seed());
    this.design =
        InitialDesign.points(options.initialDesign(), space, options.nInitialPoints(), rng.split());
    this.acquisitionOptimizer = new AcquisitionOptimizer(options.candidates(), options.starts());
  }

  @Override
  protected void propose(int n, Set<Map<String, Object>> taken, List<Map<String, Object>> batch) {
    while (n > 0
        && log.size() + log.pending().size() + batch.size() < options.nInitialPoints()
        && designCursor < design.size()) {
      Map<String, Object> p = design.get(designCursor++);
      if (taken.add(p)) {
        batch.add(p);
        n--;
      }
    }
    if (n == 0) {
      return;
    }
    if (log.size() < 2) { // nothing to model yet (trials still running): sample the prior
      for (int i = 0; i < n; i++) {
        Map<String, Object> p = space.sample(rng);
        for (int tries = 0; taken.contains(p) && tries < 100; tries++) {
          p = space.sample(rng);
        }
        taken.add(p);
        batch.add(p);
      }
      return;
    }
    proposeFromModel(n, taken, batch);
  }

  private void proposeFromModel(
      int n, Set<Map<String, Object>> taken, List<Map<String, Object>> batch) {
    List<double[]> x = new ArrayList<>(log.size());
    for (Map<String, Object> p : log.xs()) {
      x.add(space.toUnit(p));
    }
    double[] y = log.ys().stream().mapToDouble(Double::doubleValue).toArray();
    DoubleSummaryStatistics range = Arrays.stream(y).summaryStatistics();
    YScaling scaling = YScaling.of(y);
    Surrogate surrogate = model.update(x, y);
    // The hedge's rewards are posterior means on the GP's standardised scale, so its learning rate
    // means the same whatever the objective's units (and whichever surrogate is in use).
    hedge.reward(surrogate, scaling.mean(), scaling.scale());
    double best = range.getMin();
    double lie =
        switch (options.liar()) {
          case "cl_mean" -> scaling.mean();
          case "cl_max" -> range.getMax();
          default -> best;
        };
    Acquisition[] acquisitions =
        acquisitionsFor(options.acqFunc(), best, options.xi(), options.kappa());
    List<Map<String, Object>> fantasies = new ArrayList<>(log.pending());
    fantasies.addAll(batch);
    SurrogateModel.Fantasy fantasy = null;
    if (!fantasies.isEmpty()) {
      fantasy = model.fantasize();
      for (Map<String, Object> p : fantasies) {
        fantasy.add(space.toUnit(p), lie);
      }
    }
    for (int k = 0; k < n; k++) {
      Surrogate current = fantasy != null ? fantasy : surrogate;
      var proposals =
          acquisitionOptimizer.maximise(current, acquisitions, space, rng, taken::contains);
      int chosen = 0;
      if (acquisitions.length > 1) {
        chosen = hedge.choose(rng);
        if (k == 0) {
          hedge.recordProposals(
              proposals.stream().map(AcquisitionOptimizer.Proposal::unit).toArray(double[][]::new));
        }
      }
      var proposal = proposals.get(chosen);
      taken.add(proposal.point());
      batch.add(proposal.point());
      if (k + 1 < n) {
        if (fantasy == null) {
          fantasy = model.fantasize();
        }
        fantasy.add(proposal.unit(), lie);
      }
    }
  }

  static Acquisition[] acquisitionsFor(String name, double best, double xi, double kappa) {
    return switch (name) {
      case "gp_hedge" -> GpHedge.members(best, xi, kappa);
      case "EI" -> new Acquisition[] {new ExpectedImprovement(best, xi)};
      case "PI" -> new Acquisition[] {new ProbabilityOfImprovement(best, xi)};
      case "LCB" -> new Acquisition[] {new LowerConfidenceBound(kappa)};
      case "LogEI" -> new Acquisition[] {new LogExpectedImprovement(best, xi)};
      default ->
          throw new IllegalArgumentException(
              "acqFunc '" + name + "' is not available; use one of " + ACQUISITIONS);
    };
  }

  /** The surrogate's summary (for {@link OptimizeResult#models()}). */
  public Map<String, Object> describeModel() {
    return model.describe();
  }

  public double[] hedgeGains() {
    return hedge.gains();
  }

  public Options options() {
    return options;
  }
}
