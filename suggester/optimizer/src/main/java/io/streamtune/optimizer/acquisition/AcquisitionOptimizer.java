package io.streamtune.optimizer.acquisition;

import io.streamtune.optimizer.math.BoundedLbfgs;
import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;

/**
 * Maximises acquisitions over a {@link Space}, as scikit-optimize's {@code acq_optimizer="auto"}:
 * score many random points, then polish the best few with bounded L-BFGS in the relaxed unit cube.
 *
 * <p>Integer and categorical dimensions are optimised as continuous coordinates (bins, one-hot
 * weights) and snapped with {@code toUnit(fromUnit(x))} before the final comparison, so the
 * returned points are always members of the space, scored where they will really be evaluated.
 * Points for which {@code taken} is true (evaluated, pending or already in this batch) are never
 * returned while an untaken candidate exists.
 *
 * <p>All members of a portfolio share one set of random candidates and their posteriors, which is
 * where most of the time goes.
 */
public final class AcquisitionOptimizer {

  /** One acquisition's winner: its unit-cube point, the decoded point and the utility there. */
  public record Proposal(double[] unit, Map<String, Object> point, double utility) {}

  private final int candidates;
  private final int starts;
  private final BoundedLbfgs lbfgs;

  public AcquisitionOptimizer(int candidates, int starts) {
    this.candidates = candidates;
    this.starts = starts;
    this.lbfgs = new BoundedLbfgs(10, 50, 1e-6, 1e-9);
  }

  /** Proposes, for each acquisition in order, its best untaken point. */
  public List<Proposal> maximise(
      Surrogate surrogate,
      Acquisition[] acquisitions,
      Space space,
      RandomGenerator rng,
      Predicate<Map<String, Object>> taken) {
    int dim = space.unitSize();
    double[][] xs = new double[candidates][];
    for (int i = 0; i < candidates; i++) {
      xs[i] = space.toUnit(space.sample(rng));
    }
    Posterior[] posts = new Posterior[candidates];
    // Pure and indexed, so running in parallel keeps results deterministic.
    IntStream.range(0, candidates)
        .parallel()
        .forEach(i -> posts[i] = surrogate.posterior(xs[i], false));
    double[] lower = new double[dim];
    double[] upper = new double[dim];
    Arrays.fill(upper, 1.0);
    List<Proposal> out = new ArrayList<>(acquisitions.length);
    for (Acquisition a : acquisitions) {
      double[] u = new double[candidates];
      for (int i = 0; i < candidates; i++) {
        u[i] = a.utility(posts[i].mean(), posts[i].std(), null);
      }
      Integer[] order = IntStream.range(0, candidates).boxed().toArray(Integer[]::new);
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -u[i]).thenComparingInt(i -> i));
      List<Proposal> pool = new ArrayList<>();
      for (int r = 0; r < Math.min(starts, candidates); r++) {
        double[] start = xs[order[r]];
        pool.add(new Proposal(start, space.fromUnit(start), u[order[r]]));
        if (surrogate.hasGradient()) {
          BoundedLbfgs.Result res =
              lbfgs.minimize(
                  (x, g) -> {
                    double v = a.evaluate(surrogate, x, g);
                    for (int j = 0; j < g.length; j++) {
                      g[j] = -g[j];
                    }
                    return -v;
                  },
                  start,
                  lower,
                  upper);
          Map<String, Object> point = space.fromUnit(res.x());
          double[] snapped = space.toUnit(point);
          pool.add(new Proposal(snapped, point, a.evaluate(surrogate, snapped)));
        }
      }
      pool.sort(Comparator.comparingDouble((Proposal p) -> -p.utility()));
      Proposal chosen = pool.stream().filter(p -> !taken.test(p.point())).findFirst().orElse(null);
      for (int r = 0;
          chosen == null && r < candidates;
          r++) { // small discrete spaces: walk down the list
        Map<String, Object> p = space.fromUnit(xs[order[r]]);
        if (!taken.test(p)) {
          chosen = new Proposal(xs[order[r]], p, u[order[r]]);
        }
      }
      out.add(chosen != null ? chosen : pool.get(0)); // the whole space is taken: repeat the best
    }
    return out;
  }
}
