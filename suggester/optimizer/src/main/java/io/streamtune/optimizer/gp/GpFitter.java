package io.streamtune.optimizer.gp;

import io.streamtune.optimizer.math.BoundedLbfgs;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Fits the GP hyperparameters {@code θ = [log σf², log ℓ_1..ℓ_D, log σn²]}: multi-start bounded
 * L-BFGS on {@link MarginalLikelihood} in log space (Rasmussen &amp; Williams 2006, §5.4.1), by
 * maximum likelihood or, with {@link HyperPrior}, maximum a posteriori. Bounds are
 * scikit-optimize's defaults for the amplitude ([1e-2, 1e3]) and length scales ([1e-2, 1e2]) (y is
 * normalised and x lives in the unit cube, so the same box fits every problem).
 *
 * <p>A cold fit on many points (a suggester that restarts, or takes over a long study) first fits a
 * random subset of {@link #SUBSET} points, which costs O(SUBSET³) per step instead of O(n³), and
 * then polishes that optimum on all the data with a few steps: the likelihood of the subset peaks
 * near that of the whole, as in subset-of-data hyperparameter estimation (Rasmussen &amp; Williams
 * §8.3.2).
 */
public final class GpFitter {

  /** Box bounds on θ, in log space. */
  public record Bounds(double[] lower, double[] upper) {}

  /** Points in the subset a cold fit starts from; see the class comment. */
  static final int SUBSET = 128;

  /** Steps of a polish on all the data after a subset fit or from a warm start at large n. */
  static final int POLISH_STEPS = 4;

  private final int restarts;
  private final double noiseFloor;
  private final boolean withPrior;
  private final BoundedLbfgs lbfgs;
  private final BoundedLbfgs polish;

  /**
   * @param restarts random starting points in addition to the warm start
   * @param noiseFloor smallest white-noise variance on normalised values; small values let the GP
   *     interpolate noiseless objectives closely, the Cholesky jitter covers round-off
   * @param withPrior maximum a posteriori with {@link HyperPrior} instead of maximum likelihood
   */
  public GpFitter(int restarts, double noiseFloor, boolean withPrior) {
    this.restarts = restarts;
    this.noiseFloor = noiseFloor;
    this.withPrior = withPrior;
    this.lbfgs = new BoundedLbfgs(10, 100, 1e-5, 1e-9);
    this.polish = new BoundedLbfgs(10, POLISH_STEPS, 1e-5, 1e-9);
  }

  public GpFitter(int restarts, double noiseFloor) {
    this(restarts, noiseFloor, false);
  }

  /** Maximum a posteriori with {@link HyperPrior}, two random restarts. */
  public static GpFitter defaults() {
    return new GpFitter(2, 1e-6, true);
  }

  /** Maximum likelihood without a prior, as scikit-optimize fits (the optimizer of version 1). */
  public static GpFitter maximumLikelihood() {
    return new GpFitter(2, 1e-6, false);
  }

  public boolean withPrior() {
    return withPrior;
  }

  public int restarts() {
    return restarts;
  }

  public Bounds bounds(int dim) {
    double[] lo = new double[dim + 2];
    double[] hi = new double[dim + 2];
    lo[0] = Math.log(1e-2);
    hi[0] = Math.log(1e3);
    for (int j = 1; j <= dim; j++) {
      lo[j] = Math.log(1e-2);
      hi[j] = Math.log(1e2);
    }
    lo[dim + 1] = Math.log(noiseFloor);
    hi[dim + 1] = Math.log(1.0);
    return new Bounds(lo, hi);
  }

  /** σf² = 1, ℓ = 0.5 (half the unit cube), σn² = 1e-3: a neutral prior guess. */
  public static double[] defaultTheta(int dim) {
    double[] t = new double[dim + 2];
    t[0] = 0.0;
    for (int j = 1; j <= dim; j++) {
      t[j] = Math.log(0.5);
    }
    t[dim + 1] = Math.log(1e-3);
    return t;
  }

  /**
   * Returns the θ that maximises the marginal likelihood among runs started from {@code warmStart}
   * (or the default guess) and {@code restarts} points drawn uniformly in the log box.
   */
  public double[] fit(List<double[]> x, double[] y, double[] warmStart, RandomGenerator rng) {
    return fit(x, y, warmStart, restarts, rng);
  }

  public double[] fit(
      List<double[]> x, double[] y, double[] warmStart, int nRestarts, RandomGenerator rng) {
    int dim = x.get(0).length;
    Bounds b = bounds(dim);
    int n = x.size();
    if (n > SUBSET) {
      double[] start = warmStart;
      if (start == null) {
        int[] pick = rng.ints(0, n).distinct().limit(SUBSET).sorted().toArray();
        List<double[]> xs = new ArrayList<>(SUBSET);
        double[] ys = new double[SUBSET];
        for (int i = 0; i < SUBSET; i++) {
          xs.add(x.get(pick[i]));
          ys[i] = y[pick[i]];
        }
        start = fit(xs, ys, null, nRestarts, rng);
      }
      MarginalLikelihood all = new MarginalLikelihood(x, y, withPrior);
      return polish.minimize(all, start, b.lower(), b.upper()).x();
    }
    MarginalLikelihood objective = new MarginalLikelihood(x, y, withPrior);
    double[] start = warmStart != null ? warmStart.clone() : defaultTheta(dim);
    BoundedLbfgs.Result best = lbfgs.minimize(objective, start, b.lower(), b.upper());
    for (int r = 0; r < nRestarts; r++) {
      double[] s = new double[dim + 2];
      for (int j = 0; j < s.length; j++) {
        s[j] = b.lower()[j] + rng.nextDouble() * (b.upper()[j] - b.lower()[j]);
      }
      BoundedLbfgs.Result res = lbfgs.minimize(objective, s, b.lower(), b.upper());
      if (res.value() < best.value()) {
        best = res;
      }
    }
    return best.x();
  }

  /** The maximum-a-posteriori objective ({@link HyperPrior} included) and gradient, for tests. */
  public static double negativeLogPosterior(
      List<double[]> x, double[] y, double[] theta, double[] grad) {
    return new MarginalLikelihood(x, y, true).valueAndGradient(theta, grad);
  }

  /** The objective itself (negative log marginal likelihood and gradient), for tests. */
  public static double negativeLogMarginalLikelihood(
      List<double[]> x, double[] y, double[] theta, double[] grad) {
    return new MarginalLikelihood(x, y, false).valueAndGradient(theta, grad);
  }
}
