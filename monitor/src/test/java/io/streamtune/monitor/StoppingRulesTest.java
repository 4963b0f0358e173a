package io.streamtune.monitor;

import static io.streamtune.monitor.rules.Curves.curve;
import static io.streamtune.monitor.rules.Curves.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.spec.SpecVocabulary;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoppingRulesTest {

  @Test
  void shouldCreateEveryRuleInVocabularyWithDefaults() {
    for (String name : SpecVocabulary.STOPPING_RULES.keySet()) {
      assertThat(StoppingRules.create(name, Map.of())).as(name).isNotNull();
    }
  }

  @Test
  void shouldApplyOptionsWhenGiven() {
    // Given two completed trials (fewer than the default 5)
    var study = StudyCurves.of(flat(4, 1, 1));
    var trial = curve("x", 10, 5, 5);
    // Then the default median continues and min_trials = 2 stops
    assertThat(StoppingRules.create("median", Map.of()).evaluate(study, trial).stop()).isFalse();
    assertThat(
            StoppingRules.create("median", Map.of("min_trials", 2.0)).evaluate(study, trial).stop())
        .isTrue();
    assertThat(
            StoppingRules.create("percentile", Map.of("n_startup_trials", 2.0))
                .evaluate(study, trial)
                .stop())
        .isTrue();
  }

  @Test
  void shouldNeverStopAtFinalStepWhateverTheRule() {
    var study = StudyCurves.of(flat(2, 0, 0, 0, 0, 0));
    for (String name : SpecVocabulary.STOPPING_RULES.keySet()) {
      assertThat(StoppingRules.create(name, Map.of()).evaluate(study, curve("x", 1, 9)).stop())
          .as(name)
          .isFalse();
    }
  }

  @Test
  void shouldNameOptionWhenValueIsInvalid() {
    assertThatThrownBy(() -> StoppingRules.create("asha", Map.of("eta", 1.0)))
        .hasMessage("eta must be > 1 but was 1");
    assertThatThrownBy(() -> StoppingRules.create("hyperband", Map.of("eta", 2.5)))
        .hasMessage("eta must be an integer but was 2.5");
    assertThatThrownBy(() -> StoppingRules.create("curve", Map.of("delta", 1.5)))
        .hasMessage("delta must be in (0, 1) but was 1.5");
    assertThatThrownBy(() -> StoppingRules.create("curve", Map.of("gap", 0.0)))
        .hasMessage("gap must be >= 1 but was 0");
    assertThatThrownBy(() -> StoppingRules.create("percentile", Map.of("percentile", Double.NaN)))
        .hasMessage("percentile must be a finite number but was NaN");
  }

  @Test
  void shouldRejectUnknownRuleAndOption() {
    assertThatThrownBy(() -> StoppingRules.create("bogus", Map.of()))
        .hasMessageStartingWith("stopping rule 'bogus' is not available");
    assertThatThrownBy(() -> StoppingRules.create("median", Map.of("eta", 3.0)))
        .hasMessageStartingWith("option 'eta' is not accepted by stopping rule 'median'");
  }
}
