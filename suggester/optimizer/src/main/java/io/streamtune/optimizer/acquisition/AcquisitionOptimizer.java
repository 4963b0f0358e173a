package io.streamtune.optimizer.acquisition;

import io.streamtune.optimizer.math.BoundedLbfgs;
import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Maximises acquisitions over a {@link Space}: score many candidates, then polish the best few by
 * bounded L-BFGS in the relaxed unit cube and by an exact {@link DiscreteSearch} of the integer and
 * categorical dimensions.
 *
 * <p>The candidates are {@code candidates} draws from the prior and {@code local} perturbations of
 * the incumbents (the best points observed), at step sizes spread log-uniformly from 0.2 % to 20 %
 * of the cube, on all coordinates or on one to three of them. Uniform draws alone almost never land
 * near a narrow optimum in six or more dimensions, so without them the polish starts far away; the
 * local draws are the trust-region idea of TuRBO (Eriksson et al. 2019) without its bookkeeping,
 * and the incumbent itself is always one of the polish's starts, as in Optuna's {@code GPSampler}.
 *
 * <p>Integer and categorical dimensions are snapped with {@code toUnit(fromUnit(x))} before every
 * comparison, so the returned points are members of the space, scored where they will really be
 * evaluated. A point for which {@code taken} is true (evaluated, pending or already in this batch),
 * or which lies within {@link Context#minDistance()} of an {@link Context#avoid()} point, is never
 * returned while another exists.
 *
 * <p>All members of a portfolio share one set of candidates and their posteriors, which is where
 * most of the time goes. Scoring a candidate on a GP fitted to n points costs O(n²), so beyond
 * {@link #FULL_SEARCH} observations fewer candidates are scored and polished (see {@link
 * Context#effort}): an ask then costs about as much at n = 400 as at n = 80. Scoring runs on {@code
 * threads} threads: 1 scores in the caller's thread, 0 uses the JVM's common pool, more use a pool
 * of this optimizer's own.
 */
public final class AcquisitionOptimizer {

  /** One acquisition's winner: its unit-cube point, the decoded point and the utility there. */
  public record Proposal(double[] unit, Map<String, Object> point, double utility) {}

  /**
   * What the search knows besides the model.
   *
   * @param incumbents unit points to search near, best first
   * @param avoid unit points a proposal must keep {@code minDistance} from (pending, batch)
   * @param minDistance Euclidean distance in the unit cube
   * @param observations points the surrogate was fitted on (0 if unknown), which sets the effort
   */
  public record Context(
      List<double[]> incumbents, List<double[]> avoid, double minDistance, int observations) {
    public static Context none() {
      return new Context(List.of(), List.of(), 0.0, 0);
    }

    /**
     * The share of the full search to run: 1 up to {@link #FULL_SEARCH} observations, then falling
     * as {@code 1/n²}, because scoring a candidate on a GP costs O(n²); at least 1/8.
     */
    double effort() {
      if (observations <= FULL_SEARCH) {
        return 1.0;
      }
      double f = (double) FULL_SEARCH / observations;
      return Math.max(f * f, 1.0 / 8);
    }

    boolean crowded(double[] x) {
      for (double[] a : avoid) {
        double d2 = 0;
        for (int j = 0; j < x.length; j++) {
          double t = x[j] - a[j];
          d2 += t * t;
        }
        if (d2 < minDistance * minDistance) {
          return true;
        }
      }
      return false;
    }
  }

  /** Observations up to which every ask runs the full search; see {@link Context#effort}. */
  public static final int FULL_SEARCH = 80;

  private static final double MIN_STEP = 0.002;
  private static final double MAX_STEP = 0.2;

  private final int candidates;
  private final int local;
  private final int starts;
  private final int threads;
  private final ForkJoinPool pool;
  private final BoundedLbfgs lbfgs;

  public AcquisitionOptimizer(int candidates, int starts) {
    this(candidates, 0, starts, 0);
  }

  /**
   * @param candidates draws from the prior
   * @param local perturbations of the incumbents
   * @param starts polished candidates per acquisition (plus the incumbent)
   * @param threads scoring threads: 1 the caller's, 0 the common pool, more a pool of their own
   */
  public AcquisitionOptimizer(int candidates, int local, int starts, int threads) {
    if (candidates < 1 || local < 0 || starts < 0 || threads < 0) {
      throw new IllegalArgumentException(
          "need candidates >= 1, local >= 0, starts >= 0, threads >= 0 but got "
              + List.of(candidates, local, starts, threads));
    }
    this.candidates = candidates;
    this.local = local;
    this.starts = starts;
    this.threads = threads;
    this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    this.lbfgs = new BoundedLbfgs(10, 50, 1e-6, 1e-9);
  }

  /** Proposes, for each acquisition in order, its best untaken point. */
  public List<Proposal> maximise(
      Surrogate surrogate,
      Acquisition[] acquisitions,
      Space space,
      RandomGenerator rng,
      Predicate<Map<String, Object>> taken) {
    return maximise(surrogate, acquisitions, space, rng, taken, Context.none());
  }

  /** As above, searching near {@code context}'s incumbents and away from its pending points. */
  public List<Proposal> maximise(
      Surrogate surrogate,
      Acquisition[] acquisitions,
      Space space,
      RandomGenerator rng,
      Predicate<Map<String, Object>> taken,
      Context context) {
    int dim = space.unitSize();
    double effort = context.effort();
    double[][] xs = candidates(space, rng, context.incumbents(), effort);
    double[] means = new double[xs.length];
    double[] stds = new double[xs.length];
    score(surrogate, xs, means, stds);
    double[] lower = new double[dim];
    double[] upper = new double[dim];
    Arrays.fill(upper, 1.0);
    DiscreteSearch discrete = new DiscreteSearch(space);
    Predicate<Proposal> usable = p -> !taken.test(p.point()) && !context.crowded(p.unit());
    List<Proposal> out = new ArrayList<>(acquisitions.length);
    for (Acquisition a : acquisitions) {
      double[] u = new double[xs.length];
      for (int i = 0; i < xs.length; i++) {
        u[i] = a.utility(means[i], stds[i], null);
      }
      Integer[] order = IntStream.range(0, xs.length).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -u[i]).thenComparingInt(i -> i));
      List<double[]> startPoints = new ArrayList<>();
      int polished = starts == 0 ? 0 : Math.max(2, (int) Math.round(starts * effort));
      for (int r = 0; r < Math.min(polished, xs.length); r++) {
        startPoints.add(xs[order[r]]);
      }
      if (!context.incumbents().isEmpty()) {
        startPoints.add(context.incumbents().get(0));
      }
      List<Proposal> found = new ArrayList<>();
      for (double[] start : startPoints) {
        found.add(new Proposal(start, space.fromUnit(start), a.evaluate(surrogate, start)));
        double[] x = start;
        if (surrogate.hasGradient()) {
          x = lbfgs.minimize((p, g) -> negated(a, surrogate, p, g), start, lower, upper).x();
        }
        double[] snapped = space.toUnit(space.fromUnit(x));
        double value = a.evaluate(surrogate, snapped);
        if (discrete.hasDiscrete()) {
          value = discrete.improve(snapped, value, p -> a.evaluate(surrogate, p));
        }
        found.add(new Proposal(snapped, space.fromUnit(snapped), value));
      }
      found.sort(Comparator.comparingDouble((Proposal p) -> -p.utility()));
      Proposal chosen = found.stream().filter(usable).findFirst().orElse(null);
      for (int r = 0; chosen == null && r < xs.length; r++) { // small spaces: walk down the list
        Proposal p = new Proposal(xs[order[r]], space.fromUnit(xs[order[r]]), u[order[r]]);
        chosen = usable.test(p) ? p : null;
      }
      for (int r = 0; chosen == null && r < xs.length; r++) { // everything is crowded
        Proposal p = new Proposal(xs[order[r]], space.fromUnit(xs[order[r]]), u[order[r]]);
        chosen = taken.test(p.point()) ? null : p;
      }
      if (chosen == null) { // the whole space is taken: repeat the best
        chosen =
            found.isEmpty()
                ? new Proposal(xs[order[0]], space.fromUnit(xs[order[0]]), u[order[0]])
                : found.get(0);
      }
      out.add(chosen);
    }
    return out;
  }

  private static double negated(Acquisition a, Surrogate s, double[] x, double[] g) {
    double v = a.evaluate(s, x, g);
    for (int j = 0; j < g.length; j++) {
      g[j] = -g[j];
    }
    return -v;
  }

  private double[][] candidates(
      Space space, RandomGenerator rng, List<double[]> incumbents, double effort) {
    int dim = space.unitSize();
    int global = Math.max(1, (int) Math.round(candidates * effort));
    int nLocal = incumbents.isEmpty() ? 0 : (int) Math.round(local * effort);
    double[][] xs = new double[global + nLocal][];
    for (int i = 0; i < global; i++) {
      xs[i] = space.toUnit(space.sample(rng));
    }
    double logMin = Math.log(MIN_STEP);
    double logMax = Math.log(MAX_STEP);
    for (int i = 0; i < nLocal; i++) {
      // Mostly the best incumbent, sometimes the next ones: geometric over the ranks.
      int k = 0;
      while (k + 1 < incumbents.size() && rng.nextDouble() < 0.3) {
        k++;
      }
      double[] x = incumbents.get(k).clone();
      double step = Math.exp(logMin + rng.nextDouble() * (logMax - logMin));
      boolean all = rng.nextBoolean();
      int few = 1 + rng.nextInt(3);
      for (int j = 0; j < dim; j++) {
        if (all || rng.nextInt(dim) < few) {
          x[j] = Math.min(1.0, Math.max(0.0, x[j] + step * rng.nextGaussian()));
        }
      }
      xs[global + i] = space.toUnit(space.fromUnit(x));
    }
    return xs;
  }

  /** Candidates scored per block; see {@link Surrogate#posteriors}. */
  private static final int BLOCK = 64;

  private void score(Surrogate surrogate, double[][] xs, double[] means, double[] stds) {
    int blocks = (xs.length + BLOCK - 1) / BLOCK;
    // Pure and indexed, so running in parallel keeps results deterministic.
    IntConsumer block =
        b -> surrogate.posteriors(xs, b * BLOCK, Math.min(xs.length, (b + 1) * BLOCK), means, stds);
    Runnable work = () -> IntStream.range(0, blocks).parallel().forEach(block);
    if (threads == 1) {
      for (int b = 0; b < blocks; b++) {
        block.accept(b);
      }
    } else if (pool != null) {
      pool.submit(work).join();
    } else {
      work.run();
    }
  }
}
