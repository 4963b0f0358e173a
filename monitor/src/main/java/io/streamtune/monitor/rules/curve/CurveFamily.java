package io.streamtune.monitor.rules.curve;

import java.util.ArrayList;
import java.util.List;

/**
 * The learning-curve families of Domhan, Springenberg and Hutter, "Speeding up Automatic
 * Hyperparameter Optimization of Deep Neural Networks by Extrapolation of Learning Curves", IJCAI
 * 2015, Table 1, written so that every curve is increasing and the parameters that enter linearly
 * can be integrated out exactly ({@link CurvePosterior}).
 *
 * <p>Notation: x ≥ 1 is the step and y the "goodness" (the negated loss). Every family is
 *
 * <pre>
 *   y(x) = c − a·g(x; φ),   a ≥ 0,   g decreasing in x for every φ on the grid,
 * </pre>
 *
 * so y is non-decreasing in x whatever (c, a, φ): monotone by construction, not by a check after
 * the fit. c (the asymptote, or the level) and a (the scale) are linear; φ, one or two shape
 * parameters, takes the values of a fixed grid, log-spaced where φ is a rate or an exponent (the
 * flat prior within bounds of the paper, on the scale where the parameter acts). The paper's eleven
 * families reduce to six shapes once the asymptote and the scale are taken out:
 *
 * <ul>
 *   <li>pow3, c − a·x^(−α): g = x^(−α);
 *   <li>pow4, c − (a·x + b)^(−α): g = (x + β)^(−α), β = b/a > −1 (the scale a^(−α) is linear);
 *   <li>janoschek, weibull and exp4 (α − (α−β)·exp(−κx^δ), α − (α−β)·exp(−(κx)^δ), c − exp(−a·x^α +
 *       b)) are one shape: g = exp(−κ·x^δ);
 *   <li>mmf, log_power (with an offset) and dr_hill_zero_background are one shape: g = 1/(1 +
 *       (κx)^δ);
 *   <li>ilog2, c − a/ln(x + 1): g = 1/ln(x + 1), no shape parameter;
 *   <li>vap, exp(a + b/x + c·ln x), is increasing for every x only if its c ≥ max(0, b), and then
 *       grows without bound unless c = 0: we keep the bounded increasing case, A·exp(−β/x), with an
 *       offset, g = 1 − exp(−β/x). Before, vap was fitted unconstrained and could extrapolate a
 *       falling tail, which the issue caught.
 * </ul>
 *
 * loglog_linear, ln(a·ln x + b), is left out: it is unbounded, and not linear in any parameter.
 */
public enum CurveFamily {
  POW3("pow3", grid(logSpace(0.02, 4, 40))) {
    @Override
    public double basis(double x, double[] phi) {
      return Math.pow(x, -phi[0]);
    }
  },
  POW4(
      "pow4",
      grid(new double[] {-0.9, -0.6, -0.3, 0.5, 1, 2, 4, 8, 16, 32}, logSpace(0.05, 4, 16))) {
    @Override
    public double basis(double x, double[] phi) {
      return Math.pow(x + phi[0], -phi[1]);
    }
  },
  /** janoschek, weibull and exp4. */
  EXP("exp", grid(logSpace(1e-3, 5, 16), logSpace(0.2, 3, 12))) {
    @Override
    public double basis(double x, double[] phi) {
      return Math.exp(-phi[0] * Math.pow(x, phi[1]));
    }
  },
  /** mmf, log_power and dr_hill_zero_background. */
  MMF("mmf", grid(logSpace(1e-3, 3, 16), logSpace(0.2, 3, 12))) {
    @Override
    public double basis(double x, double[] phi) {
      return 1 / (1 + Math.pow(phi[0] * x, phi[1]));
    }
  },
  ILOG2("ilog2", List.of(new double[0])) {
    @Override
    public double basis(double x, double[] phi) {
      return 1 / Math.log(x + 1);
    }
  },
  VAP("vap", grid(logSpace(0.05, 50, 16))) {
    @Override
    public double basis(double x, double[] phi) {
      return -Math.expm1(-phi[0] / x);
    }
  };

  private final String label;
  private final List<double[]> grid;

  CurveFamily(String label, List<double[]> grid) {
    this.label = label;
    this.grid = List.copyOf(grid);
  }

  public String label() {
    return label;
  }

  /** The shape parameters φ this family is evaluated at, each a prior point of equal mass. */
  public List<double[]> grid() {
    return grid;
  }

  /** g(x; φ): positive, decreasing in x ≥ 1. */
  public abstract double basis(double x, double[] phi);

  /** n values from lo to hi, equally spaced in log. */
  static double[] logSpace(double lo, double hi, int n) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = lo * Math.pow(hi / lo, i / (n - 1.0));
    }
    return v;
  }

  private static List<double[]> grid(double[] first) {
    List<double[]> out = new ArrayList<>();
    for (double a : first) {
      out.add(new double[] {a});
    }
    return out;
  }

  private static List<double[]> grid(double[] first, double[] second) {
    List<double[]> out = new ArrayList<>();
    for (double a : first) {
      for (double b : second) {
        out.add(new double[] {a, b});
      }
    }
    return out;
  }
}
