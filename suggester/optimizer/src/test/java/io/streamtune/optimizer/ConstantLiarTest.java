package io.streamtune.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.gp.GaussianProcess;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import io.streamtune.optimizer.surrogate.SurrogateModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch is chosen with the constant liar (Ginsbourger, Le Riche &amp; Carraro 2010, §3.2): each
 * pending point and each point already in the batch enters a copy of the model with a made-up
 * value, and the next point maximises the acquisition of that copy.
 */
class ConstantLiarTest {

  private static final Space SQUARE =
      Space.of(new RealDimension("u", 0, 1), new RealDimension("v", 0, 1));

  private static final NormalDistribution N = new NormalDistribution();

  /** A bowl-shaped posterior that records every fantasised observation it is handed. */
  private static final class RecordingModel implements SurrogateModel {

    final List<double[]> liedAt = new ArrayList<>();
    final List<Double> lies = new ArrayList<>();

    private final Surrogate bowl =
        new Surrogate() {
          @Override
          public Posterior posterior(double[] x, boolean withGradient) {
            return new Posterior(Math.pow(x[0] - 0.3, 2) + Math.pow(x[1] - 0.6, 2), 0.1);
          }

          @Override
          public boolean hasGradient() {
            return false;
          }
        };

    @Override
    public Surrogate update(List<double[]> x, double[] y) {
      return bowl;
    }

    @Override
    public Fantasy fantasize() {
      return new Fantasy() {
        @Override
        public void add(double[] x, double y) {
          liedAt.add(x.clone());
          lies.add(y);
        }

        @Override
        public Posterior posterior(double[] x, boolean withGradient) {
          return bowl.posterior(x, withGradient);
        }

        @Override
        public boolean hasGradient() {
          return false;
        }
      };
    }

    @Override
    public Map<String, Object> describe() {
      return Map.of("model", "recording");
    }
  }

  @ParameterizedTest
  @CsvSource({"cl_min, 1.0", "cl_mean, 4.0", "cl_max, 8.0"})
  void shouldLieAtPendingAndBatchedPointsWhenAskingABatch(String liar, double lie) {
    // Given four observations (min 1, mean 4, max 8) and one pending point
    RecordingModel model = new RecordingModel();
    var options =
        BayesianOptimizer.Options.defaults(5)
            .withAcqFunc("EI")
            .withInitial(0, "random")
            .withLiar(liar)
            .withWarp(false); // the lies are checked in the objective's own units
    BayesianOptimizer opt = new BayesianOptimizer(SQUARE, options, () -> model);
    double[] ys = {3.0, 1.0, 4.0, 8.0};
    for (int i = 0; i < ys.length; i++) {
      opt.tell(Map.of("u", 0.1 + 0.2 * i, "v", 0.9), ys[i]);
    }
    Map<String, Object> pending = Map.of("u", 0.5, "v", 0.5);
    opt.addPending(pending);
    // When
    List<Map<String, Object>> batch = opt.ask(3);
    // Then the model copy was told the lie at the pending point and at every batch point but the
    // last, in that order
    List<double[]> expectedAt =
        List.of(SQUARE.toUnit(pending), SQUARE.toUnit(batch.get(0)), SQUARE.toUnit(batch.get(1)));
    assertThat(model.liedAt).hasSameSizeAs(expectedAt);
    for (int i = 0; i < expectedAt.size(); i++) {
      assertThat(model.liedAt.get(i))
          .as("lie %d", i)
          .containsExactly(expectedAt.get(i), within(1e-12));
    }
    assertThat(model.lies).containsOnly(lie);
  }

  /** Branin–Hoo on [-5, 10] x [0, 15]. */
  private static double branin(Map<String, Object> p) {
    double x1 = (Double) p.get("x1");
    double x2 = (Double) p.get("x2");
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  /** Expected improvement in closed form (Jones, Schonlau &amp; Welch 1998, eq. 15). */
  private static double expectedImprovement(Posterior p, double best, double xi) {
    double improvement = best - xi - p.mean();
    if (!(p.std() > 0)) {
      return Math.max(improvement, 0);
    }
    double z = improvement / p.std();
    return improvement * N.cumulativeProbability(z) + p.std() * N.density(z);
  }

  @Test
  void shouldMaximiseAcquisitionOfTheLiedModelWhenAskingSecondPointOfBatch() {
    // Given a GP optimizer with EI after ten evaluations of Branin
    Space space = Space.of(new RealDimension("x1", -5, 10), new RealDimension("x2", 0, 15));
    var options =
        BayesianOptimizer.Options.defaults(11)
            .withAcqFunc("EI")
            .withXi(0.01)
            .withInitial(6, "sobol")
            .withLiar("cl_min");
    BayesianOptimizer opt = Optimizers.gp(space, options);
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Map<String, Object> p = opt.ask();
      double v = branin(p);
      opt.tell(p, v);
      x.add(space.toUnit(p));
      y.add(v);
    }
    double best = y.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    // When asking for two points at once
    List<Map<String, Object>> batch = opt.ask(2);
    double[] first = space.toUnit(batch.get(0));
    double[] second = space.toUnit(batch.get(1));
    // Then, rebuilt independently, a GP with the fitted hyperparameters that also believes the
    // lie y* at the first point ...
    Map<String, Object> fitted = opt.describeModel();
    @SuppressWarnings("unchecked")
    List<Double> lengthScales = (List<Double>) fitted.get("lengthScales");
    double[] theta = {
      Math.log((Double) fitted.get("amplitude")),
      Math.log(lengthScales.get(0)),
      Math.log(lengthScales.get(1)),
      Math.log((Double) fitted.get("noise"))
    };
    List<double[]> liedX = new ArrayList<>(x);
    liedX.add(first);
    double[] values = y.stream().mapToDouble(Double::doubleValue).toArray();
    double[] liedY = Arrays.copyOf(values, values.length + 1);
    liedY[values.length] = best; // cl_min
    GaussianProcess lied = GaussianProcess.fit(liedX, liedY, theta);
    double xi = options.xi();
    // ... expects less than half the improvement at the first point that the model without the
    // lie expects there (the posterior std keeps a floor of the fitted noise, so not zero),
    GaussianProcess plain = GaussianProcess.fit(x, values, theta);
    assertThat(expectedImprovement(lied.posterior(first), best, xi))
        .isLessThan(0.5 * expectedImprovement(plain.posterior(first), best, xi));
    // ... and the second point is where its expected improvement is largest: no random point
    // does more than 10% better
    double atSecond = expectedImprovement(lied.posterior(second), best, xi);
    SplittableRandom rng = new SplittableRandom(12);
    double bestRandom = 0;
    for (int i = 0; i < 4096; i++) {
      double[] c = {rng.nextDouble(), rng.nextDouble()};
      bestRandom = Math.max(bestRandom, expectedImprovement(lied.posterior(c), best, xi));
    }
    assertThat(atSecond).isGreaterThan(0).isGreaterThanOrEqualTo(0.9 * bestRandom);
    // ... so it keeps away from the first point instead of crowding it
    assertThat(Math.hypot(second[0] - first[0], second[1] - first[1])).isGreaterThan(0.05);
  }
}
