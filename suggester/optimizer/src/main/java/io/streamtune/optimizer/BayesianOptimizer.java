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
import io.streamtune.optimizer.surrogate.OutputWarping;
import io.streamtune.optimizer.surrogate.Surrogate;
import io.streamtune.optimizer.surrogate.SurrogateModel;
import io.streamtune.optimizer.surrogate.SurrogateState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.DoubleSummaryStatistics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Sequential model-based optimisation with a pluggable surrogate (GP or extra-trees), in the shape
 * of scikit-optimize's {@code Optimizer}: {@code x0} first, then {@code nInitialPoints} from an
 * initial design, then the maximiser of the acquisition on the surrogate.
 *
 * <p>Batches and running trials are fantasies (see {@link Believer}): pending and already-chosen
 * points enter a <em>copy</em> of the model with a made-up value (by default the kriging believer's
 * posterior mean; or a constant liar: {@code cl_min}, the best value so far, {@code cl_mean},
 * {@code cl_max}), which shrinks the posterior std there and pushes the next proposal elsewhere;
 * the acquisition's incumbent is the best observed or believed value; and no proposal comes within
 * {@link Search#minDistance()} of one.
 *
 * <p>{@code xi} is in the objective's own units, as in scikit-optimize. (Scaling it by the spread
 * of the observed values was tried and made EI over-explore: on Branin, 0.01·std(y) ≈ 0.5 keeps EI
 * from refining the incumbent.)
 */
public final class BayesianOptimizer extends BaseOptimizer {

  /**
   * How the acquisition is searched: {@code candidates} draws from the prior and {@code local}
   * perturbations of the incumbents are scored, the best {@code starts} are polished; {@code
   * minDistance} is the least Euclidean distance in the unit cube between a proposal and a pending
   * or batched point; {@code threads} as in {@link AcquisitionOptimizer}.
   */
  public record Search(int candidates, int local, int starts, int threads, double minDistance) {
    public Search {
      if (candidates < 1 || local < 0 || starts < 0 || threads < 0 || !(minDistance >= 0)) {
        throw new IllegalArgumentException(
            "need candidates >= 1, local, starts, threads and minDistance >= 0 but got " + this);
      }
    }

    /** 2048 draws and 512 local ones, 10 polished, the common pool, 0.02 apart. */
    public static Search defaults() {
      return new Search(2048, 512, 10, 0, MIN_DISTANCE);
    }
  }

  /**
   * Tuning knobs.
   *
   * @param xi the margin of EI, log-EI and PI, in the objective's units as in scikit-optimize; NaN
   *     (the default) means each acquisition's own: none for {@code LogEI}, as Optuna, and
   *     scikit-optimize's 0.01 for {@code EI}, {@code PI} and {@code gp_hedge}, which follow it
   * @param liar what a pending point is assumed to return: {@code kb} (kriging believer: the
   *     posterior mean there), {@code cl_min}, {@code cl_mean}, {@code cl_max} (constant liars)
   * @param refitFraction growth of the data, as a fraction, after which a GP refits its
   *     hyperparameters; see {@link io.streamtune.optimizer.gp.GpModel}
   * @param prior whether the GP's hyperparameters get a prior (maximum a posteriori)
   * @param warp whether the surrogate is fitted to {@link OutputWarping}'s transform of the values
   */
  public record Options(
      String acqFunc,
      double xi,
      double kappa,
      int nInitialPoints,
      String initialDesign,
      long seed,
      List<Map<String, Object>> x0,
      String liar,
      Search search,
      double refitFraction,
      boolean prior,
      boolean warp) {

    public Options {
      x0 = List.copyOf(x0);
      if (!LIARS.contains(liar)) {
        throw new IllegalArgumentException("liar must be one of " + LIARS + " but was " + liar);
      }
      acquisitionsFor(acqFunc, 0, xi, kappa); // validates the name
      if (!(refitFraction >= 0)) {
        throw new IllegalArgumentException("refitFraction must be >= 0 but was " + refitFraction);
      }
    }

    /**
     * Log-EI without margin on a GP with hyperparameter priors, fitted to warped values; kriging
     * believer for pending points, 10 random initial points.
     */
    public static Options defaults(long seed) {
      return new Options(
          DEFAULT_ACQUISITION,
          Double.NaN,
          1.96,
          10,
          "random",
          seed,
          List.of(),
          "kb",
          Search.defaults(),
          REFIT_FRACTION,
          true,
          true);
    }

    public Options withAcqFunc(String name) {
      return edit(b -> b.acqFunc = name);
    }

    public Options withXi(double margin) {
      return edit(b -> b.xi = margin);
    }

    public Options withInitial(int n, String design) {
      return edit(
          b -> {
            b.nInitialPoints = n;
            b.initialDesign = design;
          });
    }

    public Options withX0(List<Map<String, Object>> points) {
      return edit(b -> b.x0 = points);
    }

    public Options withLiar(String strategy) {
      return edit(b -> b.liar = strategy);
    }

    public Options withSearch(Search s) {
      return edit(b -> b.search = s);
    }

    public Options withRefitFraction(double fraction) {
      return edit(b -> b.refitFraction = fraction);
    }

    public Options withPrior(boolean on) {
      return edit(b -> b.prior = on);
    }

    public Options withWarp(boolean on) {
      return edit(b -> b.warp = on);
    }

    /** A copy with the fields {@code change} sets; validated like any other. */
    private Options edit(Consumer<Editor> change) {
      Editor b = new Editor(this);
      change.accept(b);
      return new Options(
          b.acqFunc,
          b.xi,
          b.kappa,
          b.nInitialPoints,
          b.initialDesign,
          b.seed,
          b.x0,
          b.liar,
          b.search,
          b.refitFraction,
          b.prior,
          b.warp);
    }

    /** The fields of an {@link Options} while a copy is being changed. */
    private static final class Editor {
      String acqFunc;
      double xi;
      double kappa;
      int nInitialPoints;
      String initialDesign;
      long seed;
      List<Map<String, Object>> x0;
      String liar;
      Search search;
      double refitFraction;
      boolean prior;
      boolean warp;

      Editor(Options o) {
        acqFunc = o.acqFunc;
        xi = o.xi;
        kappa = o.kappa;
        nInitialPoints = o.nInitialPoints;
        initialDesign = o.initialDesign;
        seed = o.seed;
        x0 = o.x0;
        liar = o.liar;
        search = o.search;
        refitFraction = o.refitFraction;
        prior = o.prior;
        warp = o.warp;
      }
    }
  }

  /** The acquisition of {@link Options#defaults}. */
  public static final String DEFAULT_ACQUISITION = "LogEI";

  /** scikit-optimize's default margin of EI and PI. */
  static final double SKOPT_XI = 0.01;

  public static final List<String> LIARS = List.of("kb", "cl_min", "cl_mean", "cl_max");

  /** Refit GP hyperparameters after 5% growth of the data; see {@code GpModel}. */
  public static final double REFIT_FRACTION = 0.05;

  static final double MIN_DISTANCE = 0.02;

  /** How many of the best observed points the search perturbs. */
  private static final int INCUMBENTS = 5;

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
    Search search = options.search();
    this.acquisitionOptimizer =
        new AcquisitionOptimizer(
            search.candidates(), search.local(), search.starts(), search.threads());
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
    double[] observed = log.ys().stream().mapToDouble(Double::doubleValue).toArray();
    double[] y = options.warp() ? OutputWarping.apply(observed) : observed;
    DoubleSummaryStatistics range = Arrays.stream(y).summaryStatistics();
    YScaling scaling = YScaling.of(y);
    Surrogate surrogate = model.update(x, y);
    // The hedge's rewards are posterior means on the GP's standardised scale, so its learning rate
    // means the same whatever the objective's units (and whichever surrogate is in use).
    hedge.reward(surrogate, scaling.mean(), scaling.scale());
    Believer believer =
        new Believer(
            model,
            surrogate,
            options.liar(),
            range,
            scaling,
            best -> acquisitionsFor(options.acqFunc(), best, options.xi(), options.kappa()));
    List<Map<String, Object>> running = new ArrayList<>(log.pending());
    running.addAll(batch);
    for (Map<String, Object> p : running) {
      believer.believe(space.toUnit(p));
    }
    List<double[]> incumbents = incumbents(x, y);
    for (int k = 0; k < n; k++) {
      var context =
          new AcquisitionOptimizer.Context(
              incumbents, believer.points(), options.search().minDistance(), x.size());
      Acquisition[] acquisitions = believer.acquisitions();
      var proposals =
          acquisitionOptimizer.maximise(
              believer.surrogate(), acquisitions, space, rng, taken::contains, context);
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
        believer.believe(proposal.unit());
      }
    }
  }

  /** The unit points of the best {@link #INCUMBENTS} observations, best first. */
  private static List<double[]> incumbents(List<double[]> x, double[] y) {
    Integer[] order = new Integer[y.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(y[a], y[b]));
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < Math.min(INCUMBENTS, order.length); i++) {
      out.add(x.get(order[i]));
    }
    return out;
  }

  static Acquisition[] acquisitionsFor(String name, double best, double margin, double kappa) {
    double xi = Double.isNaN(margin) ? (name.equals("LogEI") ? 0.0 : SKOPT_XI) : margin;
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

  @Override
  public Optional<SurrogateState> modelState() {
    return model.state();
  }

  @Override
  public void restoreModelState(SurrogateState state) {
    model.restore(state);
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
