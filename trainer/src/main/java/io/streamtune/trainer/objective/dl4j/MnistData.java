package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.TrialContext;
import io.streamtune.trainer.objective.data.DataCache;
import io.streamtune.trainer.objective.data.DataDir;
import io.streamtune.trainer.objective.data.IdxReader;
import io.streamtune.trainer.objective.data.IdxReader.IdxArray;
import io.streamtune.trainer.objective.data.Splits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * MNIST as train/validation/test {@link Examples}: pixels scaled to [0, 1], labels one-hot. The
 * validation rows are drawn from the 60k training file (seeded), the test rows are t10k, as in the
 * tutorial (55k train, 5k validation, 10k test). Subsample sizes come from the objective options.
 */
public final class MnistData {

  public static final int PIXELS = 784;
  public static final int CLASSES = 10;

  /** The three parts. */
  public record Parts(Examples train, Examples validation, Examples test) {}

  private MnistData() {}

  /**
   * @param trainSize training rows (0 = all 55k), {@code validationSize} rows held out of the
   *     training file, {@code testSize} rows of t10k (0 = all 10k)
   */
  public static Parts load(
      TrialContext ctx, int trainSize, int validationSize, int testSize, long splitSeed)
      throws IOException {
    IdxArray trainImages = read(ctx, "mnist/train-images-idx3-ubyte.gz");
    IdxArray trainLabels = read(ctx, "mnist/train-labels-idx1-ubyte.gz");
    IdxArray testImages = read(ctx, "mnist/t10k-images-idx3-ubyte.gz");
    IdxArray testLabels = read(ctx, "mnist/t10k-labels-idx1-ubyte.gz");
    int n = trainImages.count();
    double validationFraction = (double) validationSize / n;
    Splits.Split split =
        Splits.shuffled(n, validationFraction, 0, splitSeed).limit(trainSize, 0, 0);
    int[] test = Splits.permutation(testImages.count(), splitSeed);
    test = testSize > 0 && testSize < test.length ? Arrays.copyOf(test, testSize) : test;
    return new Parts(
        examples(trainImages, trainLabels, split.train()),
        examples(trainImages, trainLabels, split.validation()),
        examples(testImages, testLabels, test));
  }

  private static IdxArray read(TrialContext ctx, String relative) throws IOException {
    Path file = DataDir.locate(ctx, relative);
    return DataCache.get("idx:" + file.toAbsolutePath(), () -> IdxReader.read(file));
  }

  static Examples examples(IdxArray images, IdxArray labels, int[] rows) {
    if (images.itemSize() != PIXELS || labels.count() != images.count()) {
      throw new IllegalStateException(
          "MNIST files do not match: "
              + images.count()
              + " images of "
              + images.itemSize()
              + " pixels, "
              + labels.count()
              + " labels");
    }
    float[] x = new float[rows.length * PIXELS];
    float[] y = new float[rows.length * CLASSES];
    for (int i = 0; i < rows.length; i++) {
      for (int p = 0; p < PIXELS; p++) {
        x[i * PIXELS + p] = images.unsigned(rows[i], p) / 255f;
      }
      y[i * CLASSES + labels.unsigned(rows[i], 0)] = 1f;
    }
    return new Examples(rows.length, new long[] {PIXELS}, x, CLASSES, y);
  }
}
