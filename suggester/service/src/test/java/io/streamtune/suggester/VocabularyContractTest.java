package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.optimizer.BayesianOptimizer;
import io.streamtune.optimizer.OptimizerSettings;
import io.streamtune.optimizer.Optimizers;
import io.streamtune.optimizer.design.InitialDesign;
import io.streamtune.optimizer.space.IntegerDimension;
import io.streamtune.optimizer.space.RealDimension;
import io.streamtune.optimizer.space.Space;
import io.streamtune.spec.SpecVocabulary;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The spec's words for the optimizer and the words the optimizer accepts are one list: every name a
 * spec may use builds an optimizer, and any other name is an error from the optimizer, never a
 * silent fallback to something else. This module sees both sides, so the contract lives here.
 */
class VocabularyContractTest {

  private static final Space SPACE =
      Space.of(new RealDimension("x", 0, 1), new IntegerDimension("k", 1, 3));

  private static OptimizerSettings settings(String algorithm, String acqFunc, String design) {
    return new OptimizerSettings(algorithm, acqFunc, 3, design, 1, List.of(), 10);
  }

  @Test
  void shouldUseTheOptimizersNamesWhenSpecListsItsVocabulary() {
    assertThat(SpecVocabulary.ALGORITHMS)
        .containsExactlyInAnyOrderElementsOf(Optimizers.ALGORITHMS);
    assertThat(SpecVocabulary.ACQUISITIONS)
        .containsExactlyInAnyOrderElementsOf(BayesianOptimizer.ACQUISITIONS);
    assertThat(SpecVocabulary.INITIAL_DESIGNS)
        .containsExactlyInAnyOrderElementsOf(InitialDesign.NAMES);
  }

  @Test
  void shouldBuildAnOptimizerWhenSpecUsesAnyOfItsWords() {
    for (String algorithm : SpecVocabulary.ALGORITHMS) {
      for (String acqFunc : SpecVocabulary.ACQUISITIONS) {
        for (String design : SpecVocabulary.INITIAL_DESIGNS) {
          assertThatCode(() -> Optimizers.create(SPACE, settings(algorithm, acqFunc, design)))
              .as("%s / %s / %s", algorithm, acqFunc, design)
              .doesNotThrowAnyException();
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "tpe, EI, random, algorithm 'tpe' is not available",
    "GP, EI, random, algorithm 'GP' is not available",
    "'', EI, random, algorithm '' is not available",
    "gp, UCB, random, acqFunc 'UCB' is not available",
    "forest, ei, random, acqFunc 'ei' is not available",
    "random, EIx, random, acqFunc 'EIx' is not available",
    "grid, gp-hedge, random, acqFunc 'gp-hedge' is not available",
    "gp, EI, halton, initialDesign 'halton' is not available",
    "random, EI, Sobol, initialDesign 'Sobol' is not available"
  })
  void shouldBeAnErrorFromTheOptimizerWhenNameIsOutsideTheVocabulary(
      String algorithm, String acqFunc, String design, String reason) {
    // Given a name no spec may use, as a record from another producer could carry
    assertThat(
            SpecVocabulary.ALGORITHMS.contains(algorithm)
                && SpecVocabulary.ACQUISITIONS.contains(acqFunc)
                && SpecVocabulary.INITIAL_DESIGNS.contains(design))
        .isFalse();
    // When / Then the optimizer refuses it, naming the name and the choices
    assertThatThrownBy(() -> Optimizers.create(SPACE, settings(algorithm, acqFunc, design)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason)
        .hasMessageContaining("use one of");
  }
}
