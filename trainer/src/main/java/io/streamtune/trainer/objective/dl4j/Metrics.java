package io.streamtune.trainer.objective.dl4j;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Evaluation metrics on flat row-major arrays. Computed here rather than with DL4J's evaluation
 * classes so the definitions are explicit and unit-testable against closed forms.
 */
public final class Metrics {

  private Metrics() {}

  /**
   * Fraction of rows whose arg-max of {@code scores} equals the arg-max of the one-hot {@code
   * labels}.
   */
  public static double accuracy(float[] scores, float[] labels, int classes) {
    int n = labels.length / classes;
    int correct = 0;
    for (int i = 0; i < n; i++) {
      if (argMax(scores, i * classes, classes) == argMax(labels, i * classes, classes)) {
        correct++;
      }
    }
    return n == 0 ? Double.NaN : (double) correct / n;
  }

  /** Root mean squared error over every element: sqrt(Σ(p−t)² / N). */
  public static double rmse(float[] predictions, float[] targets) {
    return rmse(predictions, targets, 1, 0);
  }

  /** RMSE of one column {@code col} of {@code cols}. */
  public static double rmse(float[] predictions, float[] targets, int cols, int col) {
    double sum = 0;
    int count = 0;
    for (int i = col; i < targets.length; i += cols) {
      double d = predictions[i] - targets[i];
      sum += d * d;
      count++;
    }
    return count == 0 ? Double.NaN : Math.sqrt(sum / count);
  }

  /**
   * Area under the ROC curve as the Mann–Whitney statistic: the chance that a random positive
   * scores above a random negative, ties counting one half (Hanley &amp; McNeil 1982). Average
   * ranks handle ties.
   */
  public static double rocAuc(float[] scores, float[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double rankSumPositives = 0;
    long positives = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (labels[order[k]] > 0.5f) {
          rankSumPositives += averageRank;
          positives++;
        }
      }
      i = j + 1;
    }
    long negatives = n - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    return (rankSumPositives - positives * (positives + 1) / 2.0)
        / ((double) positives * negatives);
  }

  private static int argMax(float[] a, int from, int len) {
    int best = 0;
    for (int k = 1; k < len; k++) {
      if (a[from + k] > a[from + best]) {
        best = k;
      }
    }
    return best;
  }
}
