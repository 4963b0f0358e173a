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

  @Test
  void shouldVisitWholeGridInOrderWhenBudgetFits() {
    Optimizer grid =
        Optimizers.create(
            SPACE, new OptimizerSettings("grid", "EI", 0, "random", 1, List.of(), 10));
    List<Map<String, Object>> pts = grid.ask(10);
    assertThat(pts.get(0)).isEqualTo(Map.of("a", 0.0, "c", "x"));
    assertThat(pts.get(1)).isEqualTo(Map.of("a", 0.0, "c", "y"));
    assertThat(pts.get(9)).isEqualTo(Map.of("a", 1.0, "c", "y"));
    assertThat(new HashSet<>(pts)).hasSize(10);
  }

  @Test
  void shouldRefineWithoutRepeatsWhenGridIsUsedUp() {
    GridSearch grid = new GridSearch(SPACE, 6, 1, List.of());
    List<Map<String, Object>> pts = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Map<String, Object> p = grid.ask();
      grid.tell(p, 0.0);
      pts.add(p);
    }
    assertThat(new HashSet<>(pts)).hasSize(20);
  }

  @Test
  void shouldSampleAcrossGridWhenGridExceedsBudget() {
    Space big =
        Space.of(
            new IntegerDimension("a", 0, 9),
            new IntegerDimension("b", 0, 9),
            new IntegerDimension("c", 0, 9));
    GridSearch grid = new GridSearch(big, 5, 3, List.of());
    List<Map<String, Object>> pts = grid.ask(5);
    // lexicographic order would keep a = 0 for the first 50 points
    assertThat(pts.stream().map(p -> p.get("a")).distinct().count()).isGreaterThan(1);
  }

  @Test
  void shouldFallBackToRandomWhenDiscreteSpaceIsExhausted() {
    Space tiny = Space.of(new CategoricalDimension("c", List.of("x", "y")));
    GridSearch grid = new GridSearch(tiny, 0, 1, List.of());
    assertThat(new HashSet<>(grid.ask(2))).hasSize(2);
    assertThat(grid.ask(1)).hasSize(1);
  }
}
