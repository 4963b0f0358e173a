package io.streamtune.optimizer.acquisition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.Arrays;
import java.util.Random;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

class AcquisitionTest {

  /** A surrogate with a fixed, hand-picked posterior. */
  private record StubSurrogate(double mean, double std) implements Surrogate {
    @Override
    public Posterior posterior(double[] x, boolean withGradient) {
      return new Posterior(mean, std);
    }

    @Override
    public boolean hasGradient() {
      return false;
    }
  }

  /** A smooth surrogate μ = Σ sin(x), σ = 0.5 + Σ x² with exact gradients. */
  private static final Surrogate SMOOTH =
      new Surrogate() {
        @Override
        public Posterior posterior(double[] x, boolean withGradient) {
          double mu = 0;
          double sd = 0.5;
          double[] dm = new double[x.length];
          double[] ds = new double[x.length];
          for (int j = 0; j < x.length; j++) {
            mu += Math.sin(3 * x[j]);
            sd += x[j] * x[j];
            dm[j] = 3 * Math.cos(3 * x[j]);
            ds[j] = 2 * x[j];
          }
          return withGradient ? new Posterior(mu, sd, dm, ds) : new Posterior(mu, sd);
        }

        @Override
        public boolean hasGradient() {
          return true;
        }
      };

  private static final NormalDistribution N = new NormalDistribution();

  @Test
  void shouldMatchClosedFormWhenComputingExpectedImprovement() {
    // Given μ = 1.0, σ = 0.5, y* = 1.2, ξ = 0.01: z = (1.2 - 0.01 - 1.0)/0.5 = 0.38
    var s = new StubSurrogate(1.0, 0.5);
    double z = 0.38;
    double expected = 0.19 * N.cumulativeProbability(z) + 0.5 * N.density(z);
    assertThat(new ExpectedImprovement(1.2, 0.01).evaluate(s, new double[1]))
        .isCloseTo(expected, within(1e-12));
    // and the value published in skopt's test_acquisition (μ = 0, σ = 1, y* = 0, ξ = 0): φ(0) =
    // 0.39894
    assertThat(new ExpectedImprovement(0, 0).evaluate(new StubSurrogate(0, 1), new double[1]))
        .isCloseTo(0.3989422804014327, within(1e-12));
  }

  @Test
  void shouldMatchClosedFormWhenComputingProbabilityOfImprovement() {
    var s = new StubSurrogate(2.0, 0.25);
    double z = (1.5 - 0.1 - 2.0) / 0.25;
    assertThat(new ProbabilityOfImprovement(1.5, 0.1).evaluate(s, new double[1]))
        .isCloseTo(N.cumulativeProbability(z), within(1e-12));
  }

  @Test
  void shouldMatchClosedFormWhenComputingLowerConfidenceBound() {
    var s = new StubSurrogate(2.0, 0.25);
    assertThat(new LowerConfidenceBound(1.96).evaluate(s, new double[1]))
        .isCloseTo(-(2.0 - 1.96 * 0.25), within(1e-15));
  }

  @Test
  void shouldEqualLogOfExpectedImprovementWhenImprovementIsModerate() {
    for (double mu : new double[] {-1, 0, 0.5, 1, 2, 3.5}) {
      var s = new StubSurrogate(mu, 0.7);
      double ei = new ExpectedImprovement(1.0, 0.01).evaluate(s, new double[1]);
      assertThat(new LogExpectedImprovement(1.0, 0.01).evaluate(s, new double[1]))
          .isCloseTo(Math.log(ei), within(1e-9));
    }
  }

  @Test
  void shouldStayFiniteWhenExpectedImprovementUnderflows() {
    // z = -40: EI underflows to 0, log EI ≈ -z²/2 - log(z²·√(2π)) for large |z|
    var s = new StubSurrogate(40, 1);
    assertThat(new ExpectedImprovement(0, 0).evaluate(s, new double[1])).isZero();
    double logEi = new LogExpectedImprovement(0, 0).evaluate(s, new double[1]);
    double asymptotic =
        -800 - Math.log(1600) - 0.5 * Math.log(2 * Math.PI) + Math.log(1 - 3.0 / 1600);
    assertThat(logEi).isCloseTo(asymptotic, within(1e-5));
  }

  @Test
  void shouldBeContinuousWhenLogEiSwitchesToTheTailFormula() {
    var below = new LogExpectedImprovement(0, 0).utility(3.0 + 1e-9, 1.0, null);
    var above = new LogExpectedImprovement(0, 0).utility(3.0 - 1e-9, 1.0, null);
    assertThat(below).isCloseTo(above, within(1e-7));
  }

  @Test
  void shouldMatchFiniteDifferencesWhenDifferentiatingAcquisitions() {
    Random rng = new Random(11);
    Acquisition[] all = {
      new ExpectedImprovement(0.2, 0.01),
      new ProbabilityOfImprovement(0.2, 0.01),
      new LowerConfidenceBound(1.96),
      new LogExpectedImprovement(0.2, 0.01),
      new LogExpectedImprovement(-6, 0.0)
    };
    for (Acquisition a : all) {
      for (int trial = 0; trial < 5; trial++) {
        double[] x = {rng.nextDouble(), rng.nextDouble(), rng.nextDouble()};
        double[] g = new double[3];
        a.evaluate(SMOOTH, x, g);
        for (int j = 0; j < 3; j++) {
          double h = 1e-6;
          double[] up = x.clone();
          double[] down = x.clone();
          up[j] += h;
          down[j] -= h;
          double fd = (a.evaluate(SMOOTH, up) - a.evaluate(SMOOTH, down)) / (2 * h);
          assertThat(g[j])
              .as("%s coordinate %d", a.name(), j)
              .isCloseTo(fd, within(1e-5 * Math.max(1, Math.abs(fd))));
        }
      }
    }
  }

  @Test
  void shouldFavourMemberWithLargerGainsWhenHedging() {
    GpHedge hedge = new GpHedge(1.0);
    hedge.recordProposals(new double[][] {{0.1}, {0.5}, {0.9}});
    // a model whose mean is lowest at the first member's proposal
    Surrogate s =
        new Surrogate() {
          @Override
          public Posterior posterior(double[] x, boolean withGradient) {
            return new Posterior(4 * x[0], 1);
          }

          @Override
          public boolean hasGradient() {
            return false;
          }
        };
    hedge.reward(s, 0.0, 1.0);
    assertThat(hedge.gains()).containsExactly(-0.4, -2.0, -3.6);
    double[] p = hedge.probabilities();
    double z = Math.exp(-0.4) + Math.exp(-2.0) + Math.exp(-3.6);
    double g = GpHedge.EXPLORATION;
    assertThat(p[0]).isCloseTo((1 - g) * Math.exp(-0.4) / z + g / 3, within(1e-12));
    assertThat(p[0]).isGreaterThan(p[1]).isGreaterThan(p[2]);
  }

  @Test
  void shouldKeepEveryMemberAboveTheFloorWhenOneMemberGainsWithoutBound() {
    GpHedge hedge = new GpHedge(1.0);
    Surrogate s =
        new Surrogate() {
          @Override
          public Posterior posterior(double[] x, boolean withGradient) {
            return new Posterior(100 * x[0], 1);
          }

          @Override
          public boolean hasGradient() {
            return false;
          }
        };
    for (int round = 0; round < 50; round++) {
      hedge.recordProposals(new double[][] {{0.0}, {0.5}, {1.0}});
      hedge.reward(s, 0.0, 1.0);
    }
    assertThat(Arrays.stream(hedge.probabilities()).min().orElseThrow()).isGreaterThan(0.099);
  }
}
