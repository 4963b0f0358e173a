package io.streamtune.optimizer.design;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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

  @Test
  void shouldBalanceHalvesWhenUsingSobol() {
    // Any 2^k consecutive Sobol' points (shifted mod 1) put 2^(k-1) in each half of every
    // coordinate.
    List<double[]> pts = InitialDesign.sobol(4, 16, new SplittableRandom(3));
    for (int j = 0; j < 4; j++) {
      final int jj = j;
      double shiftless = pts.stream().filter(p -> p[jj] < 0.5).count();
      assertThat(shiftless).isBetween(7.0, 9.0);
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
