package io.streamtune.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.optimizer.Minimize;
import io.streamtune.optimizer.OptimizeResult;
import io.streamtune.optimizer.OptimizerSettings;
import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizeResultJsonTest {

  private static final Space MIXED =
      Space.of(
          new RealDimension("lr", 1e-4, 1e-1, RealDimension.Prior.LOG_UNIFORM),
          new IntegerDimension("layers", 1, 4),
          new CategoricalDimension("act", List.of("relu", "tanh", "gelu")));

  private static double objective(Map<String, Object> p) {
    double lr = Math.log10((Double) p.get("lr")) + 2;
    long layers = (Long) p.get("layers");
    return lr * lr + 0.3 * (layers - 3) * (layers - 3) + ("tanh".equals(p.get("act")) ? 0 : 0.5);
  }

  @Test
  void shouldRoundTripThroughJsonWhenResultIsSerialised() {
    // Given a finished forest run over a mixed space
    OptimizeResult r =
        Minimize.minimize(
            OptimizeResultJsonTest::objective,
            MIXED,
            new Minimize.Options(
                8, new OptimizerSettings("forest", "EI", 4, "random", 2, List.of())));

    // When it goes to JSON and back
    OptimizeResult back = OptimizeResultJson.fromJson(OptimizeResultJson.toJson(r));

    // Then nothing is lost
    assertThat(back.fun()).isEqualTo(r.fun());
    assertThat(back.funcVals()).isEqualTo(r.funcVals());
    assertThat(back.x().get("act")).isEqualTo(r.x().get("act"));
    assertThat(back.space()).hasSize(3);
  }
}
