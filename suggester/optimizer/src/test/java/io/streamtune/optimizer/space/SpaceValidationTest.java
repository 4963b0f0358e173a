package io.streamtune.optimizer.space;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpaceValidationTest {

  private static final Space SPACE =
      Space.of(
          new IntegerDimension("layers", 1, 4),
          new RealDimension("lr", 1e-4, 0.1, RealDimension.Prior.LOG_UNIFORM),
          new CategoricalDimension("act", List.of("relu", "tanh")));

  @Test
  void shouldAcceptPointWhenEveryValueFits() {
    assertThatCode(() -> SPACE.validate(Map.of("layers", 4L, "lr", 1e-4, "act", "relu")))
        .doesNotThrowAnyException();
  }

  @Test
  void shouldNameEachDimensionAndItsProblemWhenPointDoesNotFit() {
    // Given a point with one problem of each kind
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("layers", 3.5);
    point.put("lr", Double.NaN);
    point.put("depth", 2L);
    // When / Then every problem is reported under its dimension's name
    assertThatThrownBy(() -> SPACE.validate(point))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("layers: must be a whole number (Long) but was '3.5' (Double)")
        .hasMessageContaining("lr: must be in [1.0E-4, 0.1] but was NaN")
        .hasMessageContaining("act: missing")
        .hasMessageContaining("depth: not a dimension of this space");
  }

  @Test
  void shouldTakeAnyIntegralNumberAsALongWhenPointIsMadeCanonical() {
    Map<String, Object> point = new LinkedHashMap<>();
    point.put("act", "relu");
    point.put("lr", 0.01f);
    point.put("layers", 3);
    assertThat(SPACE.canonical(point))
        .containsExactly(entry("layers", 3L), entry("lr", (double) 0.01f), entry("act", "relu"));
    assertThat(SPACE.canonical(Map.of("layers", (short) 2, "lr", 0.05, "act", "tanh")))
        .containsEntry("layers", 2L);
  }
}
