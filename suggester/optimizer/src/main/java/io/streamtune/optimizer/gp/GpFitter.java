package io.streamtune.optimizer.gp;

import io.streamtune.optimizer.math.BoundedLbfgs;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Type-II maximum likelihood for the GP hyperparameters {@code θ = [log σf², log ℓ_1..ℓ_D, log
 * σn²]}: multi-start bounded L-BFGS on {@link MarginalLikelihood} in log space (Rasmussen &amp;
 * Williams 2006, §5.4.1). Bounds are scikit-optimize's defaults for the amplitude ([1e-2, 1e3]) and
 * length scales ([1e-2, 1e2]) (y is normalised and x lives in the unit cube, so the same box fits
 * every problem).
 */
public final class GpFitter {

  /** Box bounds on θ, in log space. */
  public record Bounds(double[] lower, double[] upper) {}

  private final int restarts;
  private final double noiseFloor;
  private final BoundedLbfgs lbfgs;

  /**
   * @param restarts random starting points in addition to the warm start
   * @param noiseFloor smallest white-noise variance on normalised values; small values let the GP
   *     interpolate noiseless objectives closely, the Cholesky jitter covers round-off
   */
  public GpFitter(int restarts, double noiseFloor) {
    this.restarts = restarts;
    this.noiseFloor = noiseFloor;
    this.lbfgs = new BoundedLbfgs(10, 100, 1e-5, 1e-9);
  }

  public static GpFitter defaults() {
    return new GpFitter(2, 1e-6);
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
    MarginalLikelihood objective = new MarginalLikelihood(x, y, null, 0);
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

  /** The objective itself (negative log marginal likelihood and gradient), for tests. */
  public static double negativeLogMarginalLikelihood(
      List<double[]> x, double[] y, double[] theta, double[] grad) {
    return new MarginalLikelihood(x, y, null, 0).valueAndGradient(theta, grad);
  }
}
