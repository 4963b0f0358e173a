package io.streamtune.optimizer.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class InitialDesignTest {

  private static final Space SPACE =
      Space.of(
          new RealDimension("a", 0, 1),
          new RealDimension("b", 0, 10),
          new IntegerDimension("k", 1, 5),
          new CategoricalDimension("c", List.of("x", "y")));

  @Test
  void shouldProduceValidPointsWhenUsingEveryDesign() {
    for (String kind : InitialDesign.NAMES) {
      List<Map<String, Object>> pts =
          InitialDesign.points(kind, SPACE, 12, new SplittableRandom(1));
      assertThat(pts).as(kind).hasSize(12);
      pts.forEach(SPACE::validate);
    }
  }

  @Test
  void shouldHitEveryStratumWhenUsingLatinHypercube() {
    int n = 20;
    List<double[]> pts = InitialDesign.lhs(3, n, new SplittableRandom(2));
    for (int j = 0; j < 3; j++) {
      var strata = new HashSet<Integer>();
      for (double[] p : pts) {
        strata.add((int) (p[j] * n));
      }
      assertThat(strata).hasSize(n);
    }
  }

  /**
   * The first points of the Sobol' sequence after the origin, in Gray-code order, for dimensions 1
   * to 4 with Joe &amp; Kuo's (2008) direction numbers ({@code new-joe-kuo-6.21201}: dimension 2
   * has s = 1, a = 0, m = [1]; 3 has s = 2, a = 1, m = [1, 3]; 4 has s = 3, a = 1, m = [1, 3, 1]),
   * computed from those numbers with the Bratley &amp; Fox (1988) recurrence, apart from
   * commons-math.
   */
  private static final double[][] JOE_KUO_FIRST_POINTS = {
    {0.5, 0.5, 0.5, 0.5},
    {0.75, 0.25, 0.25, 0.25},
    {0.25, 0.75, 0.75, 0.75},
    {0.375, 0.375, 0.625, 0.875},
    {0.875, 0.875, 0.125, 0.375},
    {0.625, 0.125, 0.875, 0.625},
    {0.125, 0.625, 0.375, 0.125},
    {0.1875, 0.3125, 0.9375, 0.4375},
  };

  @Test
  void shouldMatchPublishedSobolPointsWhenShiftIsZero() {
    // Given a generator whose every draw is 0, so the random shift is 0
    RandomGenerator zeros = () -> 0L;
    // When
    List<double[]> pts = InitialDesign.sobol(4, JOE_KUO_FIRST_POINTS.length, zeros);
    // Then the design is the raw sequence from its second point on
    assertThat(pts).containsExactly(JOE_KUO_FIRST_POINTS);
  }

  @Test
  void shouldPutOnePointInEachStratumWhenSobolIsShifted() {
    // Given the first 2^5 points of the sequence, less its origin, shifted mod 1 by the seed
    int strata = 32;
    List<double[]> pts = InitialDesign.sobol(4, strata - 1, new SplittableRandom(3));
    // Then in every coordinate no two points share a stratum of width 1/32: the 32 points of a
    // Sobol' block are one per stratum, and a shift mod 1 keeps them evenly spaced. Uniform
    // random points would collide (31 points in 32 strata without a collision: p ≈ 6e-12).
    for (int j = 0; j < 4; j++) {
      Set<Integer> occupied = new HashSet<>();
      for (double[] p : pts) {
        occupied.add((int) Math.floor(p[j] * strata));
      }
      assertThat(occupied).as("coordinate %d", j).hasSize(strata - 1);
    }
  }

  @Test
  void shouldBeDistinctWhenUsingGridDesign() {
    List<Map<String, Object>> pts =
        InitialDesign.points("grid", SPACE, 30, new SplittableRandom(4));
    assertThat(new HashSet<>(pts)).hasSize(30);
  }

  @Test
  void shouldContainCoarseGridWhenRefined() {
    Space s = Space.of(new RealDimension("a", 0, 1), new IntegerDimension("k", 0, 100));
    var coarse = Grid.axes(s, 3);
    var fine = Grid.axes(s, 5);
    assertThat(fine.get(0)).containsAll(coarse.get(0));
    assertThat(fine.get(1)).containsAll(coarse.get(1));
    assertThat(Grid.levelsFor(s, 30)).isEqualTo(5);
  }
}
