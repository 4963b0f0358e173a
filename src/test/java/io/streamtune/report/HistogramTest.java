package io.streamtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.report.StudyResults.Dim;
import io.streamtune.report.StudyResults.Trial;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistogramTest {

  private static Trial at(int n, Object x, boolean partial) {
    return new Trial(
        n,
        "t" + n,
        partial ? "PRUNED" : "COMPLETED",
        1.0,
        partial,
        Map.of("x", x),
        1,
        1,
        1,
        "w",
        1.0,
        null,
        null,
        Map.of(),
        List.of());
  }

  @Test
  void shouldCutALogDimensionIntoEqualDecadesWhenItIsLogUniform() {
    // Given a log-uniform dimension over [1e-4, 1e-1] and one point per decade's middle
    Dim lr = new Dim("x", "real", 1e-4, 1e-1, true, List.of());
    List<Trial> trials = new ArrayList<>();
    double[] xs = {3e-4, 3e-3, 3e-2, 0.1};
    for (int i = 0; i < xs.length; i++) {
      trials.add(at(i, xs[i], false));
    }
    // When
    Histogram h = Histogram.of(lr, trials);
    // Then 10 bins of 0.3 decades each: 3e-4 (0.48 decades up) falls in bin 1, 3e-3 (1.48) in
    // bin 4, 3e-2 (2.48) in bin 8, and the upper bound in the last bin
    assertThat(h.counts()).containsExactly(0, 1, 0, 0, 1, 0, 0, 0, 1, 1);
    assertThat(h.edges().get(0)).isEqualTo(1e-4);
    assertThat(h.labels().get(0)).isEqualTo("0.0001");
  }

  @Test
  void shouldCountEachCategoryWhenCategoricalAndSkipPartialTrials() {
    Dim act = new Dim("x", "categorical", 0, 0, false, List.of("relu", "tanh"));
    Histogram h =
        Histogram.of(act, List.of(at(0, "tanh", false), at(1, "tanh", false), at(2, "relu", true)));
    assertThat(h.labels()).containsExactly("relu", "tanh");
    assertThat(h.counts()).containsExactly(0, 2);
  }

  @Test
  void shouldGiveEachIntegerItsBinWhenTheRangeIsNarrow() {
    Dim layers = new Dim("x", "integer", 1, 4, false, List.of());
    Histogram h =
        Histogram.of(layers, List.of(at(0, 1.0, false), at(1, 4.0, false), at(2, 4.0, false)));
    assertThat(h.labels()).containsExactly("1", "2", "3", "4");
    assertThat(h.counts()).containsExactly(1, 0, 0, 2);
  }
}
