package io.streamtune.trainer.objective.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.trainer.objective.Contexts;
import io.streamtune.trainer.objective.ObjectiveResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MlpMnistObjectiveTest {

  private static final Map<String, Object> DEFAULTS =
      Map.of(
          "learning_rate",
          1e-3,
          "num_dense_layers",
          1L,
          "num_input_nodes",
          64L,
          "num_dense_nodes",
          13L,
          "activation",
          "relu",
          "batch_size",
          64L,
          "adam_decay",
          1e-3);

  @Test
  void shouldReportFiniteAccuracyEachEpochWhenTrainedTwoEpochsOnASubsample() throws Exception {
    // Given a tiny subsample and a 2-epoch budget
    Contexts.Recorder recorder = new Contexts.Recorder();
    var ctx =
        Contexts.of(
            DEFAULTS,
            Map.of("train_size", "1000", "validation_size", "500", "test_size", "500"),
            2,
            recorder);

    // When
    ObjectiveResult result = new MlpMnistObjective().run(ctx);

    // Then
    assertThat(recorder.values).hasSize(2).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    assertThat(result.epochsRun()).isEqualTo(2);
    assertThat(result.stopped()).isFalse();
    assertThat(result.value()).isEqualTo(recorder.values.get(1)).isGreaterThan(0.5);
    assertThat(result.extraMetrics().get("test_accuracy")).isGreaterThan(0.5);
  }

  @Test
  void shouldStopAfterTheEpochWhenReportAsksToStop() throws Exception {
    // Given a sink that asks to stop after epoch 1 of 3
    Contexts.Recorder recorder = new Contexts.Recorder();
    recorder.stopAfterEpoch = 1;
    var ctx =
        Contexts.of(
            Map.of(
                "learning_rate",
                1e-3,
                "num_dense_layers",
                2L,
                "num_input_nodes",
                16L,
                "num_dense_nodes",
                8L,
                "activation",
                "sigmoid",
                "batch_size",
                32L,
                "adam_decay",
                1e-6),
            Map.of(
                "train_size", "500", "validation_size", "200", "test_size", "200", "epochs", "0"),
            3,
            recorder);

    // When
    ObjectiveResult result = new MlpMnistObjective().run(ctx);

    // Then
    assertThat(result.stopped()).isTrue();
    assertThat(result.epochsRun()).isEqualTo(1);
    assertThat(recorder.values).hasSize(1);
    assertThat(result.extraMetrics()).isEmpty();
  }
}
