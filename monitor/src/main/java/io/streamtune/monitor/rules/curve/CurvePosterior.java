package io.streamtune.monitor.rules.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The posterior predictive of a trial's final value under a Bayesian model average of monotone
 * learning-curve families (Domhan, Springenberg and Hutter, IJCAI 2015, §3), computed exactly on a
 * grid instead of by MCMC.
 *
 * <p>Notation. The n finite points of a loss curve are ℓ_i at steps x_i; y_i = −(ℓ_i − ℓ̄)/s_ℓ is
 * the standardised goodness (every family below is affine-invariant in y, so this only helps the
 * rounding). Family k ({@link CurveFamily}) with shape φ on its grid is y = c − a·g(x; φ) + ε, ε_i
 * ~ N(0, σ²/w_i), with recency weights w_i = R^((i−1)/(n−1)), R = {@value #RECENCY} (the reference
 * implementation's recency weighting: the last point counts ten times the first, because the tail
 * of a curve says more about its end than its first epochs do). With W = Σw, weighted means ȳ and
 * ḡ, centred sums S_yy = Σw(y − ȳ)², S_gg = Σw(g − ḡ)², S_gy = Σw(g − ḡ)(y − ȳ), the least-squares
 * slope b̂ = S_gy/S_gg (so â = −b̂), R² = S_gy²/(S_gg·S_yy), ν = n − 1:
 *
 * <ul>
 *   <li>Prior: flat on the level c, p(σ) ∝ 1/σ, and Zellner's g-prior on the scale, a | σ ~ N(0,
 *       z·σ²/S_gg) with z = n (the unit-information prior; Zellner 1986, Liang et al., "Mixtures of
 *       g Priors for Bayesian Variable Selection", JASA 2008), truncated to a ≥ 0. Each family has
 *       mass 1/K, spread evenly over its grid of φ. A flat prior on a as well would reward shapes
 *       that barely vary over the data, whose huge fitted scale extrapolates absurdly (the volume
 *       factor |BᵀWB|^(−1/2) grows as the design degenerates): on a plateauing accuracy it put 1 %
 *       of the mass on a final accuracy of 7.6.
 *   <li>Evidence of (k, φ) with c, a and σ integrated out (Liang et al. 2008, eq. 5, one
 *       predictor): p(y | k, φ) ∝ (1 + z(1 − R²))^(−(n−1)/2)·P(a ≥ 0 | y, k, φ), the last factor
 *       the mass the constraint keeps, from a | y ~ t_ν(κâ, s²κ/S_gg), κ = z/(1 + z), s² = S_yy(1 −
 *       κR²)/ν. The constant left out is the same for every (k, φ).
 *   <li>Predictive of a new observation at the target step m: y_m | y, k, φ ~ t_ν(μ, τ²) with μ = ȳ
 *       − max(κâ, 0)·(g(m) − ḡ) (a fit that wants a falling curve is read as the flat curve of the
 *       monotone model) and τ² = s²·(1/w_n + 1/W + κ(g(m) − ḡ)²/S_gg): the level's and the scale's
 *       uncertainty and the noise of one more epoch, as noisy as the latest.
 *   <li>The mixture over (k, φ) with posterior weights ∝ prior × evidence is the predictive; P(ℓ_m
 *       < ℓ̂) is a weighted sum of t tails ({@link StudentT}).
 * </ul>
 *
 * <p>Why a grid and not MCMC: after c, a and σ are integrated out each family has at most two
 * parameters left, and a few hundred grid points integrate a two-dimensional posterior more
 * accurately than a few hundred correlated MCMC draws would, deterministically and in about a
 * millisecond, where the paper's emcee run (100 walkers × 2,500 steps) takes minutes. The paper
 * also samples the ensemble weights jointly; we average the families (Bayesian model averaging,
 * Hoeting et al. 1999), which spreads the predictive over every shape the data allow instead of the
 * one least-squares fit per family that made the old ensemble over-confident. What the grid leaves
 * out: a at the edge of its constraint is not truncated in the predictive, only in the evidence.
 */
public final class CurvePosterior {

  /** R, the weight of the newest point relative to the oldest. */
  static final double RECENCY = 10;

  /**
   * g(x; φ) for every family, grid point and step x = 1..{@value #TABLED}, computed once: the
   * powers and exponentials are most of a decision's cost, and steps are whole numbers. 561 grid
   * points × 512 steps is 2.3 MB; a longer curve computes its later steps as it goes.
   */
  private static final int TABLED = 512;

  private static final double[][][] BASIS = tabulate();

  private static double[][][] tabulate() {
    CurveFamily[] families = CurveFamily.values();
    double[][][] t = new double[families.length][][];
    for (CurveFamily f : families) {
      List<double[]> grid = f.grid();
      t[f.ordinal()] = new double[grid.size()][TABLED];
      for (int k = 0; k < grid.size(); k++) {
        for (int x = 1; x <= TABLED; x++) {
          t[f.ordinal()][k][x - 1] = f.basis(x, grid.get(k));
        }
      }
    }
    return t;
  }

  private static double basis(CurveFamily family, int k, double x) {
    int i = (int) x;
    return i == x && i >= 1 && i <= TABLED
        ? BASIS[family.ordinal()][k][i - 1]
        : family.basis(x, family.grid().get(k));
  }

  /** Components below this fraction of the heaviest are dropped: they change no probability. */
  private static final double NEGLIGIBLE = 1e-9;

  private final double mean;
  private final double scale;
  private final int nu;
  private final double[] weight;
  private final double[] mu;
  private final double[] tau;

  private CurvePosterior(double mean, double scale, int nu, double[] w, double[] mu, double[] tau) {
    this.mean = mean;
    this.scale = scale;
    this.nu = nu;
    this.weight = w;
    this.mu = mu;
    this.tau = tau;
  }

  /**
   * The predictive of the loss at step {@code target} from the finite values of {@code losses}
   * (index i is step i + 1); null with fewer than 3 finite points or a flat curve.
   */
  public static CurvePosterior of(double[] losses, int target, Set<CurveFamily> families) {
    int n = 0;
    double sum = 0;
    for (double l : losses) {
      if (Double.isFinite(l)) {
        n++;
        sum += l;
      }
    }
    if (n < 3) {
      return null;
    }
    double lbar = sum / n;
    double ss = 0;
    for (double l : losses) {
      if (Double.isFinite(l)) {
        ss += (l - lbar) * (l - lbar);
      }
    }
    double sl = Math.sqrt(ss / n);
    if (!(sl > 1e-12 * Math.max(1, Math.abs(lbar)))) {
      return null;
    }
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    double wsum = 0;
    for (int i = 0, j = 0; i < losses.length; i++) {
      if (Double.isFinite(losses[i])) {
        x[j] = i + 1;
        y[j] = -(losses[i] - lbar) / sl;
        w[j] = n == 1 ? 1 : Math.pow(RECENCY, j / (n - 1.0));
        wsum += w[j++];
      }
    }
    for (int j = 0; j < n; j++) {
      w[j] *= n / wsum;
    }
    Grid grid = new Grid(x, y, w, target);
    for (CurveFamily family : families) {
      double prior = -Math.log(families.size()) - Math.log(family.grid().size());
      for (int k = 0; k < family.grid().size(); k++) {
        grid.add(family, k, prior);
      }
    }
    return grid.posterior(lbar, sl);
  }

  /** The components (k, φ), accumulated in log space. */
  private static final class Grid {
    private final double[] x;
    private final double[] y;
    private final double[] w;
    private final int target;
    private final int nu;
    private final double[] g;
    private final List<double[]> rows = new ArrayList<>(); // {log weight, μ, τ}

    Grid(double[] x, double[] y, double[] w, int target) {
      this.x = x;
      this.y = y;
      this.w = w;
      this.target = target;
      this.nu = x.length - 1;
      this.g = new double[x.length];
    }

    void add(CurveFamily family, int phi, double logPrior) {
      int n = x.length;
      double sw = 0;
      double swg = 0;
      double swy = 0;
      for (int i = 0; i < n; i++) {
        g[i] = basis(family, phi, x[i]);
        sw += w[i];
        swg += w[i] * g[i];
        swy += w[i] * y[i];
      }
      double gbar = swg / sw;
      double ybar = swy / sw;
      double sgg = 0;
      double sgy = 0;
      double syy = 0;
      for (int i = 0; i < n; i++) {
        double gc = g[i] - gbar;
        double yc = y[i] - ybar;
        sgg += w[i] * gc * gc;
        sgy += w[i] * gc * yc;
        syy += w[i] * yc * yc;
      }
      if (!(sgg > 1e-12 * Math.max(gbar * gbar, 1e-300))) {
        return; // g is (numerically) constant on the data: its scale is not identified
      }
      double z = n;
      double kappa = z / (1 + z);
      double b = sgy / sgg; // y ≈ ȳ + b·(g − ḡ), so â = −b
      double r2 = Math.min(1, Math.max(0, b * sgy / syy));
      double s2 = syy * (1 - kappa * r2) / nu;
      double pa = StudentT.cdf(-kappa * b / Math.sqrt(s2 * kappa / sgg), nu);
      if (pa <= 0) {
        return;
      }
      double dm = basis(family, phi, target) - gbar;
      double mu = ybar + Math.min(kappa * b, 0) * dm;
      double tau = Math.sqrt(s2 * (1 / w[n - 1] + 1 / sw + kappa * dm * dm / sgg));
      double logEvidence = -0.5 * (n - 1) * Math.log1p(z * (1 - r2)) + Math.log(pa);
      rows.add(new double[] {logPrior + logEvidence, mu, tau});
    }

    CurvePosterior posterior(double lbar, double sl) {
      if (rows.isEmpty()) {
        return null;
      }
      double max = rows.stream().mapToDouble(r -> r[0]).max().orElseThrow();
      List<double[]> kept = new ArrayList<>();
      double total = 0;
      for (double[] r : rows) {
        double p = Math.exp(r[0] - max);
        if (p >= NEGLIGIBLE) {
          kept.add(new double[] {p, r[1], r[2]});
          total += p;
        }
      }
      int k = kept.size();
      double[] wt = new double[k];
      double[] mu = new double[k];
      double[] tau = new double[k];
      double m1 = 0;
      double m2 = 0;
      // Var of t_ν is τ²·ν/(ν − 2); for ν ≤ 2 it is infinite, and τ² stands in for the spread.
      double varFactor = nu > 2 ? nu / (nu - 2.0) : 1;
      for (int i = 0; i < k; i++) {
        double[] r = kept.get(i);
        wt[i] = r[0] / total;
        // Back to losses: ℓ = ℓ̄ − s_ℓ·y.
        mu[i] = lbar - sl * r[1];
        tau[i] = sl * r[2];
        m1 += wt[i] * mu[i];
        m2 += wt[i] * (tau[i] * tau[i] * varFactor + mu[i] * mu[i]);
      }
      return new CurvePosterior(m1, Math.sqrt(Math.max(m2 - m1 * m1, 0)), nu, wt, mu, tau);
    }
  }

  /** E[ℓ_m | ℓ_1..n], the predictive mean of the final loss. */
  public double meanLoss() {
    return mean;
  }

  /** The predictive standard deviation of the final loss (τ stands in for it when ν ≤ 2). */
  public double sdLoss() {
    return scale;
  }

  /** P(ℓ_m < loss | ℓ_1..n) = Σ w·P(t_ν < (loss − μ)/τ): the chance the final value beats it. */
  public double probabilityBelow(double loss) {
    double p = 0;
    for (int i = 0; i < weight.length; i++) {
      p += weight[i] * StudentT.cdf((loss - mu[i]) / tau[i], nu);
    }
    return Math.min(1, Math.max(0, p));
  }

  /**
   * The p-quantile of the final loss, by bisection on the mixture's CDF. The mixture's mean is
   * pulled by the few shapes that extrapolate far, so a point prediction is its median. The
   * mixture's quantile lies between the smallest and the largest of its components' quantiles μ +
   * τ·t_ν⁻¹(p), which brackets the search; components below 1e−6 of the mass are left out of it
   * (they move a quantile by less than that much probability, and a stop's reason asks for three).
   */
  public double quantileLoss(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("p must be in (0, 1) but was " + p);
    }
    double t = studentQuantile(p);
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int k = 0;
    double[] w = new double[weight.length];
    double[] m = new double[weight.length];
    double[] s = new double[weight.length];
    for (int i = 0; i < weight.length; i++) {
      if (weight[i] >= 1e-6) {
        lo = Math.min(lo, mu[i] + tau[i] * t);
        hi = Math.max(hi, mu[i] + tau[i] * t);
        w[k] = weight[i];
        m[k] = mu[i];
        s[k++] = tau[i];
      }
    }
    for (int it = 0; it < 60 && hi - lo > 1e-9 * Math.max(1, Math.abs(hi)); it++) {
      double mid = 0.5 * (lo + hi);
      double f = 0;
      double total = 0;
      for (int i = 0; i < k; i++) {
        f += w[i] * StudentT.cdf((mid - m[i]) / s[i], nu);
        total += w[i];
      }
      if (f / total < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** t_ν⁻¹(p), by bisection on the CDF (a scalar: cheap). */
  private double studentQuantile(double p) {
    double lo = -1e7;
    double hi = 1e7;
    for (int it = 0; it < 200 && hi - lo > 1e-12 * Math.max(1, Math.abs(hi)); it++) {
      double mid = 0.5 * (lo + hi);
      if (StudentT.cdf(mid, nu) < p) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return 0.5 * (lo + hi);
  }

  /** Number of grid components that carry weight. */
  int components() {
    return weight.length;
  }
}
