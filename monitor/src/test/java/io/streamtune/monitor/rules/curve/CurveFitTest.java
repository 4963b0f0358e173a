package io.streamtune.monitor.rules.curve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumSet;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveFitTest {

  @Test
  void shouldRecoverPow3ParametersWhenCurveIsNoisy() {
    // Given y = 0.9 − 0.6·x^(−0.7) at x = 1..40 with N(0, 0.005²) noise (seeded)
    Random random = new Random(42);
    double[] x = new double[40];
    double[] y = new double[40];
    for (int i = 0; i < 40; i++) {
      x[i] = i + 1;
      y[i] = 0.9 - 0.6 * Math.pow(x[i], -0.7) + 0.005 * random.nextGaussian();
    }
    // When
    CurveFit fit = CurveFit.fit(CurveFamily.POW3, x, y);
    // Then the parameters are recovered, and the truth lies within 3 standard errors of each
    assertThat(fit).isNotNull();
    double[] truth = {0.9, 0.6, 0.7};
    assertThat(fit.theta()[0]).isCloseTo(0.9, within(0.03));
    assertThat(fit.theta()[1]).isCloseTo(0.6, within(0.03));
    assertThat(fit.theta()[2]).isCloseTo(0.7, within(0.1));
    for (int j = 0; j < 3; j++) {
      assertThat(Math.abs(fit.theta()[j] - truth[j]))
          .isLessThan(3 * Math.sqrt(fit.covariance()[j][j]));
    }
    assertThat(Math.sqrt(fit.noiseVariance())).isCloseTo(0.005, within(0.002));
  }

  @Test
  void shouldFitEveryFamilyToItsOwnNoiselessCurve() {
    double[][] theta = {
      {0.9, 0.6, 0.7}, // pow3
      {0.9, 1.0, 0.5, 0.8}, // pow4
      {0.9, 1.0, -1.2}, // log_power
      {0.9, 0.4, 0.0, 0.8}, // exp4
      {0.9, 0.1, 0.15, 1.2}, // weibull
      {0.9, 0.1, 0.2, 1.5}, // mmf
      {0.9, 0.1, 0.3, 0.7}, // janoschek
      {0.95, 0.5}, // ilog2
      {-0.05, -1.5, 0.01}, // vap
    };
    CurveFamily[] families = CurveFamily.values();
    for (int k = 0; k < families.length; k++) {
      double[] x = new double[30];
      double[] y = new double[30];
      for (int i = 0; i < 30; i++) {
        x[i] = i + 1;
        y[i] = families[k].value(x[i], theta[k]);
      }
      CurveFit fit = CurveFit.fit(families[k], x, y);
      assertThat(fit).as(families[k].label()).isNotNull();
      assertThat(fit.predict(60))
          .as(families[k].label())
          .isCloseTo(families[k].value(60, theta[k]), within(0.02));
    }
  }

  @Test
  void shouldPredictFinalLossWithinUncertaintyWhenExtrapolatingEnsemble() {
    // Given a loss 0.3 + 1.2·x^(−0.6) + noise, 15 of 50 steps seen
    Random random = new Random(7);
    double[] losses = new double[15];
    for (int i = 0; i < 15; i++) {
      losses[i] = 0.3 + 1.2 * Math.pow(i + 1, -0.6) + 0.01 * random.nextGaussian();
    }
    double truth = 0.3 + 1.2 * Math.pow(50, -0.6);
    // When
    CurveEnsemble.Prediction p =
        CurveEnsemble.predict(losses, 50, EnumSet.allOf(CurveFamily.class));
    // Then the weights are a distribution and the truth is within 2 sd of the mean
    assertThat(p).isNotNull();
    assertThat(p.components().stream().mapToDouble(CurveEnsemble.Component::weight).sum())
        .isCloseTo(1, within(1e-9));
    assertThat(p.meanLoss()).isCloseTo(truth, within(2 * p.sdLoss() + 1e-9));
    assertThat(p.probabilityBelow(truth - 10 * p.sdLoss())).isLessThan(0.01);
    assertThat(p.probabilityBelow(truth + 10 * p.sdLoss())).isGreaterThan(0.99);
  }

  @Test
  void shouldGiveNoPredictionWhenTooFewPointsOrFlat() {
    var all = EnumSet.allOf(CurveFamily.class);
    assertThat(CurveEnsemble.predict(new double[] {1, 0.5}, 10, all)).isNull();
    assertThat(CurveEnsemble.predict(new double[] {1, 1, 1, 1, 1}, 10, all)).isNull();
  }
}
