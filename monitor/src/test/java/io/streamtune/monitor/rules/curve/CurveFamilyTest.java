package io.streamtune.monitor.rules.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveFamilyTest {

  @Test
  void shouldMatchCentralDifferencesWhenComputingGradient() {
    Random random = new Random(11);
    for (CurveFamily family : CurveFamily.values()) {
      for (int trial = 0; trial < 20; trial++) {
        // Given a point inside the family's box, near its data-driven start
        double[] theta =
            family.starts(0.1 + 0.2 * random.nextDouble(), 0.7 + 0.2 * random.nextDouble(), 20)[0];
        for (int j = 0; j < theta.length; j++) {
          theta[j] *= 1 + 0.2 * (random.nextDouble() - 0.5);
        }
        family.clamp(theta);
        double x = 1 + 40 * random.nextDouble();
        // When
        double[] g = new double[theta.length];
        double f = family.gradient(x, theta, g);
        // Then
        assertThat(f).as(family.label()).isCloseTo(family.value(x, theta), within(1e-12));
        for (int j = 0; j < theta.length; j++) {
          double h = 1e-6 * Math.max(1, Math.abs(theta[j]));
          double[] up = theta.clone();
          double[] down = theta.clone();
          up[j] += h;
          down[j] -= h;
          double numeric = (family.value(x, up) - family.value(x, down)) / (2 * h);
          assertThat(g[j])
              .as("%s ∂θ_%d at x=%.2f", family.label(), j, x)
              .isCloseTo(numeric, within(1e-5 * Math.max(1, Math.abs(numeric))));
        }
      }
    }
  }

  @Test
  void shouldEvaluateReferenceFormulasAtKnownPoints() {
    // pow3 at x = 4: 0.9 − 0.6·4^(−0.5) = 0.6
    assertThat(CurveFamily.POW3.value(4, new double[] {0.9, 0.6, 0.5}))
        .isCloseTo(0.6, within(1e-12));
    // ilog2 is evaluated at x + 1: c − a/ln(e) at x = e − 1
    assertThat(CurveFamily.ILOG2.value(Math.E - 1, new double[] {1, 0.5}))
        .isCloseTo(0.5, within(1e-12));
    // weibull at κx = 1, δ = 1: α − (α − β)/e
    assertThat(CurveFamily.WEIBULL.value(2, new double[] {1, 0, 0.5, 1}))
        .isCloseTo(1 - Math.exp(-1), within(1e-12));
    // mmf at κx = 1: the midpoint (α + β)/2
    assertThat(CurveFamily.MMF.value(2, new double[] {1, 0, 0.5, 3})).isCloseTo(0.5, within(1e-12));
    // vap at x = 1: exp(a + b)
    assertThat(CurveFamily.VAP.value(1, new double[] {0.2, -0.5, 7}))
        .isCloseTo(Math.exp(-0.3), within(1e-12));
  }
}
