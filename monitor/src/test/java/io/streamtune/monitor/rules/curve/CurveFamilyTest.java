package io.streamtune.monitor.rules.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CurveFamilyTest {

  /**
   * The vap extrapolated a falling tail. Every family is now c − a·g with a ≥ 0, so it is
   * increasing exactly when g is decreasing: checked at every grid point over a long budget.
   */
  @Test
  void shouldBeNonNegativeAndNonIncreasingInTheStepAtEveryGridPointWhenBuiltIncreasing() {
    for (CurveFamily family : CurveFamily.values()) {
      for (double[] phi : family.grid()) {
        double previous = Double.POSITIVE_INFINITY;
        for (int x = 1; x <= 1000; x++) {
          double g = family.basis(x, phi);
          // exp(−κx^δ) may underflow to 0 far out: still non-increasing, and never negative
          assertThat(g).as("%s at x = %d", family.label(), x).isNotNegative().isFinite();
          assertThat(g).as("%s at x = %d", family.label(), x).isLessThanOrEqualTo(previous);
          previous = g;
        }
      }
    }
  }

  @Test
  void shouldEvaluateThePapersFormulasAtKnownPointsWhenWrittenAsAsymptoteMinusScaleTimesShape() {
    // pow3 c − a·x^(−α) at x = 4, α = 0.5: g = 1/2
    assertThat(CurveFamily.POW3.basis(4, new double[] {0.5})).isCloseTo(0.5, within(1e-12));
    // pow4 c − (a·x + b)^(−α) = c − a^(−α)·(x + b/a)^(−α): a = 2, b = 2, α = 1 at x = 3 → 1/8 =
    // a^(−α)·g with g = (3 + 1)^(−1)
    assertThat(0.5 * CurveFamily.POW4.basis(3, new double[] {1, 1}))
        .isCloseTo(0.125, within(1e-12));
    // janoschek α − (α − β)·exp(−κ·x^δ) at κ = 0.5, δ = 2, x = 2: g = e^(−2)
    assertThat(CurveFamily.EXP.basis(2, new double[] {0.5, 2}))
        .isCloseTo(Math.exp(-2), within(1e-12));
    // mmf α − (α − β)/(1 + (κx)^δ) at κx = 1: g = 1/2, the midpoint
    assertThat(CurveFamily.MMF.basis(2, new double[] {0.5, 3})).isCloseTo(0.5, within(1e-12));
    // ilog2 c − a/ln(x + 1) at x = e − 1: g = 1
    assertThat(CurveFamily.ILOG2.basis(Math.E - 1, new double[0])).isCloseTo(1, within(1e-12));
    // bounded vap A·exp(−β/x) = A − A·(1 − exp(−β/x)) at β = x: g = 1 − 1/e
    assertThat(CurveFamily.VAP.basis(3, new double[] {3}))
        .isCloseTo(1 - Math.exp(-1), within(1e-12));
  }

  @Test
  void shouldSpaceTheGridInLogWhenTheParameterIsARate() {
    double[] v = CurveFamily.logSpace(0.01, 100, 5);
    assertThat(v).containsExactly(new double[] {0.01, 0.1, 1, 10, 100}, within(1e-12));
  }
}
