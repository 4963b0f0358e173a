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

  /**
   * The distribution-free upper confidence bound of a population quantile by an order statistic
   * (David and Nagaraja, "Order Statistics", 3rd ed. 2003, §7.1): of n independent draws, the k-th
   * smallest is at or above the population q-quantile with probability P(Bin(n, q) ≤ k − 1). This
   * returns the smallest such k (1-based) whose probability is at least {@code confidence}, or n +
   * 1 when even the largest draw is not a bound that sure (then nothing is confidently outside).
   */
  public static int upperBoundRank(int n, double q, double confidence) {
    if (n < 1 || !(q > 0 && q < 1) || !(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException(
          "need n >= 1, q and confidence in (0, 1) but were " + n + ", " + q + ", " + confidence);
    }
    // P(Bin(n, q) = j), j = 0, 1, …, accumulated until the CDF reaches the confidence; in logs,
    // so that (1 − q)^n does not underflow for large n.
    double logPmf = n * Math.log1p(-q);
    double cdf = 0;
    for (int k = 1; k <= n; k++) {
      int j = k - 1;
      if (j > 0) {
        logPmf += Math.log((double) (n - j + 1) / j) + Math.log(q) - Math.log1p(-q);
      }
      cdf += Math.exp(logPmf);
      if (cdf >= confidence) {
        return k;
      }
    }
    return n + 1;
  }
}
