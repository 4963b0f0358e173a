package io.streamtune.trainer.objective.dl4j;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExamplesTest {

  @Test
  void shouldCutBatchesAfterTheLastRealTokenWhenTrimmingPadding() {
    // Given 3 sequences of width 12 with real lengths 2, 11 and 3
    int width = 12;
    float[] x = new float[3 * width];
    float[] mask = new float[3 * width];
    int[] lengths = {2, 11, 3};
    for (int i = 0; i < 3; i++) {
      for (int t = 0; t < lengths[i]; t++) {
        x[i * width + t] = t + 1;
        mask[i * width + t] = 1;
      }
    }
    var examples =
        new Examples(3, new long[] {width}, x, 1, new float[] {1, 0, 1}, width, mask)
            .trimPaddingPerBatch(4);

    // When
    var batches = examples.orderedBatches(2);

    // Then the first batch is as wide as its longest sequence, the second is held at the minimum
    assertThat(batches).hasSize(2);
    assertThat(batches.get(0).getFeatures().shape()).containsExactly(2L, 11L);
    assertThat(batches.get(0).getFeaturesMaskArray().getFloat(1, 10)).isEqualTo(1f);
    assertThat(batches.get(1).getFeatures().shape()).containsExactly(1L, 4L);
    assertThat(batches.get(1).getFeatures().getFloat(0, 2)).isEqualTo(3f);
    assertThat(batches.get(1).getLabels().getFloat(0, 0)).isEqualTo(1f);
  }

  @Test
  void shouldShuffleTheSameWayWhenTheSeedIsTheSame() {
    float[] x = new float[50];
    for (int i = 0; i < 50; i++) {
      x[i] = i;
    }
    var examples = new Examples(50, new long[] {1}, x, 1, x.clone());

    var a = examples.shuffledBatches(50, 3).get(0).getFeatures();
    var b = examples.shuffledBatches(50, 3).get(0).getFeatures();

    assertThat(a).isEqualTo(b);
    assertThat(a.getFloat(0, 0) != 0 || a.getFloat(1, 0) != 1).isTrue();
  }
}
