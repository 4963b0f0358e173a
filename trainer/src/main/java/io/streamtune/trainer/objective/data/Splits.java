package io.streamtune.trainer.objective.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Deterministic train/validation/test splits. The split seed is a study-level option, not the trial
 * seed: every trial of a study must be scored on the same validation rows, or their metrics are not
 * comparable.
 */
public final class Splits {

  private Splits() {}

  /** Index sets into the source rows. */
  public record Split(int[] train, int[] validation, int[] test) {

    /**
     * Keeps at most {@code max} rows of each part (0 or less keeps all); parts are already
     * shuffled.
     */
    public Split limit(int maxTrain, int maxValidation, int maxTest) {
      return new Split(head(train, maxTrain), head(validation, maxValidation), head(test, maxTest));
    }
  }

  /** A Fisher–Yates permutation of 0..n-1 under {@code seed}. */
  public static int[] permutation(int n, long seed) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    shuffle(p, seed);
    return p;
  }

  public static void shuffle(int[] a, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = a.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** A random split of n rows: the last fractions go to validation and test. */
  public static Split shuffled(int n, double validationFraction, double testFraction, long seed) {
    return cut(permutation(n, seed), validationFraction, testFraction);
  }

  /**
   * A split in time order (for series: validating on the past would leak the future). Train is the
   * oldest part, then validation, then test.
   */
  public static Split chronological(int n, double validationFraction, double testFraction) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    return cut(p, validationFraction, testFraction);
  }

  private static Split cut(int[] order, double validationFraction, double testFraction) {
    if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
      throw new IllegalArgumentException(
          "validation and test fractions must be >= 0 with a sum below 1 but were "
              + validationFraction
              + " and "
              + testFraction);
    }
    int n = order.length;
    int nTest = (int) Math.round(n * testFraction);
    int nVal = (int) Math.round(n * validationFraction);
    int nTrain = n - nVal - nTest;
    return new Split(
        Arrays.copyOfRange(order, 0, nTrain),
        Arrays.copyOfRange(order, nTrain, nTrain + nVal),
        Arrays.copyOfRange(order, nTrain + nVal, n));
  }

  static int[] head(int[] a, int max) {
    return max <= 0 || max >= a.length ? a : Arrays.copyOf(a, max);
  }
}
