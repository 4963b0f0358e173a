package io.streamtune.optimizer.gp;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.TriangularSolver_DDRM;

/**
 * Gaussian-process regression with fixed hyperparameters (Rasmussen &amp; Williams 2006, Alg. 2.1).
 *
 * <p>Notation: {@code n} observations, {@code D} unit-cube coordinates. {@code X ∈ R^{n×D}}; {@code
 * y ∈ R^n} raw values; {@code ỹ = (y - ȳ)/s_y} normalised values; {@code θ ∈ R^{D+2}} = {@code [log
 * σf², log ℓ_1..ℓ_D, log σn²]} (see {@link Matern52}); {@code K = k(X, X) + (σn² + jitter) I ∈
 * R^{n×n}}; {@code L} its lower Cholesky factor; {@code α = K⁻¹ ỹ = L⁻ᵀ L⁻¹ ỹ}. At a query {@code
 * x}: {@code k* = k(X, x) ∈ R^n}, {@code μ(x) = ȳ + s_y k*ᵀα}, {@code σ²(x) = s_y² (σf² - vᵀv)}
 * with {@code v = L⁻¹ k*}. The posterior is of the latent function, without the white noise, as in
 * scikit-optimize.
 *
 * <p>{@link #add} extends {@code L} by one row in O(n²) instead of refactoring in O(n³), and the
 * kernel matrix is never inverted: every product with {@code K⁻¹} is two triangular solves.
 */
public final class GaussianProcess implements Surrogate {

  private final int dim;
  private final double[] theta;
  private final double amplitude;
  private final double noise;
  private final double[] inverseLengthScale2;
  private final List<double[]> xs;
  private final List<Double> ys;
  private double jitter;
  private DMatrixRMaj chol;
  private double[] alpha;
  private YScaling yScaling;
  private boolean scalingFrozen;

  private GaussianProcess(int dim, double[] theta, List<double[]> xs, List<Double> ys) {
    if (theta.length != dim + 2) {
      throw new IllegalArgumentException(
          "theta must have length " + (dim + 2) + " but had " + theta.length);
    }
    this.dim = dim;
    this.theta = theta.clone();
    this.amplitude = Math.exp(theta[0]);
    this.noise = Math.exp(theta[dim + 1]);
    this.inverseLengthScale2 = new double[dim];
    for (int j = 0; j < dim; j++) {
      inverseLengthScale2[j] = Math.exp(-2 * theta[1 + j]);
    }
    this.xs = xs;
    this.ys = ys;
  }

  /**
   * Conditions a GP with hyperparameters {@code theta} on {@code (X, y)} by a full factorisation.
   */
  public static GaussianProcess fit(List<double[]> x, double[] y, double[] theta) {
    if (x.isEmpty() || x.size() != y.length) {
      throw new IllegalArgumentException(
          "need as many values as points (>= 1) but had " + x.size() + " and " + y.length);
    }
    List<double[]> xs = new ArrayList<>(x.size());
    List<Double> ys = new ArrayList<>(x.size());
    for (int i = 0; i < y.length; i++) {
      xs.add(x.get(i).clone());
      ys.add(y[i]);
    }
    GaussianProcess gp = new GaussianProcess(x.get(0).length, theta, xs, ys);
    gp.refactor();
    return gp;
  }

  /**
   * A deep copy for fantasies: points added to it keep this model's standardisation of y, so that
   * made-up values do not rescale the real ones. A kriging believer's fantasy (the posterior mean
   * as the value) then leaves the posterior mean unchanged everywhere and only shrinks the std.
   */
  public GaussianProcess fantasyCopy() {
    GaussianProcess c = copy();
    c.scalingFrozen = true;
    return c;
  }

  /** A deep copy, so that a constant liar can add fantasies without touching this model. */
  public GaussianProcess copy() {
    GaussianProcess c = new GaussianProcess(dim, theta, new ArrayList<>(xs), new ArrayList<>(ys));
    c.jitter = jitter;
    c.chol = chol.copy();
    c.alpha = alpha.clone();
    c.yScaling = yScaling;
    return c;
  }

  /**
   * Adds one observation. The new factor is {@code [[L, 0], [lᵀ, d]]} with {@code l = L⁻¹ k(X, x)}
   * and {@code d = sqrt(k(x,x) + σn² + jitter - lᵀl)} (a bordered, rank-1 extension); when {@code
   * d²} is not safely positive (a near-duplicate point) it falls back to a full refactor with more
   * jitter.
   */
  public void add(double[] x, double y) {
    int n = xs.size();
    double[] l = kernelColumn(x);
    TriangularSolver_DDRM.solveL(chol.data, l, n);
    double d2 = amplitude + noise + jitter;
    for (int i = 0; i < n; i++) {
      d2 -= l[i] * l[i];
    }
    xs.add(x.clone());
    ys.add(y);
    if (!(d2 > 1e-12 * (amplitude + noise))) {
      refactor();
      return;
    }
    DMatrixRMaj grown = new DMatrixRMaj(n + 1, n + 1);
    for (int i = 0; i < n; i++) {
      System.arraycopy(chol.data, i * n, grown.data, i * (n + 1), i + 1);
    }
    System.arraycopy(l, 0, grown.data, n * (n + 1), n);
    grown.data[n * (n + 1) + n] = Math.sqrt(d2);
    chol = grown;
    solveAlpha();
  }

  /**
   * Replaces the values of the points already conditioned on (an output warping moved them), in
   * O(n²): the factor depends on the points only, so only {@code α} is solved again.
   */
  public void setValues(double[] y) {
    if (y.length != xs.size()) {
      throw new IllegalArgumentException("need " + xs.size() + " values but had " + y.length);
    }
    for (int i = 0; i < y.length; i++) {
      ys.set(i, y[i]);
    }
    solveAlpha();
  }

  private void refactor() {
    int n = xs.size();
    DMatrixRMaj k = new DMatrixRMaj(n, n);
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < i; j++) {
        double v =
            amplitude
                * Matern52.shape(
                    Matern52.scaledDistance2(xs.get(i), xs.get(j), inverseLengthScale2));
        k.unsafe_set(i, j, v);
        k.unsafe_set(j, i, v);
      }
      k.unsafe_set(i, i, amplitude + noise);
    }
    Cholesky.Factor f = Cholesky.factor(k, amplitude + noise);
    chol = f.lower();
    jitter = f.jitter();
    solveAlpha();
  }

  /** Renormalises y and solves {@code α = L⁻ᵀ L⁻¹ ỹ}. */
  private void solveAlpha() {
    int n = ys.size();
    if (!scalingFrozen || yScaling == null) {
      yScaling = YScaling.of(ys.stream().mapToDouble(Double::doubleValue).toArray());
    }
    alpha = new double[n];
    for (int i = 0; i < n; i++) {
      alpha[i] = yScaling.apply(ys.get(i));
    }
    TriangularSolver_DDRM.solveL(chol.data, alpha, n);
    TriangularSolver_DDRM.solveTranL(chol.data, alpha, n);
  }

  private double[] kernelColumn(double[] x) {
    int n = xs.size();
    double[] k = new double[n];
    for (int i = 0; i < n; i++) {
      k[i] =
          amplitude * Matern52.shape(Matern52.scaledDistance2(xs.get(i), x, inverseLengthScale2));
    }
    return k;
  }

  /**
   * {@code μ(x) = ȳ + s_y k*ᵀα} alone, in O(n D): without the variance's triangular solve, for
   * callers that average the mean over many points (partial dependence).
   */
  public double mean(double[] x) {
    double mu = 0;
    for (int i = 0; i < xs.size(); i++) {
      mu +=
          amplitude
              * Matern52.shape(Matern52.scaledDistance2(xs.get(i), x, inverseLengthScale2))
              * alpha[i];
    }
    return yScaling.mean() + yScaling.scale() * mu;
  }

  @Override
  public Posterior posterior(double[] x, boolean withGradient) {
    int n = xs.size();
    double[] kStar = new double[n];
    double[] factor = withGradient ? new double[n] : null;
    for (int i = 0; i < n; i++) {
      double r2 = Matern52.scaledDistance2(xs.get(i), x, inverseLengthScale2);
      kStar[i] = amplitude * Matern52.shape(r2);
      if (withGradient) {
        factor[i] = amplitude * Matern52.derivativeFactor(r2);
      }
    }
    double mu = 0;
    for (int i = 0; i < n; i++) {
      mu += kStar[i] * alpha[i];
    }
    // v = L⁻¹ k*, σ² = σf² - vᵀv, clamped at 0 against round-off.
    double[] v = kStar.clone();
    TriangularSolver_DDRM.solveL(chol.data, v, n);
    double var = amplitude;
    for (int i = 0; i < n; i++) {
      var -= v[i] * v[i];
    }
    var = Math.max(var, 0.0);
    double std = Math.sqrt(var);
    double yScale = yScaling.scale();
    double mean = yScaling.mean() + yScale * mu;
    if (!withGradient) {
      return new Posterior(mean, yScale * std);
    }
    // ∂μ/∂x = s_y Σ_i α_i ∂k_i/∂x ; ∂σ²/∂x = -2 wᵀ ∂k*/∂x with w = K⁻¹k* = L⁻ᵀ v.
    TriangularSolver_DDRM.solveTranL(chol.data, v, n);
    double[] dMean = new double[dim];
    double[] dVar = new double[dim];
    for (int i = 0; i < n; i++) {
      double[] xi = xs.get(i);
      double a = alpha[i] * factor[i];
      double w = v[i] * factor[i];
      for (int j = 0; j < dim; j++) {
        double dk = -(x[j] - xi[j]) * inverseLengthScale2[j]; // ∂k_i/∂x_j divided by factor_i
        dMean[j] += a * dk;
        dVar[j] += -2.0 * w * dk;
      }
    }
    double[] dStd = new double[dim];
    for (int j = 0; j < dim; j++) {
      dMean[j] *= yScale;
      // σ is not differentiable where it is clamped at 0; report a zero gradient there.
      dStd[j] = std > 1e-12 ? yScale * dVar[j] / (2.0 * std) : 0.0;
    }
    return new Posterior(mean, yScale * std, dMean, dStd);
  }

  /**
   * The block form of {@link #posterior}: {@code K*} for all {@code m = to - from} points as an
   * {@code n × m} matrix, one forward substitution {@code V = L⁻¹ K*} for all of them, row by row,
   * so that the innermost loop runs along the m points, contiguous and vectorised by the JIT; then
   * {@code σ² = σf² - Σ_i V_i²} per column. The flops are those of m single solves, the time about
   * a third.
   */
  @Override
  public void posteriors(double[][] xq, int from, int to, double[] mean, double[] std) {
    int n = xs.size();
    int m = to - from;
    double[] v = new double[n * m]; // row i holds k(x_i, ·) for the m points, then V's row i
    for (int i = 0; i < n; i++) {
      double[] xi = xs.get(i);
      int row = i * m;
      for (int c = 0; c < m; c++) {
        v[row + c] =
            amplitude
                * Matern52.shape(Matern52.scaledDistance2(xi, xq[from + c], inverseLengthScale2));
      }
    }
    double[] mu = new double[m];
    for (int i = 0; i < n; i++) {
      double a = alpha[i];
      int row = i * m;
      for (int c = 0; c < m; c++) {
        mu[c] += v[row + c] * a;
      }
    }
    double[] l = chol.data;
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int k = 0; k < i; k++) {
        double lik = l[i * n + k];
        if (lik == 0) {
          continue;
        }
        int rowK = k * m;
        for (int c = 0; c < m; c++) {
          v[row + c] -= lik * v[rowK + c];
        }
      }
      double d = l[i * n + i];
      for (int c = 0; c < m; c++) {
        v[row + c] /= d;
      }
    }
    double[] var = new double[m];
    Arrays.fill(var, amplitude);
    for (int i = 0; i < n; i++) {
      int row = i * m;
      for (int c = 0; c < m; c++) {
        var[c] -= v[row + c] * v[row + c];
      }
    }
    double yScale = yScaling.scale();
    for (int c = 0; c < m; c++) {
      mean[from + c] = yScaling.mean() + yScale * mu[c];
      std[from + c] = yScale * Math.sqrt(Math.max(var[c], 0.0));
    }
  }

  @Override
  public boolean hasGradient() {
    return true;
  }

  /** {@code log p(ỹ | X, θ) = -½ ỹᵀα - Σ log L_ii - (n/2) log 2π}, on the normalised values. */
  public double logMarginalLikelihood() {
    int n = ys.size();
    double fit = 0;
    for (int i = 0; i < n; i++) {
      fit += yScaling.apply(ys.get(i)) * alpha[i];
    }
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      logDet += Math.log(chol.unsafe_get(i, i));
    }
    return -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI);
  }

  public double[] theta() {
    return theta.clone();
  }

  public int size() {
    return xs.size();
  }

  public int dimension() {
    return dim;
  }

  /** The lower Cholesky factor, for tests comparing the incremental update with a refactor. */
  public DMatrixRMaj cholesky() {
    return chol.copy();
  }

  public double yScale() {
    return yScaling.scale();
  }

  public double yMean() {
    return yScaling.mean();
  }

  public List<double[]> points() {
    return List.copyOf(xs);
  }

  public double[] values() {
    return ys.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
