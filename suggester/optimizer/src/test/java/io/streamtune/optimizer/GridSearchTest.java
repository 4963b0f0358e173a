package io.streamtune.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GridSearchTest {

  private static final Space SPACE =
      Space.of(new RealDimension("a", 0, 1), new CategoricalDimension("c", List.of("x", "y")));

  /** The points with {@code a} in {@code as}, each with both categories, {@code c} fastest. */
  private static List<Map<String, Object>> pointsAt(double... as) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (double a : as) {
      out.add(Map.of("a", a, "c", "x"));
      out.add(Map.of("a", a, "c", "y"));
    }
    return out;
  }

  @Test
  void shouldVisitWholeGridInOrderWhenBudgetFits() {
    // Given a budget of 10: five levels of a (both ends included) times two categories
    Optimizer grid =
        Optimizers.create(
            SPACE, new OptimizerSettings("grid", "EI", 0, "random", 1, List.of(), 10));
    // When
    List<Map<String, Object>> pts = grid.ask(10);
    // Then every grid point, in lexicographic order with the last dimension fastest
    assertThat(pts).containsExactlyElementsOf(pointsAt(0.0, 0.25, 0.5, 0.75, 1.0));
  }

  @Test
  void shouldRefineWithoutRepeatsWhenGridIsUsedUp() {
    // Given the 3-level grid a in {0, 1/2, 1} that a budget of 6 fits
    GridSearch grid = new GridSearch(SPACE, 6, 1, List.of());
    // When asking past its end, one point at a time
    List<Map<String, Object>> pts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Map<String, Object> p = grid.ask();
      grid.tell(p, 0.0);
      pts.add(p);
    }
    // Then each refinement to 2L - 1 levels halves the spacing and visits only the new levels
    List<Map<String, Object>> expected = new ArrayList<>();
    expected.addAll(pointsAt(0.0, 0.5, 1.0)); // L = 3
    expected.addAll(pointsAt(0.25, 0.75)); // L = 5
    expected.addAll(pointsAt(0.125, 0.375, 0.625, 0.875)); // L = 9
    expected.addAll(pointsAt(0.0625)); // L = 17, first of its new points
    assertThat(pts).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldSampleAcrossGridWhenGridExceedsBudget() {
    // Given a budget of 5, below the coarsest grid: the 8 corners of {0, 9}^3
    Space big =
        Space.of(
            new IntegerDimension("a", 0, 9),
            new IntegerDimension("b", 0, 9),
            new IntegerDimension("c", 0, 9));
    GridSearch grid = new GridSearch(big, 5, 3, List.of());
    // When
    List<Map<String, Object>> pts = grid.ask(5);
    // Then five distinct corners, not the five that lexicographic order starts with
    assertThat(grid.gridSize()).isEqualTo(8);
    assertThat(new HashSet<>(pts)).hasSize(5);
    assertThat(pts)
        .allSatisfy(p -> assertThat(p.values()).allSatisfy(v -> assertThat(v).isIn(0L, 9L)));
    assertThat(pts)
        .isNotEqualTo(
            List.of(
                Map.of("a", 0L, "b", 0L, "c", 0L),
                Map.of("a", 0L, "b", 0L, "c", 9L),
                Map.of("a", 0L, "b", 9L, "c", 0L),
                Map.of("a", 0L, "b", 9L, "c", 9L),
                Map.of("a", 9L, "b", 0L, "c", 0L)));
  }

  @Test
  void shouldFallBackToRandomWhenDiscreteSpaceIsExhausted() {
    // Given a two-point space whose grid is used up
    Space tiny = Space.of(new CategoricalDimension("c", List.of("x", "y")));
    GridSearch grid = new GridSearch(tiny, 0, 1, List.of());
    assertThat(grid.ask(2)).containsExactly(Map.of("c", "x"), Map.of("c", "y"));
    // When asking again
    List<Map<String, Object>> more = grid.ask(3);
    // Then the points repeat members of the space instead of failing
    assertThat(more)
        .hasSize(3)
        .allSatisfy(p -> assertThat(p).isIn(Map.of("c", "x"), Map.of("c", "y")));
  }
}
