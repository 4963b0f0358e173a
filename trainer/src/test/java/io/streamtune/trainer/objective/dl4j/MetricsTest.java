package io.streamtune.trainer.objective.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void shouldCountArgMaxMatchesWhenComputingAccuracy() {
    float[] scores = {0.1f, 0.9f, 0.8f, 0.2f, 0.3f, 0.7f};
    float[] labels = {0, 1, 0, 1, 0, 1};

    assertThat(Metrics.accuracy(scores, labels, 2)).isEqualTo(2.0 / 3);
  }

  @Test
  void shouldMatchTheClosedFormWhenComputingRmse() {
    float[] predicted = {1, 2, 3, 4};
    float[] truth = {1, 0, 3, 0};

    assertThat(Metrics.rmse(predicted, truth)).isCloseTo(Math.sqrt((4 + 16) / 4.0), within(1e-12));
    assertThat(Metrics.rmse(predicted, truth, 2, 1))
        .isCloseTo(Math.sqrt((4 + 16) / 2.0), within(1e-12));
    assertThat(Metrics.rmse(predicted, truth, 2, 0)).isZero();
  }

  @Test
  void shouldGiveOneHalfForTiesAndTheMannWhitneyValueOtherwise() {
    // Pairs (pos, neg): (0.8,0.1) win, (0.8,0.4) win, (0.35,0.1) win, (0.35,0.4) loss -> 3/4
    assertThat(Metrics.rocAuc(new float[] {0.1f, 0.4f, 0.35f, 0.8f}, new float[] {0, 0, 1, 1}))
        .isEqualTo(0.75);
    assertThat(Metrics.rocAuc(new float[] {0.5f, 0.5f}, new float[] {0, 1})).isEqualTo(0.5);
    assertThat(Metrics.rocAuc(new float[] {0.5f, 0.6f}, new float[] {1, 1})).isNaN();
  }

  @Test
  void shouldAgreeWithPairCountingWhenScoresAreRandom() {
    // Given seeded random scores with ties
    SplittableRandom rng = new SplittableRandom(11);
    int n = 300;
    float[] scores = new float[n];
    float[] labels = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = rng.nextInt(20) / 20f;
      labels[i] = rng.nextDouble() < 0.3 ? 1 : 0;
    }

    // When: the O(n²) definition
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        if (labels[i] == 1 && labels[j] == 0) {
          pairs++;
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }

    // Then
    assertThat(Metrics.rocAuc(scores, labels)).isCloseTo(wins / pairs, within(1e-12));
  }
}
