package io.streamtune.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.optimizer.acquisition.Acquisition;
import io.streamtune.optimizer.acquisition.AcquisitionOptimizer;
import io.streamtune.optimizer.acquisition.LowerConfidenceBound;
import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Pending points as the library documents them, and the batches built on them. */
class PendingAndBatchTest {

  static final Space HARTMANN_LIKE =
      Space.of(
          new RealDimension("a", 0, 1),
          new RealDimension("b", 0, 1),
          new RealDimension("c", 1e-4, 1, RealDimension.Prior.LOG_UNIFORM),
          new IntegerDimension("d", 1, 40),
          new CategoricalDimension("e", List.of("x", "y", "z")),
          new RealDimension("f", -3, 2));

  static double bowl(Map<String, Object> p) {
    double a = (Double) p.get("a") - 0.31;
    double b = (Double) p.get("b") - 0.77;
    double c = Math.log10((Double) p.get("c")) + 2.5;
    double d = ((Long) p.get("d") - 23) / 40.0;
    double f = (Double) p.get("f") - 0.4;
    double e = p.get("e").equals("y") ? 0 : 0.3;
    return a * a + b * b + 0.1 * c * c + d * d + 0.05 * f * f + e;
  }

  @Test
  void shouldLeaveNoPendingPointWhenARepairedVersionOfTheAskedPointIsTold() {
    Optimizer opt = Optimizers.create(HARTMANN_LIKE, OptimizerSettings.gp(3));
    for (int i = 0; i < 12; i++) {
      Map<String, Object> asked = new LinkedHashMap<>(opt.ask());
      asked.put("a", Math.round((Double) asked.get("a") * 10) / 10.0); // the caller rounds
      asked.put("d", ((Long) asked.get("d")).intValue()); // and hands back an Integer
      opt.tell(asked, bowl(HARTMANN_LIKE.canonical(asked)));
    }
    assertThat(((BaseOptimizer) opt).log().pending()).isEmpty();
    assertThat(((BaseOptimizer) opt).log().size()).isEqualTo(12);
  }

  @Test
  void shouldKeepRegisteredPendingPointsWhenAnUnaskedPointIsTold() {
    Optimizer opt = Optimizers.create(HARTMANN_LIKE, OptimizerSettings.gp(3));
    Map<String, Object> running = HARTMANN_LIKE.sample(new SplittableRandom(1));
    opt.addPending(running);
    opt.tell(HARTMANN_LIKE.sample(new SplittableRandom(2)), 1.0);
    assertThat(((BaseOptimizer) opt).log().pending()).containsExactly(running);
  }

  @Test
  void shouldSpreadEveryBatchAndRepeatItWhenSeedIsTheSame() {
    List<List<Map<String, Object>>> runs = new ArrayList<>();
    for (int run = 0; run < 2; run++) {
      Optimizer opt = Optimizers.create(HARTMANN_LIKE, OptimizerSettings.gp(17));
      List<Map<String, Object>> asked = new ArrayList<>();
      for (int round = 0; round < 8; round++) {
        List<Map<String, Object>> batch = opt.ask(4);
        // no two points of a batch, nor a point and a pending one, closer than the tolerance
        List<double[]> units = new ArrayList<>();
        batch.forEach(p -> units.add(HARTMANN_LIKE.toUnit(p)));
        for (int i = 0; i < units.size(); i++) {
          for (int j = 0; j < i; j++) {
            assertThat(distance(units.get(i), units.get(j)))
                .isGreaterThanOrEqualTo(BayesianOptimizer.MIN_DISTANCE);
          }
        }
        // two finish, two stay pending into the next round
        for (int i = 0; i < batch.size(); i++) {
          if (round == 7 || i < 2) {
            opt.tell(batch.get(i), bowl(batch.get(i)));
          }
        }
        asked.addAll(batch);
      }
      runs.add(asked);
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
  }

  @Test
  void shouldRepeatAPointWithoutFailingWhenNothingIsPolishedAndTheSpaceIsTaken() {
    Space two = Space.of(new IntegerDimension("k", 1, 2));
    AcquisitionOptimizer search = new AcquisitionOptimizer(16, 0, 0, 1);
    Surrogate flat = new FlatSurrogate(0, 1);
    var proposals =
        search.maximise(
            flat,
            new Acquisition[] {new LowerConfidenceBound(1.96)},
            two,
            new SplittableRandom(1),
            p -> true); // every point taken, no incumbents to start from
    assertThat(proposals).singleElement().satisfies(p -> assertThat(p.point()).containsKey("k"));
  }

  private static double distance(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (a[i] - b[i]) * (a[i] - b[i]);
    }
    return Math.sqrt(s);
  }
}
