package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.data.Splits;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A set of examples kept as flat float arrays on the Java heap, from which minibatches are cut.
 * Building each batch straight from arrays avoids {@code DataSet.batchBy}, which splits into one
 * DataSet per example and merges them again (slow for 10^4 examples), and keeps off-heap memory to
 * the batch at hand.
 *
 * <p>Notation: n examples; each has features of shape {@code xShape} ({@code xSize} floats), labels
 * of {@code ySize} floats and, optionally, a feature mask of {@code maskSize} floats (1 = real
 * token).
 */
public final class Examples {

  private final int n;
  private final long[] xShape;
  private final int xSize;
  private final int ySize;
  private final int maskSize;
  private final float[] x;
  private final float[] y;
  private final float[] mask;
  private int trimMinLength;

  public Examples(
      int n, long[] xShape, float[] x, int ySize, float[] y, int maskSize, float[] mask) {
    int size = 1;
    for (long d : xShape) {
      size *= (int) d;
    }
    if (x.length != (long) n * size
        || y.length != (long) n * ySize
        || (mask != null && mask.length != (long) n * maskSize)) {
      throw new IllegalArgumentException("array sizes do not match n=" + n);
    }
    this.n = n;
    this.xShape = xShape.clone();
    this.xSize = size;
    this.ySize = ySize;
    this.maskSize = maskSize;
    this.x = x;
    this.y = y;
    this.mask = mask;
  }

  public Examples(int n, long[] xShape, float[] x, int ySize, float[] y) {
    this(n, xShape, x, ySize, y, 0, null);
  }

  /**
   * Cuts each batch of masked sequences after its last real token (but to no fewer than {@code
   * minLength} steps). Padding is masked, so the result is the same; the work is not: peptides have
   * a median length of 17 in a 190-wide array, and masked convolutions in DL4J are slow.
   */
  public Examples trimPaddingPerBatch(int minLength) {
    if (mask == null || xShape.length != 1 || maskSize != xShape[0]) {
      throw new IllegalStateException("trimming needs [length] features with a [length] mask");
    }
    this.trimMinLength = minLength;
    return this;
  }

  public int size() {
    return n;
  }

  public int labelSize() {
    return ySize;
  }

  /** The shape of one example's features. */
  public long[] featureShape() {
    return xShape.clone();
  }

  /** Features of all examples, row-major {@code [n, xShape...]}. */
  public float[] features() {
    return x;
  }

  /** Labels of all examples, row-major {@code [n, ySize]}. */
  public float[] labels() {
    return y;
  }

  /** Batches over all examples, shuffled by {@code seed} (a new order each epoch). */
  public List<DataSet> shuffledBatches(int batchSize, long seed) {
    return batches(Splits.permutation(n, seed), batchSize);
  }

  /** Batches in example order, for evaluation. */
  public List<DataSet> orderedBatches(int batchSize) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    return batches(order, batchSize);
  }

  private List<DataSet> batches(int[] order, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1 but was " + batchSize);
    }
    List<DataSet> out = new ArrayList<>((n + batchSize - 1) / batchSize);
    for (int start = 0; start < n; start += batchSize) {
      int end = Math.min(n, start + batchSize);
      out.add(batch(order, start, end));
    }
    return out;
  }

  private DataSet batch(int[] order, int start, int end) {
    if (trimMinLength > 0) {
      return trimmedBatch(order, start, end);
    }
    int b = end - start;
    float[] bx = new float[b * xSize];
    float[] by = new float[b * ySize];
    float[] bm = mask == null ? null : new float[b * maskSize];
    for (int i = 0; i < b; i++) {
      int row = order[start + i];
      System.arraycopy(x, row * xSize, bx, i * xSize, xSize);
      System.arraycopy(y, row * ySize, by, i * ySize, ySize);
      if (bm != null) {
        System.arraycopy(mask, row * maskSize, bm, i * maskSize, maskSize);
      }
    }
    long[] shape = new long[xShape.length + 1];
    shape[0] = b;
    System.arraycopy(xShape, 0, shape, 1, xShape.length);
    DataSet ds =
        new DataSet(Nd4j.create(bx, shape, 'c'), Nd4j.create(by, new long[] {b, ySize}, 'c'));
    if (bm != null) {
      ds.setFeaturesMaskArray(Nd4j.create(bm, new long[] {b, maskSize}, 'c'));
    }
    return ds;
  }

  private DataSet trimmedBatch(int[] order, int start, int end) {
    int b = end - start;
    int width = Math.min(maskSize, trimMinLength);
    for (int i = 0; i < b; i++) {
      int row = order[start + i];
      for (int t = maskSize - 1; t >= width; t--) {
        if (mask[row * maskSize + t] != 0) {
          width = t + 1;
          break;
        }
      }
    }
    float[] bx = new float[b * width];
    float[] by = new float[b * ySize];
    float[] bm = new float[b * width];
    for (int i = 0; i < b; i++) {
      int row = order[start + i];
      System.arraycopy(x, row * xSize, bx, i * width, width);
      System.arraycopy(mask, row * maskSize, bm, i * width, width);
      System.arraycopy(y, row * ySize, by, i * ySize, ySize);
    }
    DataSet ds =
        new DataSet(
            Nd4j.create(bx, new long[] {b, width}, 'c'),
            Nd4j.create(by, new long[] {b, ySize}, 'c'));
    ds.setFeaturesMaskArray(Nd4j.create(bm, new long[] {b, width}, 'c'));
    return ds;
  }
}
