package io.streamtune.monitor.rules;

import java.util.Arrays;

/**
 * Order statistics over reference values, with the NaN policy of the rules: NaN and infinite
 * entries (diverged references) are dropped.
 *
 * <p>Notation: v_(0) ≤ … ≤ v_(n−1) are the n finite values sorted. The p-th percentile is numpy's
 * default ("linear"): h = (p/100)·(n−1), P_p = v_(⌊h⌋) + (h − ⌊h⌋)·(v_(⌊h⌋+1) − v_(⌊h⌋)). This is
 * what Optuna's PercentilePruner uses ({@code np.nanpercentile}); at p = 50 it is the textbook
 * median (the middle value, or the mean of the two middle values for even n).
 */
public final class Percentiles {

  private Percentiles() {}

  /** The finite values, sorted ascending. */
  public static double[] finiteSorted(double[] values) {
    double[] v = Arrays.stream(values).filter(Double::isFinite).toArray();
    Arrays.sort(v);
    return v;
  }

  /** P_p of the finite values; NaN when there are none. */
  public static double percentile(double[] values, double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100] but was " + p);
    }
    double[] v = finiteSorted(values);
    if (v.length == 0) {
      return Double.NaN;
    }
    double h = p / 100.0 * (v.length - 1);
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, v.length - 1);
    double frac = h - lo;
    // Written as a two-sided blend so that equal neighbours (and infinities) stay exact.
    return frac == 0 ? v[lo] : v[lo] + frac * (v[hi] - v[lo]);
  }

  public static double median(double[] values) {
    return percentile(values, 50);
  }
}
