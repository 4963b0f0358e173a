package io.streamtune.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Prior;
import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The spec and the optimizer give one answer, in the same words, on whether a value fits. */
class ParamValuesTest {

  private static final Dimension LAYERS =
      wire("layers", DimensionType.INTEGER, 1, 4, Prior.UNIFORM, List.of());
  private static final Dimension LR =
      wire("lr", DimensionType.REAL, 1e-4, 0.1, Prior.LOG_UNIFORM, List.of());
  private static final Dimension ACT =
      wire("act", DimensionType.CATEGORICAL, 0, 0, Prior.UNIFORM, List.of("relu", "tanh"));

  /** The optimizer's dimensions for the same ranges, built directly rather than mapped. */
  private static final Function<Object, String> OWN_LAYERS =
      new IntegerDimension("layers", 1, 4)::check;

  private static final Function<Object, String> OWN_LR =
      new RealDimension("lr", 1e-4, 0.1, RealDimension.Prior.LOG_UNIFORM)::check;
  private static final Function<Object, String> OWN_ACT =
      new CategoricalDimension("act", List.of("relu", "tanh"))::check;

  private static Dimension wire(
      String name,
      DimensionType type,
      double low,
      double high,
      Prior prior,
      List<String> categories) {
    return Dimension.newBuilder()
        .setName(name)
        .setType(type)
        .setLow(low)
        .setHigh(high)
        .setPrior(prior)
        .setCategories(categories)
        .build();
  }

  static Stream<Arguments> values() {
    return Stream.of(
        // in range, bounds included
        Arguments.of(LAYERS, OWN_LAYERS, 2L, null),
        Arguments.of(LAYERS, OWN_LAYERS, 1L, null),
        Arguments.of(LAYERS, OWN_LAYERS, 4L, null),
        Arguments.of(LR, OWN_LR, 0.01, null),
        Arguments.of(LR, OWN_LR, 1e-4, null),
        Arguments.of(ACT, OWN_ACT, "tanh", null),
        // out of range
        Arguments.of(LAYERS, OWN_LAYERS, 9L, "must be in [1, 4] but was 9"),
        Arguments.of(LAYERS, OWN_LAYERS, 0L, "must be in [1, 4] but was 0"),
        Arguments.of(LR, OWN_LR, 0.5, "must be in [1.0E-4, 0.1] but was 0.5"),
        Arguments.of(LR, OWN_LR, Double.NaN, "must be in [1.0E-4, 0.1] but was NaN"),
        // wrong type
        Arguments.of(
            LAYERS, OWN_LAYERS, 2.0, "must be a whole number (Long) but was '2.0' (Double)"),
        Arguments.of(LAYERS, OWN_LAYERS, 2, "must be a whole number (Long) but was '2' (Integer)"),
        Arguments.of(
            LAYERS, OWN_LAYERS, "two", "must be a whole number (Long) but was 'two' (String)"),
        Arguments.of(LR, OWN_LR, 1L, "must be a number (Double) but was '1' (Long)"),
        Arguments.of(LR, OWN_LR, null, "must be a number (Double) but was null"),
        // categories
        Arguments.of(ACT, OWN_ACT, "gelu", "must be one of [relu, tanh] but was 'gelu'"),
        Arguments.of(ACT, OWN_ACT, "Tanh", "must be one of [relu, tanh] but was 'Tanh'"),
        Arguments.of(ACT, OWN_ACT, 1L, "must be one of [relu, tanh] but was '1' (Long)"));
  }

  @ParameterizedTest
  @MethodSource("values")
  void shouldAgreeWithOptimizerWhenCheckingValue(
      Dimension wire, Function<Object, String> own, Object value, String reason) {
    // When
    String fromSpec = ParamValues.check(wire, value);
    // Then the spec and the optimizer's own dimension give the same reason, and it is this one
    assertThat(fromSpec).isEqualTo(own.apply(value)).isEqualTo(reason);
  }
}
