package io.streamtune.optimizer.gp;

import io.streamtune.optimizer.math.DifferentiableFunction;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The negative log marginal likelihood of the GP and its analytic gradient in log-hyperparameter
 * space, the objective of type-II maximum likelihood (Rasmussen &amp; Williams 2006, eq. 5.8–5.9).
 *
 * <p>Notation as in {@link GaussianProcess}, plus {@code W = K⁻¹ ∈ R^{n×n}} and {@code A = ααᵀ -
 * W}: {@code log p = -½ ỹᵀα - Σ log L_ii - (n/2) log 2π} and {@code ∂ log p/∂θ_m = ½ tr(A
 * ∂K/∂θ_m)}, with {@code ∂K/∂log σf² = K - σn² I}, {@code ∂K/∂log σn² = σn² I} and {@code ∂K/∂log
 * ℓ_j} from {@link Matern52}. The gradient needs the full {@code K⁻¹}; it is computed from the
 * Cholesky factor (EJML's {@code invert}, as scikit-learn's {@code cho_solve(L, I)}), never by a
 * general inverse.
 *
 * <p>Squared coordinate differences of every pair are computed once per fit, since they do not
 * depend on {@code θ}: the hyperparameter search only rescales them.
 */
final class MarginalLikelihood implements DifferentiableFunction {

  private final int n;
  private final int dim;
  private final double[] yNorm;
  private final double[] diff2; // pair p = i(i-1)/2 + j (i > j), coordinate m at p·D + m
  private final double[] pairR2;
  private final boolean withPrior;

  /**
   * @param withPrior whether to add {@link HyperPrior} (maximum a posteriori) or not (maximum
   *     likelihood)
   */
  MarginalLikelihood(List<double[]> x, double[] y, boolean withPrior) {
    this.n = x.size();
    this.dim = x.get(0).length;
    this.withPrior = withPrior;
    YScaling scaling = YScaling.of(y);
    this.yNorm = new double[n];
    for (int i = 0; i < n; i++) {
      yNorm[i] = scaling.apply(y[i]);
    }
    int pairs = n * (n - 1) / 2;
    this.diff2 = new double[pairs * dim];
    this.pairR2 = new double[pairs];
    int p = 0;
    for (int i = 1; i < n; i++) {
      double[] xi = x.get(i);
      for (int j = 0; j < i; j++, p++) {
        double[] xj = x.get(j);
        for (int m = 0; m < dim; m++) {
          double t = xi[m] - xj[m];
          diff2[p * dim + m] = t * t;
        }
      }
    }
  }

  @Override
  public double valueAndGradient(double[] theta, double[] grad) {
    double amplitude = Math.exp(theta[0]);
    double noise = Math.exp(theta[dim + 1]);
    double[] invL2 = new double[dim];
    for (int m = 0; m < dim; m++) {
      invL2[m] = Math.exp(-2 * theta[1 + m]);
    }
    // K_ij = σf² k(r_ij) + δ_ij σn²
    DMatrixRMaj k = new DMatrixRMaj(n, n);
    int p = 0;
    for (int i = 1; i < n; i++) {
      for (int j = 0; j < i; j++, p++) {
        double r2 = 0;
        for (int m = 0; m < dim; m++) {
          r2 += diff2[p * dim + m] * invL2[m];
        }
        pairR2[p] = r2;
        double v = amplitude * Matern52.shape(r2);
        k.unsafe_set(i, j, v);
        k.unsafe_set(j, i, v);
      }
    }
    for (int i = 0; i < n; i++) {
      k.unsafe_set(i, i, amplitude + noise);
    }
    Cholesky.Factor f;
    try {
      f = Cholesky.factor(k, amplitude + noise);
    } catch (ArithmeticException e) {
      Arrays.fill(grad, 0.0);
      return Double.POSITIVE_INFINITY; // the line search backs off from here
    }
    // α = K⁻¹ỹ and W = K⁻¹, both from the factor.
    DMatrixRMaj alpha = new DMatrixRMaj(n, 1);
    f.solver().solve(new DMatrixRMaj(n, 1, true, yNorm), alpha);
    DMatrixRMaj w = new DMatrixRMaj(n, n);
    f.solver().invert(w);
    double fit = 0;
    double logDet = 0;
    for (int i = 0; i < n; i++) {
      fit += yNorm[i] * alpha.data[i];
      logDet += Math.log(f.lower().unsafe_get(i, i));
    }
    double lml = -0.5 * fit - logDet - 0.5 * n * Math.log(2 * Math.PI);

    // ½ tr(A ∂K/∂θ): diagonal terms, then each off-diagonal pair counted twice.
    double gAmp = 0;
    double gNoise = 0;
    double[] gLen = new double[dim];
    for (int i = 0; i < n; i++) {
      double aii = alpha.data[i] * alpha.data[i] - w.unsafe_get(i, i);
      gAmp += 0.5 * aii * amplitude;
      gNoise += 0.5 * aii * noise;
    }
    p = 0;
    for (int i = 1; i < n; i++) {
      double ai = alpha.data[i];
      int row = i * n;
      for (int j = 0; j < i; j++, p++) {
        double aij = ai * alpha.data[j] - w.data[row + j];
        gAmp += aij * k.data[row + j];
        double c = aij * amplitude * Matern52.derivativeFactor(pairR2[p]);
        for (int m = 0; m < dim; m++) {
          gLen[m] += c * diff2[p * dim + m] * invL2[m];
        }
      }
    }
    grad[0] = -gAmp;
    for (int m = 0; m < dim; m++) {
      grad[1 + m] = -gLen[m];
    }
    grad[dim + 1] = -gNoise;
    double value = -lml;
    if (withPrior) {
      double[] priorGrad = new double[theta.length];
      value -= HyperPrior.logDensity(theta, priorGrad);
      for (int m = 0; m < theta.length; m++) {
        grad[m] -= priorGrad[m];
      }
    }
    return value;
  }
}
