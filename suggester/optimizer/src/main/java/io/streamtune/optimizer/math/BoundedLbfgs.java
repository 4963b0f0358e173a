package io.streamtune.optimizer.math;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Minimises a smooth function subject to box constraints {@code lower <= x <= upper} with a
 * projected limited-memory BFGS method.
 *
 * <p>Notation: {@code x, g ∈ R^d} the iterate and its gradient; {@code s_k = x_{k+1} - x_k}, {@code
 * y_k = g_{k+1} - g_k} the last {@code m} curvature pairs; {@code H} the implicit inverse Hessian
 * approximation applied by the two-loop recursion (Nocedal &amp; Wright 2006, Alg. 7.4); {@code
 * P(x)} the projection onto the box.
 *
 * <p>This is a compact variant of L-BFGS-B (Byrd, Lu, Nocedal &amp; Zhu 1995): instead of the
 * generalised Cauchy point and subspace minimisation it fixes the <em>active set</em> (variables at
 * a bound whose gradient pushes outward), takes the quasi-Newton step on the free variables and
 * searches along the projected arc {@code P(x + t d)} with an Armijo condition (Nocedal &amp;
 * Wright §16.7, gradient projection). For the small, smooth problems here (GP hyperparameters,
 * acquisition maxima in the unit cube) it converges to the same points in a similar number of
 * evaluations.
 */
public final class BoundedLbfgs {

  /** Why the run ended, with the result. */
  public record Result(
      double[] x, double value, int iterations, int evaluations, boolean converged) {}

  private final int memory;
  private final int maxIterations;
  private final double pgTolerance;
  private final double fTolerance;

  public BoundedLbfgs(int memory, int maxIterations, double pgTolerance, double fTolerance) {
    if (memory < 1 || maxIterations < 1) {
      throw new IllegalArgumentException(
          "memory and maxIterations must be >= 1 but were " + memory + ", " + maxIterations);
    }
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.pgTolerance = pgTolerance;
    this.fTolerance = fTolerance;
  }

  /** Defaults close to scipy's L-BFGS-B: m = 10, pgtol = 1e-5, factr·eps ≈ 2.2e-9. */
  public static BoundedLbfgs defaults() {
    return new BoundedLbfgs(10, 200, 1e-5, 2.2e-9);
  }

  public Result minimize(DifferentiableFunction f, double[] start, double[] lower, double[] upper) {
    int d = start.length;
    double[] x = start.clone();
    project(x, lower, upper);
    double[] g = new double[d];
    double fx = f.valueAndGradient(x, g);
    int evaluations = 1;
    Deque<double[][]> pairs = new ArrayDeque<>(memory); // each entry {s, y, {1 / (y·s)}}
    double[] direction = new double[d];
    double[] trial = new double[d];
    double[] gTrial = new double[d];
    for (int iter = 0; iter < maxIterations; iter++) {
      if (projectedGradientNorm(x, g, lower, upper) <= pgTolerance || !Double.isFinite(fx)) {
        return new Result(x, fx, iter, evaluations, Double.isFinite(fx));
      }
      boolean[] active = activeSet(x, g, lower, upper);
      twoLoop(g, pairs, active, direction);
      double slope = dot(g, direction);
      if (!(slope
          < 0)) { // H lost positive definiteness on the free subspace: restart from steepest
        // descent
        pairs.clear();
        twoLoop(g, pairs, active, direction);
        slope = dot(g, direction);
        if (!(slope < 0)) {
          return new Result(x, fx, iter, evaluations, true);
        }
      }
      // The first step has no curvature information, so scale it to unit length.
      double t = pairs.isEmpty() ? Math.min(1.0, 1.0 / Math.max(norm(direction), 1e-12)) : 1.0;
      double fTrial = Double.NaN;
      boolean accepted = false;
      for (int ls = 0; ls < 30; ls++) {
        for (int i = 0; i < d; i++) {
          trial[i] = x[i] + t * direction[i];
        }
        project(trial, lower, upper);
        fTrial = f.valueAndGradient(trial, gTrial);
        evaluations++;
        double decrease = 0; // Armijo along the projected arc uses g·(P(x + t d) - x)
        for (int i = 0; i < d; i++) {
          decrease += g[i] * (trial[i] - x[i]);
        }
        if (Double.isFinite(fTrial) && fTrial <= fx + 1e-4 * decrease) {
          accepted = true;
          break;
        }
        t *= 0.5;
      }
      if (!accepted) {
        return new Result(x, fx, iter, evaluations, false);
      }
      double[] s = new double[d];
      double[] y = new double[d];
      for (int i = 0; i < d; i++) {
        s[i] = trial[i] - x[i];
        y[i] = gTrial[i] - g[i];
      }
      double ys = dot(y, s);
      // Skip pairs that would break positive definiteness (Nocedal & Wright §7.2 damping rule).
      if (ys > 1e-10 * dot(y, y)) {
        if (pairs.size() == memory) {
          pairs.removeFirst();
        }
        pairs.addLast(new double[][] {s, y, {1.0 / ys}});
      }
      double previous = fx;
      System.arraycopy(trial, 0, x, 0, d);
      System.arraycopy(gTrial, 0, g, 0, d);
      fx = fTrial;
      if ((previous - fx)
          <= fTolerance * Math.max(Math.max(Math.abs(previous), Math.abs(fx)), 1.0)) {
        return new Result(x, fx, iter + 1, evaluations, true);
      }
    }
    return new Result(x, fx, maxIterations, evaluations, false);
  }

  /** d = -H g restricted to the free variables (active ones get zero). */
  private static void twoLoop(double[] g, Deque<double[][]> pairs, boolean[] active, double[] out) {
    int d = g.length;
    double[] q = new double[d];
    for (int i = 0; i < d; i++) {
      q[i] = active[i] ? 0 : g[i];
    }
    int m = pairs.size();
    double[] a = new double[m];
    double[][][] list = pairs.toArray(new double[0][][]);
    for (int k = m - 1; k >= 0; k--) {
      a[k] = list[k][2][0] * maskedDot(list[k][0], q, active);
      axpyMasked(-a[k], list[k][1], q, active);
    }
    double gamma = 1.0;
    if (m > 0) { // H0 = (s·y / y·y) I, the usual scaling (Nocedal & Wright eq. 7.20)
      double[] s = list[m - 1][0];
      double[] y = list[m - 1][1];
      double yy = maskedDot(y, y, active);
      gamma = yy > 0 ? maskedDot(s, y, active) / yy : 1.0;
      if (!(gamma > 0)) {
        gamma = 1.0;
      }
    }
    for (int i = 0; i < d; i++) {
      q[i] *= gamma;
    }
    for (int k = 0; k < m; k++) {
      double b = list[k][2][0] * maskedDot(list[k][1], q, active);
      axpyMasked(a[k] - b, list[k][0], q, active);
    }
    for (int i = 0; i < d; i++) {
      out[i] = active[i] ? 0 : -q[i];
    }
  }

  private static boolean[] activeSet(double[] x, double[] g, double[] lower, double[] upper) {
    boolean[] active = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      active[i] = (x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0);
    }
    return active;
  }

  static double projectedGradientNorm(double[] x, double[] g, double[] lower, double[] upper) {
    double max = 0;
    for (int i = 0; i < x.length; i++) {
      double p = Math.min(Math.max(x[i] - g[i], lower[i]), upper[i]) - x[i];
      max = Math.max(max, Math.abs(p));
    }
    return max;
  }

  private static void project(double[] x, double[] lower, double[] upper) {
    for (int i = 0; i < x.length; i++) {
      x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
    }
  }

  private static double maskedDot(double[] a, double[] b, boolean[] active) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      if (!active[i]) {
        s += a[i] * b[i];
      }
    }
    return s;
  }

  private static void axpyMasked(double alpha, double[] x, double[] y, boolean[] active) {
    for (int i = 0; i < x.length; i++) {
      if (!active[i]) {
        y[i] += alpha * x[i];
      }
    }
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double norm(double[] a) {
    return Math.sqrt(dot(a, a));
  }
}
