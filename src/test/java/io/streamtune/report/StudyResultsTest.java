package io.streamtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamtune.report.StudyResults.Trial;
import org.junit.jupiter.api.Test;

class StudyResultsTest {

  private static final String FILE =
      """
      {"study": "s", "metric": {"name": "acc", "direction": "maximize", "func_vals_sign": -1},
       "space": [{"name": "b", "type": "real", "low": 0, "high": 1, "prior": "log-uniform"},
                 {"name": "a", "type": "categorical", "categories": ["x", "y"]}],
       "trials": [{"number": 0, "status": "PRUNED", "value": 0.5, "partial": true,
                   "params": {"a": "y", "b": 0.25}, "extra_metrics": {"z": 1, "m": 2},
                   "stop": {"rule": "median", "step": 3, "reason": "worse"},
                   "curve": [{"epoch": 1, "value": null}, {"epoch": 2, "value": 0.5}]}]}
      """;

  @Test
  void shouldReadATrialInTheSpacesOrderWhenTheFileListsItsParametersOtherwise() throws Exception {
    // When
    StudyResults s = StudyResults.of(new ObjectMapper().readTree(FILE));
    // Then
    Trial t = s.trials().get(0);
    assertThat(s.maximize()).isTrue();
    assertThat(s.space().get(0).log()).isTrue();
    assertThat(s.space().get(1).categories()).containsExactly("x", "y");
    assertThat(t.params().keySet()).containsExactly("b", "a");
    assertThat(t.extraMetrics().keySet()).containsExactly("m", "z");
    assertThat(t.partial()).isTrue();
    assertThat(t.hasFinalValue()).isFalse();
    assertThat(t.stop()).isEqualTo(new StudyResults.Stop("median", 3, "worse"));
    assertThat(t.curve().get(0).value()).isNull();
  }
}
