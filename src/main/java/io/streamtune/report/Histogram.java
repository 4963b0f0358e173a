package io.streamtune.report;

import io.streamtune.report.StudyResults.Dim;
import io.streamtune.report.StudyResults.Trial;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * How often each part of a dimension was sampled, over the trials with a final value: the diagonal
 * of the evaluations plot (skopt's {@code plot_evaluations}). A numeric dimension is cut into equal
 * bins over its bounds (equal in the logarithm for a log-uniform one); a categorical one has a bin
 * per category.
 *
 * @param labels one per bin: the category, or the bin's lower edge
 * @param edges the bins' edges (one more than the bins), empty for a categorical dimension
 */
public record Histogram(String dimension, List<String> labels, List<Double> edges, int[] counts) {

  static final int BINS = 10;

  public static Histogram of(Dim d, List<Trial> trials) {
    if (d.categorical()) {
      int[] counts = new int[d.categories().size()];
      for (Trial t : trials) {
        int i =
            t.hasFinalValue()
                ? d.categories().indexOf(String.valueOf(t.params().get(d.name())))
                : -1;
        if (i >= 0) {
          counts[i]++;
        }
      }
      return new Histogram(d.name(), d.categories(), List.of(), counts);
    }
    if ("integer".equals(d.type()) && d.high() - d.low() < BINS * 2) {
      return integers(d, trials);
    }
    boolean log = d.log() && d.low() > 0;
    double lo = log ? Math.log(d.low()) : d.low();
    double hi = log ? Math.log(d.high()) : d.high();
    List<Double> edges = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int i = 0; i <= BINS; i++) {
      double e = lo + (hi - lo) * i / BINS;
      // the bounds exactly, not as exp(log(bound))
      double edge = i == 0 ? d.low() : i == BINS ? d.high() : log ? Math.exp(e) : e;
      edges.add(edge);
      if (i < BINS) {
        labels.add(label(edge));
      }
    }
    int[] counts = new int[BINS];
    for (Trial t : trials) {
      if (t.hasFinalValue() && t.params().get(d.name()) instanceof Double v) {
        double x = log ? Math.log(v) : v;
        int i = hi > lo ? (int) Math.floor((x - lo) / (hi - lo) * BINS) : 0;
        counts[Math.max(0, Math.min(BINS - 1, i))]++;
      }
    }
    return new Histogram(d.name(), labels, edges, counts);
  }

  /** A bin per value of a narrow integer dimension: 1, 2, 3 rather than 1, 1.5, 2. */
  private static Histogram integers(Dim d, List<Trial> trials) {
    int lo = (int) Math.round(d.low());
    int n = (int) Math.round(d.high()) - lo + 1;
    List<String> labels = new ArrayList<>();
    List<Double> edges = new ArrayList<>();
    for (int i = 0; i <= n; i++) {
      edges.add(lo + i - 0.5);
      if (i < n) {
        labels.add(Integer.toString(lo + i));
      }
    }
    int[] counts = new int[n];
    for (Trial t : trials) {
      if (t.hasFinalValue() && t.params().get(d.name()) instanceof Double v) {
        counts[Math.max(0, Math.min(n - 1, (int) Math.round(v) - lo))]++;
      }
    }
    return new Histogram(d.name(), labels, edges, counts);
  }

  /** A bin's lower edge in two significant digits: 0.0001, 0.0016, 25. */
  static String label(double v) {
    return label(v, 2);
  }

  /** A number for an axis, in a few significant digits, without trailing zeros. */
  static String label(double v, int digits) {
    if (v == 0) {
      return "0";
    }
    BigDecimal b = new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros();
    return Math.abs(v) >= 1e-4 && Math.abs(v) < 1e7 ? b.toPlainString() : b.toString();
  }
}
