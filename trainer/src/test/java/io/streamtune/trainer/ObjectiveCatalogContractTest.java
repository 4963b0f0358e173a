package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.spec.ObjectiveCatalog;
import io.streamtune.trainer.objective.Contexts;
import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.ObjectiveResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The spec module's catalog of objectives is what the trainer runs: a spec can name no objective
 * the trainer lacks, and the trainer gains none the spec refuses.
 */
class ObjectiveCatalogContractTest {

  @Test
  void shouldListTheRegistryNamesWhenTheCatalogIsRead() {
    assertThat(ObjectiveCatalog.names())
        .containsExactlyInAnyOrderElementsOf(BuiltinObjectives.registry(true).names());
  }

  @Test
  void shouldRunEachTestFunctionWhenGivenExactlyTheCatalogsParameters() throws Exception {
    for (String name : List.of("branin", "hartmann6")) {
      // Given a trial with the catalog's parameters (each 0.5) and the catalog's options
      List<String> parameters = ObjectiveCatalog.find(name).orElseThrow().parameters();
      Map<String, Object> params = new LinkedHashMap<>();
      parameters.forEach(p -> params.put(p, 0.5));
      Map<String, String> options = Map.of("epoch_ms", "0", "noise", "0");
      Objective objective = BuiltinObjectives.registry().create(name);
      // When
      ObjectiveResult result =
          objective.run(Contexts.of(params, options, 2, new Contexts.Recorder()));
      // Then it ran, and without the last parameter it fails as the catalog says
      assertThat(result.epochsRun()).as(name).isEqualTo(2);
      params.remove(parameters.get(parameters.size() - 1));
      assertThatThrownBy(
              () ->
                  BuiltinObjectives.registry()
                      .create(name)
                      .run(Contexts.of(params, options, 2, new Contexts.Recorder())))
          .as(name)
          .hasMessageContaining("missing parameter '" + parameters.get(parameters.size() - 1));
    }
  }
}
