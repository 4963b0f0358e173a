package io.streamtune.trainer.objective.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.trainer.objective.Contexts;
import io.streamtune.trainer.objective.ObjectiveResult;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LstmStockObjectiveTest {

  /** The defaults (the study's x0). */
  private static final Map<String, Object> DEFAULTS =
      Map.of(
          "lstm_num_steps",
          2L,
          "size",
          128L,
          "lstm_init_epoch",
          3L,
          "lstm_max_epoch",
          30L,
          "lstm_learning_rate_decay",
          0.99,
          "lstm_batch_size",
          64L,
          "lstm_dropout_rate",
          0.2,
          "lstm_init_learning_rate",
          0.001);

  @Test
  void shouldReportFiniteRmseEachEpochWhenTrainedTwoEpochsOnRecentDays() throws Exception {
    // Given the default point, 600 recent days and a study cap of 2 epochs
    Contexts.Recorder recorder = new Contexts.Recorder();
    var ctx = Contexts.of(DEFAULTS, Map.of("rows", "600"), 2, recorder);

    // When
    ObjectiveResult result = new LstmStockObjective().run(ctx);

    // Then
    assertThat(recorder.values).hasSize(2).allSatisfy(v -> assertThat(v).isFinite().isPositive());
    assertThat(result.epochsRun()).isEqualTo(2);
    assertThat(result.value()).isEqualTo(recorder.values.get(1));
    assertThat(result.extraMetrics())
        .containsKeys(
            "test_rmse",
            "test_rmse_close",
            "test_rmse_volume",
            "test_naive_rmse_close",
            "val_rmse_close",
            "val_naive_rmse_close");
    assertThat(result.extraMetrics().get("test_rmse_close")).isFinite().isPositive();
    // the last epoch's validation metric is the scaled validation RMSE reported at the end
    assertThat(result.extraMetrics().get("val_rmse")).isCloseTo(result.value(), within(1e-6));
  }

  @Test
  void shouldScaleTheEpochBudgetWhenEpochScaleIsSet() throws Exception {
    // Given lstm_max_epoch 20 at scale 0.1 (2 epochs) under a study cap of 5
    Contexts.Recorder recorder = new Contexts.Recorder();
    var params = new HashMap<>(DEFAULTS);
    params.put("lstm_max_epoch", 20L);
    params.put("size", 8L);
    var ctx = Contexts.of(params, Map.of("rows", "300", "epoch_scale", "0.1"), 5, recorder);

    // When
    ObjectiveResult result = new LstmStockObjective().run(ctx);

    // Then
    assertThat(result.epochsRun()).isEqualTo(2);
    assertThat(recorder.values).hasSize(2);
  }

  @Test
  void shouldReportLevelRmseWhenTheNetworkLearnsDayOverDayChanges() throws Exception {
    Contexts.Recorder recorder = new Contexts.Recorder();
    var ctx = Contexts.of(DEFAULTS, Map.of("rows", "600", "target", "change"), 2, recorder);

    ObjectiveResult result = new LstmStockObjective().run(ctx);

    assertThat(recorder.values).hasSize(2).allSatisfy(v -> assertThat(v).isFinite().isPositive());
    assertThat(result.extraMetrics().get("val_rmse")).isCloseTo(result.value(), within(1e-6));
  }

  @Test
  void shouldNameTheOptionWhenTargetIsUnknown() {
    var ctx =
        Contexts.of(
            DEFAULTS, Map.of("rows", "300", "target", "returns"), 1, new Contexts.Recorder());

    assertThatThrownBy(() -> new LstmStockObjective().run(ctx))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'target'")
        .hasMessageContaining("level or change");
  }
}
