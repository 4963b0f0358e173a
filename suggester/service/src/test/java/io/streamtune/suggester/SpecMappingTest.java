package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.StudySpec;
import io.streamtune.optimizer.OptimizerSettings;
import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.spec.StudySpecParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.util.Utf8;
import org.junit.jupiter.api.Test;

class SpecMappingTest {

  private static final StudySpec SPEC =
      StudySpecParser.parse(
          """
      study: mapping
      objective: {name: command, options: {cmd: ./train}} # any parameters
      n_trials: 25
      space:
        layers: {type: integer, low: 1, high: 8}
        x1: {type: real, low: -5, high: 10}
        lr: {type: real, low: 1e-5, high: 1e-1, prior: log-uniform}
        act: {type: categorical, values: [relu, tanh]}
      algorithm:
        name: forest
        acq_func: LCB
        n_initial_points: 4
        initial_design: lhs
        seed: 99
        x0:
          - {layers: 2, x1: 0.0, lr: 0.001, act: relu}
      """);

  @Test
  void shouldMapEveryDimensionTypeWhenSpaceIsBuilt() {
    // When
    Space space = SpecMapping.space(SPEC);
    // Then each wire dimension becomes the matching optimizer dimension, in spec order
    assertThat(space.dimensions())
        .containsExactly(
            new IntegerDimension("layers", 1, 8),
            new RealDimension("x1", -5, 10, RealDimension.Prior.UNIFORM),
            new RealDimension("lr", 1e-5, 1e-1, RealDimension.Prior.LOG_UNIFORM),
            new CategoricalDimension("act", List.of("relu", "tanh")));
  }

  @Test
  void shouldCarryAlgorithmOptionsAndBudgetWhenSettingsAreBuilt() {
    // When
    OptimizerSettings s = SpecMapping.settings(SPEC);
    // Then
    assertThat(s.algorithm()).isEqualTo("forest");
    assertThat(s.acqFunc()).isEqualTo("LCB");
    assertThat(s.nInitialPoints()).isEqualTo(4);
    assertThat(s.initialDesign()).isEqualTo("lhs");
    assertThat(s.seed()).isEqualTo(99L);
    assertThat(s.budget()).isEqualTo(25);
    assertThat(s.x0()).containsExactly(Map.of("layers", 2L, "x1", 0.0, "lr", 0.001, "act", "relu"));
    SpecMapping.space(SPEC).validate(s.x0().get(0));
  }

  @Test
  void shouldConvertAvroStringsWhenPointIsCopied() {
    // Given a map as Avro may decode it, with Utf8 values
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("act", new Utf8("tanh"));
    wire.put("layers", 3L);
    // When
    Map<String, Object> p = SpecMapping.point(wire);
    // Then
    assertThat(p.get("act")).isInstanceOf(String.class).isEqualTo("tanh");
    assertThat(p.get("layers")).isEqualTo(3L);
  }

  @Test
  void shouldOrderByDimensionsWhenWireMapIsUnordered() {
    // Given
    Map<String, Object> wire = new LinkedHashMap<>();
    wire.put("act", "relu");
    wire.put("lr", 0.01);
    wire.put("x1", 1.0);
    wire.put("layers", 5L);
    // When
    Map<String, Object> p = SpecMapping.ordered(SpecMapping.space(SPEC), wire);
    // Then
    assertThat(p.keySet()).containsExactly("layers", "x1", "lr", "act");
    assertThat(p).containsEntry("layers", 5L).containsEntry("act", "relu");
  }
}
