package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.trainer.objective.ObjectiveRegistry;
import io.streamtune.trainer.objective.command.CommandObjective;
import org.junit.jupiter.api.Test;

class BuiltinObjectivesTest {

  @Test
  void shouldRefuseCommandWithHowToAllowItWhenTheTrainerDidNotOptIn() {
    // Given the default registry
    ObjectiveRegistry registry = BuiltinObjectives.registry();

    // When / Then
    assertThatThrownBy(() -> registry.create("command"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--allow-command");
    assertThatThrownBy(() -> BuiltinObjectives.registry(false).create("command"))
        .hasMessageContaining("--allow-command");
  }

  @Test
  void shouldCreateCommandWhenTheTrainerOptedIn() {
    assertThat(BuiltinObjectives.registry(true).create("command"))
        .isInstanceOf(CommandObjective.class);
  }

  @Test
  void shouldOfferTheDeepLearningObjectivesWhenBuiltIn() {
    assertThat(BuiltinObjectives.registry().names())
        .contains("branin", "hartmann6", "mlp-mnist", "lstm-stock", "cnn-peptides", "command");
  }
}
