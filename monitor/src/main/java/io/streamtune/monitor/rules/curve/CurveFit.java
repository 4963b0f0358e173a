package io.streamtune.monitor.rules.curve;

import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresProblem;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.optim.ConvergenceChecker;
import org.apache.commons.math3.util.Pair;

/**
 * The maximum-likelihood fit of one {@link CurveFamily} to points (x_i, y_i), i = 1..n, by
 * Levenberg–Marquardt with restarts (Domhan et al. 2015, §3: "we first fit each model by least
 * squares"), and its Gaussian predictive distribution.
 *
 * <p>Notation: θ̂ = argmin_θ SSE(θ), SSE(θ) = Σ_i (y_i − f(x_i|θ))²; p = |θ|; σ̂² = SSE(θ̂)/(n −
 * p), the noise variance; J the n×p Jacobian at θ̂; Σ_θ = σ̂²·(JᵀJ)⁻¹ the asymptotic covariance of
 * θ̂. At a new x, with g = ∂f(x|θ̂)/∂θ, the prediction of an observation is N(f(x|θ̂), gᵀΣ_θ g +
 * σ̂²) (delta method; the σ̂² term is there because the final value we compare is itself a noisy
 * observation). BIC = n·ln(SSE/n) + p·ln n ranks families in {@link CurveEnsemble}.
 *
 * <p>The Jacobian is analytic ({@link CurveFamily#gradient}). Starts are tried in order and the
 * later ones only when the first fails or leaves an RMS residual above {@link #GOOD_RMS} (a restart
 * costs as much as the fit, and the data-driven start almost always lands in the right basin).
 */
public record CurveFit(
    CurveFamily family, double[] theta, double sse, int n, double[][] covariance) {

  /**
   * Iterations after which the current point is accepted. For curves the family cannot bend to (a
   * power law seen by Weibull or MMF) LM drifts along a ridge towards infinite parameters for
   * thousands of iterations with no gain in SSE; stopping early keeps a decision in milliseconds
   * and leaves such a fit to be judged by its SSE, like any other.
   */
  private static final int ITERATIONS = 30;

  /**
   * RMS residual, in goodness units (the observed range is 0.8), below which no restart is tried.
   */
  static final double GOOD_RMS = 0.02;

  private static final LevenbergMarquardtOptimizer LM =
      new LevenbergMarquardtOptimizer()
          .withCostRelativeTolerance(1e-8)
          .withParameterRelativeTolerance(1e-8);
  private static final ConvergenceChecker<LeastSquaresProblem.Evaluation> CAP =
      (iteration, previous, current) ->
          iteration >= ITERATIONS
              || Math.abs(previous.getCost() - current.getCost())
                  <= 1e-7 * Math.max(current.getCost(), 1e-12);

  /**
   * The best fit over the family's starts, or null when no start converges to a finite,
   * identifiable fit.
   */
  public static CurveFit fit(CurveFamily family, double[] x, double[] y) {
    int n = x.length;
    int p = family.parameters();
    if (n <= p) {
      return null;
    }
    CurveFit best = null;
    for (double[] start : family.starts(y[0], y[n - 1], n)) {
      CurveFit f = fitFrom(family, x, y, start.clone());
      if (f != null && (best == null || f.sse < best.sse)) {
        best = f;
      }
      if (best != null && best.sse <= n * GOOD_RMS * GOOD_RMS) {
        break;
      }
    }
    return best;
  }

  private static CurveFit fitFrom(CurveFamily family, double[] x, double[] y, double[] start) {
    family.clamp(start);
    MultivariateJacobianFunction model = point -> evaluate(family, x, point.toArray());
    LeastSquaresProblem problem =
        new LeastSquaresBuilder()
            .start(start)
            .model(model)
            .target(y)
            .parameterValidator(
                v -> {
                  double[] t = v.toArray();
                  family.clamp(t);
                  return new ArrayRealVector(t, false);
                })
            .checker(CAP)
            .maxEvaluations(20 * ITERATIONS)
            .maxIterations(10 * ITERATIONS)
            .build();
    try {
      LeastSquaresOptimizer.Optimum opt = LM.optimize(problem);
      double[] theta = opt.getPoint().toArray();
      double sse = opt.getCost() * opt.getCost();
      if (!Double.isFinite(sse) || !allFinite(theta)) {
        return null;
      }
      // (JᵀJ)⁻¹ by QR with a rank threshold; a singular one means θ is not identified by the data.
      double[][] inv = opt.getCovariances(1e-12).getData();
      double sigma2 = sse / (x.length - theta.length);
      for (double[] row : inv) {
        for (int j = 0; j < row.length; j++) {
          row[j] *= sigma2;
        }
      }
      return new CurveFit(family, theta, sse, x.length, inv);
    } catch (RuntimeException e) {
      // TooManyEvaluations/Iterations, SingularMatrix, or a non-finite residual: this start failed.
      return null;
    }
  }

  private static Pair<RealVector, RealMatrix> evaluate(
      CurveFamily family, double[] x, double[] theta) {
    int n = x.length;
    int p = theta.length;
    double[] f = new double[n];
    double[][] jac = new double[n][p];
    for (int i = 0; i < n; i++) {
      f[i] = family.gradient(x[i], theta, jac[i]);
    }
    return new Pair<>(new ArrayRealVector(f, false), new Array2DRowRealMatrix(jac, false));
  }

  /** f(x | θ̂). */
  public double predict(double x) {
    return family.value(x, theta);
  }

  /** σ̂² = SSE/(n − p). */
  public double noiseVariance() {
    return sse / (n - theta.length);
  }

  /** Variance of a new observation at x: gᵀΣ_θ g + σ̂², clamped at ≥ 0 against rounding. */
  public double predictiveVariance(double x) {
    int p = theta.length;
    double[] g = new double[p];
    family.gradient(x, theta, g);
    double v = 0;
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        v += g[a] * covariance[a][b] * g[b];
      }
    }
    return Math.max(v, 0) + noiseVariance();
  }

  /** Bayesian information criterion; SSE is floored so a perfect fit does not give −∞. */
  public double bic() {
    double floor = 1e-12 * n;
    return n * Math.log(Math.max(sse, floor) / n) + theta.length * Math.log(n);
  }

  private static boolean allFinite(double[] v) {
    for (double d : v) {
      if (!Double.isFinite(d)) {
        return false;
      }
    }
    return true;
  }
}
