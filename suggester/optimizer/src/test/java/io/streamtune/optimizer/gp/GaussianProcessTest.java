package io.streamtune.optimizer.gp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.surrogate.OutputWarping;
import io.streamtune.optimizer.surrogate.Posterior;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

class GaussianProcessTest {

  private static final TextFixture FIXTURE = TextFixture.load("/fixtures/gp_fixture.txt");

  @Test
  void shouldMatchScikitLearnPosteriorWhenKernelIsFixed() {
    // Given the fixture's data and hyperparameters
    GaussianProcess gp =
        GaussianProcess.fit(FIXTURE.rows("X"), FIXTURE.vector("y"), FIXTURE.vector("theta"));
    List<double[]> test = FIXTURE.rows("Xtest");
    double[] mean = FIXTURE.vector("mean");
    double[] std = FIXTURE.vector("std");
    // When / Then
    for (int i = 0; i < test.size(); i++) {
      Posterior p = gp.posterior(test.get(i));
      assertThat(p.mean()).isCloseTo(mean[i], within(1e-8));
      assertThat(p.std()).isCloseTo(std[i], within(1e-8));
    }
    assertThat(gp.logMarginalLikelihood()).isCloseTo(FIXTURE.scalar("lml"), within(1e-8));
  }

  @Test
  void shouldMatchScikitLearnLikelihoodGradientWhenKernelIsFixed() {
    double[] theta = FIXTURE.vector("theta");
    double[] grad = new double[theta.length];
    double value =
        GpFitter.negativeLogMarginalLikelihood(FIXTURE.rows("X"), FIXTURE.vector("y"), theta, grad);
    assertThat(-value).isCloseTo(FIXTURE.scalar("lml"), within(1e-8));
    double[] expected = FIXTURE.vector("lmlGradient");
    for (int m = 0; m < theta.length; m++) {
      assertThat(-grad[m]).isCloseTo(expected[m], within(1e-6));
    }
  }

  @Test
  void shouldMatchFiniteDifferencesWhenDifferentiatingLikelihood() {
    Random rng = new Random(1);
    List<double[]> x = randomPoints(rng, 20, 4);
    double[] y = x.stream().mapToDouble(p -> Math.cos(5 * p[0]) + p[1] * p[2] - p[3]).toArray();
    double[] theta = {0.3, -1.0, -0.5, 0.2, -1.5, Math.log(1e-2)};
    GradientCheck.assertGradientMatchesFiniteDifferences(
        (t, g) -> GpFitter.negativeLogMarginalLikelihood(x, y, t, g), theta);
  }

  @Test
  void shouldKeepTheMeanAndShrinkTheStdWhenAKrigingBelieverFantasyIsAdded() {
    Random rng = new Random(5);
    List<double[]> x = randomPoints(rng, 15, 3);
    double[] y = x.stream().mapToDouble(p -> 3 * Math.sin(4 * p[0]) + p[1] - p[2]).toArray();
    GaussianProcess gp = GaussianProcess.fit(x, y, new double[] {0.1, -1.0, -0.8, -0.5, -9.0});
    GaussianProcess fantasy = gp.fantasyCopy();
    double[] at = {0.4, 0.6, 0.2};
    fantasy.add(at, gp.posterior(at).mean());
    for (double[] q : randomPoints(rng, 50, 3)) {
      assertThat(fantasy.posterior(q).mean()).isCloseTo(gp.posterior(q).mean(), within(1e-7));
      assertThat(fantasy.posterior(q).std()).isLessThanOrEqualTo(gp.posterior(q).std() + 1e-12);
    }
    assertThat(fantasy.posterior(at).std()).isLessThan(0.1 * gp.posterior(at).std());
  }

  @Test
  void shouldEqualAFreshFitWhenTheValuesAreReplaced() {
    Random rng = new Random(6);
    List<double[]> x = randomPoints(rng, 12, 2);
    double[] y = x.stream().mapToDouble(p -> p[0] * p[0] + 3 * p[1]).toArray();
    double[] warped = OutputWarping.apply(y);
    double[] theta = {0.0, -1.0, -0.7, -8.0};
    GaussianProcess replaced = GaussianProcess.fit(x, y, theta);
    replaced.setValues(warped);
    GaussianProcess fresh = GaussianProcess.fit(x, warped, theta);
    for (double[] q : randomPoints(rng, 20, 2)) {
      assertThat(replaced.posterior(q).mean()).isCloseTo(fresh.posterior(q).mean(), within(1e-10));
      assertThat(replaced.posterior(q).std()).isCloseTo(fresh.posterior(q).std(), within(1e-10));
    }
  }

  @Test
  void shouldMatchFiniteDifferencesWhenDifferentiatingPosterior() {
    Random rng = new Random(2);
    List<double[]> x = randomPoints(rng, 12, 3);
    double[] y = x.stream().mapToDouble(p -> p[0] * p[0] - Math.sin(4 * p[1]) + p[2]).toArray();
    GaussianProcess gp =
        GaussianProcess.fit(x, y, new double[] {0.1, -1.2, -0.7, -0.3, Math.log(1e-4)});
    double h = 1e-6;
    for (int trial = 0; trial < 5; trial++) {
      double[] q = randomPoints(rng, 1, 3).get(0);
      Posterior p = gp.posterior(q, true);
      for (int j = 0; j < 3; j++) {
        double[] up = q.clone();
        double[] down = q.clone();
        up[j] += h;
        down[j] -= h;
        Posterior pu = gp.posterior(up);
        Posterior pd = gp.posterior(down);
        assertThat(p.meanGradient()[j]).isCloseTo((pu.mean() - pd.mean()) / (2 * h), within(1e-5));
        assertThat(p.stdGradient()[j]).isCloseTo((pu.std() - pd.std()) / (2 * h), within(1e-5));
      }
    }
  }

  @Test
  void shouldEqualFullRefactorWhenObservationsAreAddedIncrementally() {
    // Given a GP on 10 points, grown to 30 one point at a time
    Random rng = new Random(3);
    List<double[]> x = randomPoints(rng, 30, 5);
    double[] y = x.stream().mapToDouble(p -> p[0] + Math.sin(3 * p[1]) * p[4]).toArray();
    double[] theta = {0.2, -0.5, -0.3, -0.1, 0.0, -0.8, Math.log(1e-3)};
    GaussianProcess grown = GaussianProcess.fit(x.subList(0, 10), Arrays.copyOf(y, 10), theta);
    for (int i = 10; i < 30; i++) {
      grown.add(x.get(i), y[i]);
    }
    // When refactored from scratch
    GaussianProcess full = GaussianProcess.fit(x, y, theta);
    // Then factors, likelihood and predictions agree
    DMatrixRMaj a = grown.cholesky();
    DMatrixRMaj b = full.cholesky();
    for (int i = 0; i < a.getNumElements(); i++) {
      assertThat(a.data[i]).isCloseTo(b.data[i], within(1e-10));
    }
    assertThat(grown.logMarginalLikelihood()).isCloseTo(full.logMarginalLikelihood(), within(1e-9));
    double[] q = randomPoints(rng, 1, 5).get(0);
    assertThat(grown.posterior(q).mean()).isCloseTo(full.posterior(q).mean(), within(1e-10));
    assertThat(grown.posterior(q).std()).isCloseTo(full.posterior(q).std(), within(1e-10));
  }

  @Test
  void shouldNotChangeOriginalWhenCopyIsExtended() {
    Random rng = new Random(4);
    List<double[]> x = randomPoints(rng, 8, 2);
    double[] y = x.stream().mapToDouble(p -> p[0] - p[1]).toArray();
    GaussianProcess gp = GaussianProcess.fit(x, y, GpFitter.defaultTheta(2));
    double[] q = {0.5, 0.5};
    double before = gp.posterior(q).std();
    GaussianProcess copy = gp.copy();
    copy.add(q, 0.0);
    assertThat(gp.posterior(q).std()).isEqualTo(before);
    assertThat(copy.posterior(q).std()).isLessThan(before);
    assertThat(gp.size()).isEqualTo(8);
  }

  @Test
  void shouldStayFiniteWhenPointsAreDuplicated() {
    List<double[]> x =
        List.of(new double[] {0.2, 0.2}, new double[] {0.2, 0.2}, new double[] {0.7, 0.1});
    GaussianProcess gp =
        GaussianProcess.fit(x, new double[] {1, 1, 2}, new double[] {0, 0, 0, Math.log(1e-9)});
    gp.add(new double[] {0.2, 0.2}, 1.0);
    Posterior p = gp.posterior(new double[] {0.3, 0.3}, true);
    assertThat(p.mean()).isFinite();
    assertThat(p.std()).isFinite().isGreaterThanOrEqualTo(0);
  }

  @Test
  void shouldMatchScikitLearnMeanWhenOnlyTheMeanIsAsked() {
    GaussianProcess gp =
        GaussianProcess.fit(FIXTURE.rows("X"), FIXTURE.vector("y"), FIXTURE.vector("theta"));
    List<double[]> test = FIXTURE.rows("Xtest");
    double[] mean = FIXTURE.vector("mean");
    for (int i = 0; i < test.size(); i++) {
      assertThat(gp.mean(test.get(i))).isCloseTo(mean[i], within(1e-8));
    }
  }

  @Test
  void shouldIncreaseLikelihoodWhenHyperparametersAreFitted() {
    Random rng = new Random(5);
    List<double[]> x = randomPoints(rng, 25, 2);
    double[] y = x.stream().mapToDouble(p -> Math.sin(8 * p[0]) + 0.1 * p[1]).toArray();
    double[] start = GpFitter.defaultTheta(2);
    double[] fitted = GpFitter.defaults().fit(x, y, start, new SplittableRandom(1));
    double before = GaussianProcess.fit(x, y, start).logMarginalLikelihood();
    double after = GaussianProcess.fit(x, y, fitted).logMarginalLikelihood();
    assertThat(after).isGreaterThan(before);
    // the irrelevant second coordinate should get a longer length scale than the first
    assertThat(fitted[2]).isGreaterThan(fitted[1]);
  }

  static List<double[]> randomPoints(Random rng, int n, int d) {
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] p = new double[d];
      for (int j = 0; j < d; j++) {
        p[j] = rng.nextDouble();
      }
      out.add(p);
    }
    return out;
  }
}
