package io.streamtune.optimizer.gp;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.decomposition.CholeskyDecomposition_F64;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * Cholesky factorisation through EJML's symmetric positive-definite solver, adding diagonal jitter
 * when {@code setA} reports the matrix is not numerically positive definite (near-duplicate points,
 * tiny noise). Jitter grows tenfold from {@code 1e-10·scale} to {@code 1e-4·scale}, the range that
 * GPy and GPyTorch also try.
 */
final class Cholesky {

  record Factor(DMatrixRMaj lower, double jitter, LinearSolverDense<DMatrixRMaj> solver) {}

  private Cholesky() {}

  /**
   * Factors {@code K + jitter·I}; {@code K} is not modified. Throws if even the largest jitter
   * fails.
   */
  @SuppressWarnings("unchecked")
  static Factor factor(DMatrixRMaj k, double scale) {
    int n = k.numRows;
    double jitter = 0;
    for (int attempt = 0; attempt < 8; attempt++) {
      DMatrixRMaj a = k.copy();
      for (int i = 0; i < n; i++) {
        a.unsafe_set(i, i, a.unsafe_get(i, i) + jitter);
      }
      LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.symmPosDef(n);
      if (solver.setA(a)) {
        var decomposition = (CholeskyDecomposition_F64<DMatrixRMaj>) solver.getDecomposition();
        DMatrixRMaj lower = decomposition.getT(null);
        return new Factor(lower, jitter, solver);
      }
      jitter = jitter == 0 ? 1e-10 * scale : jitter * 10;
    }
    throw new ArithmeticException(
        "kernel matrix is not positive definite even with jitter " + jitter);
  }
}
