package io.streamtune.bench;

import io.streamtune.optimizer.space.Dimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.trainer.objective.TestFunctions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The benchmark problems: the trainer's test functions (Surjanovic &amp; Bingham) over their
 * spaces.
 */
final class BenchProblems {

  /** A named objective over a space, with its known global minimum. */
  record Problem(
      String name, Space space, ToDoubleFunction<Map<String, Object>> f, double minimum) {}

  private BenchProblems() {}

  /** Branin–Hoo on [-5, 10] × [0, 15]; minimum 0.397887 at three points. */
  static Problem branin() {
    Space space = Space.of(new RealDimension("x1", -5, 10), new RealDimension("x2", 0, 15));
    return new Problem(
        "branin",
        space,
        p -> TestFunctions.branin((Double) p.get("x1"), (Double) p.get("x2")),
        0.39788735772973816);
  }

  /** Hartmann 6-D on [0, 1]^6; minimum -3.32237. */
  static Problem hartmann6() {
    List<Dimension> dims = new ArrayList<>();
    for (int j = 0; j < 6; j++) {
      dims.add(new RealDimension("x" + (j + 1), 0, 1));
    }
    return new Problem(
        "hartmann6",
        new Space(dims),
        p -> {
          double[] x = new double[6];
          for (int j = 0; j < 6; j++) {
            x[j] = (Double) p.get("x" + (j + 1));
          }
          return hartmann6(x);
        },
        -3.322368011391339);
  }

  /** The same functions the trainer's synthetic objectives use, so benchmark and demo agree. */
  static double hartmann6(double[] x) {
    return TestFunctions.hartmann6(x);
  }
}
