package io.streamtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.report.Convergence.Point;
import io.streamtune.results.ResultsFile;
import io.streamtune.study.StudyRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvergenceTest {

  @Test
  void shouldKeepTheRunningMaximumWhenTheMetricIsMaximised() {
    // Given accuracies in trial order
    StudyResults study = Fixtures.withValues(true, 0.5, 0.3, 0.7, 0.6);
    // When
    Convergence c = Convergence.of(study);
    // Then the best so far only rises
    assertThat(c.points()).extracting(Point::bestSoFar).containsExactly(0.5, 0.5, 0.7, 0.7);
    assertThat(c.best()).contains(0.7);
  }

  @Test
  void shouldKeepTheRunningMinimumWhenTheMetricIsMinimised() {
    StudyResults study = Fixtures.withValues(false, 0.5, 0.3, 0.7, 0.6);
    Convergence c = Convergence.of(study);
    assertThat(c.points()).extracting(Point::bestSoFar).containsExactly(0.5, 0.3, 0.3, 0.3);
    assertThat(c.best()).contains(0.3);
  }

  @Test
  void shouldMatchAPrefixMinimumWhenValuesAreRandom() {
    // Given 200 seeded values; the expectation is computed another way: the minimum of each prefix
    Random rnd = new Random(42);
    double[] values = new double[200];
    for (int i = 0; i < values.length; i++) {
      values[i] = rnd.nextGaussian() * 10;
    }
    List<Double> expected = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      double m = Double.POSITIVE_INFINITY;
      for (int j = 0; j <= i; j++) {
        m = Math.min(m, values[j]);
      }
      expected.add(m);
    }
    // When
    Convergence c = Convergence.of(Fixtures.withValues(false, values));
    // Then
    assertThat(c.points()).extracting(Point::bestSoFar).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldLeaveOutPartialValuesWhenTheMonitorStoppedATrial() {
    // Given completed 0.8, patience-ended 0.9 (final), monitor-pruned 0.95 (partial), failed
    JsonNode file = ResultsFile.of(StudyRecords.finishedMaximised().view());
    // When
    Convergence c = Convergence.of(StudyResults.of(file));
    // Then the points are the results file's func_vals, back in the metric's sign
    List<Double> funcVals = new ArrayList<>();
    file.get("func_vals").forEach(v -> funcVals.add(-v.asDouble()));
    assertThat(c.points()).extracting(Point::value).containsExactlyElementsOf(funcVals);
    assertThat(c.best()).contains(file.get("best").get("value").asDouble());
    // and the partial 0.95, better than every final value, is drawn apart and does not count
    assertThat(c.partial()).containsExactly(new Point(2, 0.95, 0.9));
  }

  @Test
  void shouldRefuseALogScaleWhenAValueIsNotPositive() {
    assertThat(Convergence.of(Fixtures.withValues(false, 3, 0.5)).logScaleFits()).isTrue();
    assertThat(Convergence.of(Fixtures.withValues(false, 3, -0.5)).logScaleFits()).isFalse();
  }

  @Test
  void shouldOrderABaselineByTrialNumberWhenItsValuesArriveOutOfOrder() {
    // Given a random-search baseline's final values, listed out of trial order (#2 and #4 missing:
    // stopped early)
    List<StudyResults.Valued> values =
        List.of(
            new StudyResults.Valued(3, 2.0),
            new StudyResults.Valued(0, 5.0),
            new StudyResults.Valued(1, 7.0),
            new StudyResults.Valued(5, 1.5));
    // When
    Convergence c = Convergence.of(false, values);
    // Then the running minimum follows trial order
    assertThat(c.points()).extracting(Point::number).containsExactly(0, 1, 3, 5);
    assertThat(c.points()).extracting(Point::bestSoFar).containsExactly(5.0, 5.0, 2.0, 1.5);
    assertThat(c.partial()).isEmpty();
  }

  @Test
  void shouldNameTheBetterSearchWhenAStudyHasABaseline() {
    // Given a maximised study whose best is 0.7, against random search's 0.65, then 0.9
    StudyResults study = Fixtures.withValues(true, 0.5, 0.3, 0.7, 0.6);
    StudyResults.Baseline worse =
        new StudyResults.Baseline("s-random", "random", List.of(new StudyResults.Valued(0, 0.65)));
    StudyResults.Baseline better =
        new StudyResults.Baseline("s-random", "random", List.of(new StudyResults.Valued(0, 0.9)));
    // When / Then: higher is better, so 0.7 beats 0.65 and loses to 0.9
    assertThat(Convergence.verdict(Fixtures.withBaseline(study, worse)))
        .contains("Bayesian optimisation (gp) (0.7) found a better acc than random search (0.65).");
    assertThat(Convergence.verdict(Fixtures.withBaseline(study, better)))
        .contains("random search (0.9) found a better acc than Bayesian optimisation (gp) (0.7).");
    assertThat(Convergence.verdict(study)).isEmpty();
  }
}
