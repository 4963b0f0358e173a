package io.streamtune.trainer.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.trainer.objective.command.CommandObjective;
import org.junit.jupiter.api.Test;

class ObjectiveRegistryTest {

  @Test
  void shouldRefuseCommandWithHowToAllowItWhenTheTrainerDidNotOptIn() {
    // Given the default registry
    ObjectiveRegistry registry = ObjectiveRegistry.withBuiltins();

    // When / Then
    assertThatThrownBy(() -> registry.create("command")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("--allow-command");
    assertThatThrownBy(() -> ObjectiveRegistry.withBuiltins(false).create("command"))
        .hasMessageContaining("--allow-command");
  }

  @Test
  void shouldCreateCommandWhenTheTrainerOptedIn() {
    assertThat(ObjectiveRegistry.withBuiltins(true).create("command")).isInstanceOf(CommandObjective.class);
  }

  @Test
  void shouldOfferTheDeepLearningObjectivesWhenBuiltIn() {
    assertThat(ObjectiveRegistry.withBuiltins().names())
        .contains("branin", "hartmann6", "mlp-mnist", "lstm-stock", "cnn-peptides", "command");
  }
}
