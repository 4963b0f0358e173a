package io.streamtune.monitor.rules;

import static io.streamtune.monitor.rules.Curves.curve;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class GuardsTest {

  private static final StoppingRule ALWAYS =
      (s, t) -> Decision.stop("always", t.steps(), 0, 0, Reason.none());
  private static final StudyCurves EMPTY = StudyCurves.of(List.of());

  @Test
  void shouldAskRuleOnlyFromFirstStepAndEveryIntervalWhenWarmedUp() {
    StoppingRule rule = Guards.warmUp(ALWAYS, 3, 2);
    assertThat(
            List.of(1, 2, 3, 4, 5, 6, 7).stream()
                .filter(s -> rule.evaluate(EMPTY, curve("x", 100, new double[s])).stop()))
        .containsExactly(3, 5, 7);
  }

  @Test
  void shouldNeverStopAtOrAfterFinalStep() {
    StoppingRule rule = Guards.beforeFinalStep(ALWAYS);
    assertThat(rule.evaluate(EMPTY, curve("x", 3, 1, 1)).stop()).isTrue();
    assertThat(rule.evaluate(EMPTY, curve("x", 3, 1, 1, 1)).stop()).isFalse();
    assertThat(rule.evaluate(EMPTY, curve("x", 3, 1, 1, 1, 1)).stop()).isFalse();
  }

  @Test
  void shouldAskRuleAtEveryStepWhenTrialHasNoBudget() {
    // Given the final-step guard and trials whose budget is 0 or negative (no last step)
    StoppingRule rule = Guards.beforeFinalStep(ALWAYS);
    // Then every step after the first report is judged, and an empty curve is not
    for (int budget : new int[] {0, -1}) {
      assertThat(rule.evaluate(EMPTY, curve("x", budget)).stop()).as("no step").isFalse();
      assertThat(rule.evaluate(EMPTY, curve("x", budget, 1)).stop()).isTrue();
      assertThat(rule.evaluate(EMPTY, curve("x", budget, 1, 1, 1, 1)).stop()).isTrue();
    }
  }
}
