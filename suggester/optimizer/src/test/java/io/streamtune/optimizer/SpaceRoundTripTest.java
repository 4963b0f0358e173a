package io.streamtune.optimizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpaceRoundTripTest {

  private static final Space SPACE =
      Space.of(
          new RealDimension("u", -3, 7),
          new RealDimension("l", 1e-5, 10, RealDimension.Prior.LOG_UNIFORM),
          new IntegerDimension("i", -2, 9),
          new IntegerDimension("batch", 8, 1024, true),
          new CategoricalDimension("c", List.of("a", "b", "c", "d")));

  @Test
  void shouldRecoverPointWhenEncodingThenDecoding() {
    SplittableRandom rng = new SplittableRandom(1);
    for (int k = 0; k < 2000; k++) {
      Map<String, Object> p = SPACE.sample(rng);
      Map<String, Object> back = SPACE.fromUnit(SPACE.toUnit(p));
      assertThat(back.get("i")).isEqualTo(p.get("i"));
      assertThat(back.get("c")).isEqualTo(p.get("c"));
      assertThat((Double) back.get("u")).isCloseTo((Double) p.get("u"), within(1e-12));
      assertThat((Double) back.get("l") / (Double) p.get("l")).isCloseTo(1.0, within(1e-12));
      SPACE.validate(back);
    }
  }

  @Test
  void shouldDecodeToValidPointWhenUnitVectorIsArbitrary() {
    SplittableRandom rng = new SplittableRandom(2);
    for (int k = 0; k < 2000; k++) {
      double[] u = new double[SPACE.unitSize()];
      for (int j = 0; j < u.length; j++) {
        u[j] = rng.nextDouble(-0.2, 1.2); // also outside the cube: decoding clips
      }
      Map<String, Object> p = SPACE.fromUnit(u);
      SPACE.validate(p);
      // snapping is idempotent: decode(encode(decode(u))) == decode(u)
      assertThat(SPACE.fromUnit(SPACE.toUnit(p))).isEqualTo(p);
    }
  }

  @Test
  void shouldStayInUnitCubeWhenEncodingSamples() {
    SplittableRandom rng = new SplittableRandom(3);
    for (int k = 0; k < 1000; k++) {
      for (double v : SPACE.toUnit(SPACE.sample(rng))) {
        assertThat(v).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void shouldSpreadDrawsEvenlyInTheLogarithmWhenAnIntegerIsLogUniform() {
    IntegerDimension batch = new IntegerDimension("batch", 8, 1024, true);
    SplittableRandom rng = new SplittableRandom(4);
    int below64 = 0;
    for (int k = 0; k < 4000; k++) {
      below64 += (Long) batch.sample(rng) < 64 ? 1 : 0;
    }
    // log(63.5/7.5) / log(1024.5/7.5) = 0.434 of the draws, where a uniform prior gives 0.055
    assertThat(below64 / 4000.0).isCloseTo(0.434, within(0.03));
    double[] u = new double[1];
    for (long v : new long[] {8, 9, 100, 1023, 1024}) {
      batch.toUnit(v, u, 0);
      assertThat(batch.fromUnit(u, 0)).isEqualTo(v);
    }
  }
}
