package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.TrialContext;
import io.streamtune.trainer.objective.data.DataCache;
import io.streamtune.trainer.objective.data.DataDir;
import io.streamtune.trainer.objective.data.NpyReader;
import io.streamtune.trainer.objective.data.NpyReader.NpyArray;
import io.streamtune.trainer.objective.data.Splits;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Hemolysis peptides (White et al., peptide-dashboard): integer-encoded sequences, 0 = right
 * padding, 1..20 = amino acids; label 1 = hemolytic. Features are the token ids as floats {@code
 * [n, length]} with a mask that is 1 on real tokens, which the embedding and convolutions carry
 * through so that padding never reaches the global pooling. The split is a seeded shuffle of all
 * 9,316 rows.
 */
public final class PeptideData {

  public static final int VOCABULARY = 21;
  static final int MIN_LENGTH = 10;

  /** The three parts. */
  public record Parts(Examples train, Examples validation, Examples test, int length) {}

  private PeptideData() {}

  public static Parts load(
      TrialContext ctx,
      double validationFraction,
      double testFraction,
      int trainSize,
      long splitSeed)
      throws IOException {
    NpyArray positive = read(ctx, "peptides/hemo-positive.npz");
    NpyArray negative = read(ctx, "peptides/hemo-negative.npz");
    if (positive.cols() != negative.cols()) {
      throw new IllegalStateException(
          "peptide files differ in length: " + positive.cols() + " vs " + negative.cols());
    }
    int n = positive.rows() + negative.rows();
    Splits.Split split =
        Splits.shuffled(n, validationFraction, testFraction, splitSeed).limit(trainSize, 0, 0);
    return new Parts(
        part(positive, negative, split.train()),
        part(positive, negative, split.validation()),
        part(positive, negative, split.test()),
        positive.cols());
  }

  private static NpyArray read(TrialContext ctx, String relative) throws IOException {
    Path file = DataDir.locate(ctx, relative);
    return DataCache.get(
        "npz:" + file.toAbsolutePath(), () -> NpyReader.readNpz(file, "arr_0.npy"));
  }

  /** Rows 0..P−1 of the combined index are the positives, P.. the negatives. */
  static Examples part(NpyArray positive, NpyArray negative, int[] rows) {
    int length = positive.cols();
    int n = rows.length;
    float[] x = new float[n * length];
    float[] mask = new float[n * length];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      boolean isPositive = rows[i] < positive.rows();
      NpyArray source = isPositive ? positive : negative;
      int row = isPositive ? rows[i] : rows[i] - positive.rows();
      for (int t = 0; t < length; t++) {
        long token = source.get(row, t);
        if (token < 0 || token >= VOCABULARY) {
          throw new IllegalStateException(
              "peptide token " + token + " outside 0.." + (VOCABULARY - 1));
        }
        x[i * length + t] = token;
        mask[i * length + t] = token == 0 ? 0f : 1f;
      }
      y[i] = isPositive ? 1f : 0f;
    }
    // 10 steps is the least the network accepts: conv 5, pool 2, conv 3 leave one position.
    return new Examples(n, new long[] {length}, x, 1, y, length, mask)
        .trimPaddingPerBatch(MIN_LENGTH);
  }
}
