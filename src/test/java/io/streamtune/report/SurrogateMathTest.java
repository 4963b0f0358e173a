package io.streamtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.report.StudyResults.Dim;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Partial dependence and fANOVA main effects, on functions whose answers are known. */
class SurrogateMathTest {

  private static final List<Dim> UNIT2 =
      List.of(
          new Dim("a", "real", 0, 1, false, List.of()),
          new Dim("b", "real", 0, 1, false, List.of()));

  private static List<double[]> samples(int n, int d, long seed) {
    Random rnd = new Random(seed);
    List<double[]> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] u = new double[d];
      for (int j = 0; j < d; j++) {
        u[j] = rnd.nextDouble();
      }
      out.add(u);
    }
    return out;
  }

  @Test
  void shouldAverageTheOtherDimensionsOutWhenComputingPartialDependence() {
    // Given f(a, b) = a² + b and 300 sampled points
    SweptSpace space = new SweptSpace(UNIT2);
    List<double[]> s = samples(300, 2, 7);
    double meanB = s.stream().mapToDouble(u -> u[1]).average().orElseThrow();
    // When
    PartialDependence.Curve c = PartialDependence.curve(space, 0, s, u -> u[0] * u[0] + u[1], 10);
    // Then PD(a) = a² + mean(b) at the midpoints a = (k + 1/2) / 10
    assertThat(c.xs()).hasSize(10);
    for (int k = 0; k < 10; k++) {
      double a = (k + 0.5) / 10;
      assertThat((Double) c.xs().get(k)).isCloseTo(a, within(1e-12));
      assertThat(c.values()[k]).isCloseTo(a * a + meanB, within(1e-12));
    }
  }

  @Test
  void shouldSplitTheVarianceNineToOneWhenTheFunctionIsThreeAPlusB() {
    // Given f = 3a + b, uniform on the unit square: Var = 9/12 + 1/12, so a explains 0.9
    SweptSpace space = new SweptSpace(UNIT2);
    List<Importance.Effect> e =
        Importance.mainEffects(space, samples(4000, 2, 11), u -> 3 * u[0] + u[1], 40);
    assertThat(e.get(0).fraction()).isCloseTo(0.9, within(0.01));
    assertThat(e.get(1).fraction()).isCloseTo(0.1, within(0.005));
  }

  /** Branin (Dixon & Szegő 1978) on x1 in [-5, 10], x2 in [0, 15], from unit coordinates. */
  static double branin(double[] u) {
    double x1 = -5 + 15 * u[0];
    double x2 = 15 * u[1];
    double b = 5.1 / (4 * Math.PI * Math.PI);
    double c = 5 / Math.PI;
    double t = 1 / (8 * Math.PI);
    return Math.pow(x2 - b * x1 * x1 + c * x1 - 6, 2) + 10 * (1 - t) * Math.cos(x1) + 10;
  }

  private static final List<Dim> BRANIN =
      List.of(
          new Dim("x1", "real", -5, 10, false, List.of()),
          new Dim("x2", "real", 0, 15, false, List.of()));

  @Test
  void shouldFindBraninsMainEffectsWhenGivenTheFunctionItself() {
    // Given Branin; its main effects, computed independently on a 200 x 200 grid of midpoints
    // (Python, in the commit that added this test): x1 0.1357, x2 0.2515, interactions the rest
    SweptSpace space = new SweptSpace(BRANIN);
    // When estimated over a Latin hypercube of 250 points
    List<Importance.Effect> e =
        Importance.mainEffects(
            space,
            space.latinHypercube(250, new SplittableRandom(1)),
            SurrogateMathTest::branin,
            40);
    // Then
    assertThat(e.get(0).fraction()).isCloseTo(0.1357, within(0.005));
    assertThat(e.get(1).fraction()).isCloseTo(0.2515, within(0.005));
  }

  @Test
  void shouldFindBraninsMainEffectsWhenAGaussianProcessIsFittedTo50Trials() {
    // Given a study of 50 random Branin trials
    Random rnd = new Random(5);
    List<StudyResults.Trial> trials = new ArrayList<>();
    for (int n = 0; n < 50; n++) {
      double[] u = {rnd.nextDouble(), rnd.nextDouble()};
      trials.add(
          new StudyResults.Trial(
              n,
              "t" + n,
              "COMPLETED",
              branin(u),
              false,
              Map.of("x1", -5 + 15 * u[0], "x2", 15 * u[1]),
              1,
              1,
              1,
              "w",
              1.0,
              null,
              null,
              Map.of(),
              List.of()));
    }
    // When
    JsonNode effects =
        SurrogateReport.of(Fixtures.study(false, BRANIN, trials)).get("importance").get("effects");
    // Then the GP's main effects are within 0.02 of the function's
    assertThat(effects.get(0).get("name").asText()).isEqualTo("x2");
    assertThat(effects.get(0).get("fraction").asDouble()).isCloseTo(0.2515, within(0.02));
    assertThat(effects.get(1).get("fraction").asDouble()).isCloseTo(0.1357, within(0.02));
  }

  @Test
  void shouldLeaveTheVarianceToInteractionsWhenTheFunctionIsAProduct() {
    // Given f = (a - 1/2)(b - 1/2): both marginals are flat, all variance is interaction
    SweptSpace space = new SweptSpace(UNIT2);
    List<Importance.Effect> e =
        Importance.mainEffects(space, samples(4000, 2, 3), u -> (u[0] - 0.5) * (u[1] - 0.5), 40);
    assertThat(e).allSatisfy(x -> assertThat(x.fraction()).isLessThan(0.02));
  }

  @Test
  void shouldSweepEveryCategoryAndEveryIntegerWhenTheyAreFew() {
    SweptSpace space =
        new SweptSpace(
            List.of(
                new Dim("act", "categorical", 0, 0, false, List.of("relu", "tanh", "gelu")),
                new Dim("layers", "integer", 1, 4, false, List.of()),
                new Dim("lr", "real", 1e-4, 1e-1, true, List.of())));
    assertThat(space.grid(0, 40)).containsExactly("relu", "tanh", "gelu");
    assertThat(space.grid(1, 40)).containsExactly(1L, 2L, 3L, 4L);
    // log-uniform: the 3 midpoints of 3 equal parts of [log 1e-4, log 1e-1] are 10^-3.5, -2.5, -1.5
    assertThat(space.grid(2, 3))
        .satisfiesExactly(
            v -> assertThat((Double) v).isCloseTo(Math.pow(10, -3.5), within(1e-12)),
            v -> assertThat((Double) v).isCloseTo(Math.pow(10, -2.5), within(1e-12)),
            v -> assertThat((Double) v).isCloseTo(Math.pow(10, -1.5), within(1e-12)));
  }

  @Test
  void shouldRankTheParameterThatMattersFirstWhenFittedToTheSyntheticStudy() {
    // Given a study whose accuracy depends on lr most (8 points per decade), then layers
    JsonNode s = SurrogateReport.of(Fixtures.synthetic(11, 40));
    // Then the importance puts lr first, and partial dependence covers every pair
    assertThat(s.get("importance").get("effects").get(0).get("name").asText()).isEqualTo("lr");
    assertThat(s.get("dependence").get("curves")).hasSize(3);
    assertThat(s.get("dependence").get("surfaces")).hasSize(3);
    // and the GP's partial dependence on lr peaks near 10^-2.5, where the fixture's optimum is
    JsonNode lr = s.get("dependence").get("curves").get(0);
    int argmax = 0;
    for (int k = 0; k < lr.get("values").size(); k++) {
      if (lr.get("values").get(k).asDouble() > lr.get("values").get(argmax).asDouble()) {
        argmax = k;
      }
    }
    assertThat(Math.log10(lr.get("xs").get(argmax).asDouble())).isCloseTo(-2.5, within(0.5));
  }

  @Test
  void shouldExplainWhyWhenTooFewTrialsHaveAFinalValue() {
    JsonNode s = SurrogateReport.of(Fixtures.withValues(true, 0.1, 0.2));
    assertThat(s.get("note").asText()).contains("at least 5");
    assertThat(s.has("importance")).isFalse();
  }
}
