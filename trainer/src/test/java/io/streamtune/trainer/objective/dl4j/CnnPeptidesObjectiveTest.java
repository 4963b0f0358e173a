package io.streamtune.trainer.objective.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.trainer.objective.Contexts;
import io.streamtune.trainer.objective.ObjectiveResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CnnPeptidesObjectiveTest {

  @Test
  void shouldReportFiniteAucEachEpochWhenTrainedTwoEpochsOnASubsample() throws Exception {
    // Given a small network, 600 training sequences and a 2-epoch budget
    Contexts.Recorder recorder = new Contexts.Recorder();
    var ctx =
        Contexts.of(
            Map.of(
                "reg",
                1e-4,
                "dropout",
                0.1,
                "learning_rate",
                3e-3,
                "batch_size",
                32L,
                "filters",
                8L,
                "dense_units",
                32L),
            Map.of("train_size", "600"),
            2,
            recorder);

    // When
    ObjectiveResult result = new CnnPeptidesObjective().run(ctx);

    // Then
    assertThat(recorder.values).hasSize(2).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    assertThat(result.epochsRun()).isEqualTo(2);
    assertThat(result.value()).isEqualTo(recorder.values.get(1));
    assertThat(result.extraMetrics().get("test_auc")).isBetween(0.0, 1.0);
  }

  @Test
  void shouldKeepTheVocabularyAsEmbeddingInputWhenBuilt() {
    // Given
    var ctx =
        Contexts.of(
            Map.of(
                "reg",
                1e-4,
                "dropout",
                0.0,
                "learning_rate",
                1e-3,
                "batch_size",
                16L,
                "filters",
                8L,
                "dense_units",
                32L),
            Map.of(),
            1,
            new Contexts.Recorder());

    // When
    var net = CnnPeptidesObjective.build(ctx, 190);

    // Then the embedding table is vocabulary x 16, not 1 x 16
    assertThat(net.getLayer(0).getParam("W").shape()).containsExactly(21L, 16L);
  }

  @Test
  void shouldCutTheRateWhenTheMetricIsFlatForPatienceEpochs() {
    // Given patience 2 and factor 0.5
    var plateau = new CnnPeptidesObjective.Plateau(1e-3, 2, 0.5, 1e-6);

    // When the metric improves once, then stays flat for two epochs
    boolean first = plateau.observe(0.7);
    boolean flatOnce = plateau.observe(0.7);
    boolean flatTwice = plateau.observe(0.69);

    // Then the rate halves on the second flat epoch only
    assertThat(first).isFalse();
    assertThat(flatOnce).isFalse();
    assertThat(flatTwice).isTrue();
    assertThat(plateau.learningRate()).isEqualTo(5e-4);
  }
}
