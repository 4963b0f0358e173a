package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.TrialContext;
import io.streamtune.trainer.objective.data.CsvColumns;
import io.streamtune.trainer.objective.data.DataCache;
import io.streamtune.trainer.objective.data.DataDir;
import io.streamtune.trainer.objective.data.Splits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * S&amp;P 500 daily Close and Volume as supervised windows: the features are the previous {@code
 * steps} days (both series), the label is the next day's pair. Notation: rows r = 0..R−1 in date
 * order, window i covers rows i..i+steps−1 and predicts row i+steps.
 *
 * <p>Only rows with a positive Volume are used (it is 0 before 1950). The split is chronological
 * (train oldest, then validation, then test), because a shuffled split would let a model see the
 * days around each validation day. Min–max scaling is fitted on the training rows only, so no
 * information flows back from validation or test; scaled values above 1 are expected later on.
 */
public final class StockData {

  public static final String FILE = "stock/GSPC_1927-2020.csv";
  public static final int FEATURES = 2; // Close, Volume

  /**
   * The three parts plus the scaling, so metrics can be turned back into index points and shares.
   *
   * @param min per-feature minimum on the training rows; {@code range} = max − min
   */
  public record Parts(
      Examples train, Examples validation, Examples test, double[] min, double[] range) {}

  private StockData() {}

  /**
   * @param steps window length (lstm_num_steps)
   * @param rows keep only the most recent {@code rows} trading days (0 = every day with a volume)
   */
  public static Parts load(
      TrialContext ctx, int steps, int rows, double validationFraction, double testFraction)
      throws IOException {
    Path file = DataDir.locate(ctx, FILE);
    double[][] columns =
        DataCache.get(
            "csv:" + file.toAbsolutePath(), () -> CsvColumns.read(file, "Close", "Volume"));
    return windows(columns[0], columns[1], steps, rows, validationFraction, testFraction);
  }

  static Parts windows(
      double[] close,
      double[] volume,
      int steps,
      int rows,
      double validationFraction,
      double testFraction) {
    int first = 0;
    while (first < volume.length && volume[first] <= 0) {
      first++;
    }
    int start = rows > 0 ? Math.max(first, close.length - rows) : first;
    double[][] series = {
      Arrays.copyOfRange(close, start, close.length),
      Arrays.copyOfRange(volume, start, volume.length)
    };
    int windows = series[0].length - steps;
    if (steps < 1 || windows < 10) {
      throw new IllegalArgumentException(
          "need at least "
              + (steps + 10)
              + " rows for num_steps="
              + steps
              + " but have "
              + series[0].length);
    }
    Splits.Split split = Splits.chronological(windows, validationFraction, testFraction);
    // The training windows use rows 0 .. lastTrainWindow + steps: fit the scaling on those only.
    int trainRows = split.train().length + steps;
    double[] min = new double[FEATURES];
    double[] range = new double[FEATURES];
    for (int f = 0; f < FEATURES; f++) {
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < trainRows; r++) {
        lo = Math.min(lo, series[f][r]);
        hi = Math.max(hi, series[f][r]);
      }
      min[f] = lo;
      range[f] = hi > lo ? hi - lo : 1;
    }
    return new Parts(
        part(series, split.train(), steps, min, range),
        part(series, split.validation(), steps, min, range),
        part(series, split.test(), steps, min, range),
        min,
        range);
  }

  /**
   * The persistence forecast ("tomorrow = today"): for each window, its last day's scaled Close and
   * Volume, laid out like the labels. Any model worth its training has to beat this RMSE, and the
   * ratio to it is comparable across series and price levels where raw RMSEs are not.
   */
  public static float[] persistence(Examples part) {
    int steps = (int) part.featureShape()[0];
    float[] x = part.features();
    float[] forecast = new float[part.size() * FEATURES];
    for (int i = 0; i < part.size(); i++) {
      for (int f = 0; f < FEATURES; f++) {
        forecast[i * FEATURES + f] = x[(i * steps + steps - 1) * FEATURES + f];
      }
    }
    return forecast;
  }

  /**
   * The same windows labelled with the day-over-day change (next − last day, scaled) instead of the
   * next day's level, so a network starts out near persistence and learns a correction to it.
   */
  public static Examples changes(Examples part) {
    float[] last = persistence(part);
    float[] levels = part.labels();
    float[] change = new float[levels.length];
    for (int i = 0; i < change.length; i++) {
      change[i] = levels[i] - last[i];
    }
    return new Examples(part.size(), part.featureShape(), part.features(), FEATURES, change);
  }

  private static Examples part(
      double[][] series, int[] windows, int steps, double[] min, double[] range) {
    int n = windows.length;
    float[] x = new float[n * steps * FEATURES];
    float[] y = new float[n * FEATURES];
    for (int i = 0; i < n; i++) {
      int w = windows[i];
      for (int t = 0; t < steps; t++) {
        for (int f = 0; f < FEATURES; f++) {
          // NWC layout: [example, time step, feature]
          x[(i * steps + t) * FEATURES + f] = (float) ((series[f][w + t] - min[f]) / range[f]);
        }
      }
      for (int f = 0; f < FEATURES; f++) {
        y[i * FEATURES + f] = (float) ((series[f][w + steps] - min[f]) / range[f]);
      }
    }
    return new Examples(n, new long[] {steps, FEATURES}, x, FEATURES, y);
  }
}
