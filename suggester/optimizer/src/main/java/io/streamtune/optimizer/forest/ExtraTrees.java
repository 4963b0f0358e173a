package io.streamtune.optimizer.forest;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Extremely randomised trees for regression (Geurts, Ernst &amp; Wehenkel 2006, Alg. 1–3) with a
 * predictive std, the "ET" surrogate of scikit-optimize's {@code forest_minimize}.
 *
 * <p>Notation: {@code T} trees, each fitted on all {@code n} points (no bootstrap); at each node
 * every coordinate {@code j} gets one threshold drawn uniformly between its node minimum and
 * maximum, and the split with the largest variance reduction wins; leaves keep at least {@code m}
 * points and store their mean {@code μ_t} and variance {@code v_t}. The ensemble is a uniform
 * mixture, so by the law of total variance {@code μ = mean_t μ_t} and {@code σ² = mean_t (v_t +
 * μ_t²) - μ²} (as skopt's {@code _return_std}).
 */
public final class ExtraTrees implements Surrogate {

  private final Tree[] trees;

  private ExtraTrees(Tree[] trees) {
    this.trees = trees;
  }

  public static ExtraTrees fit(
      List<double[]> x, double[] y, int nTrees, int minLeaf, SplittableRandom rng) {
    if (x.isEmpty() || x.size() != y.length) {
      throw new IllegalArgumentException(
          "need as many values as points (>= 1) but had " + x.size() + " and " + y.length);
    }
    Tree[] trees = new Tree[nTrees];
    for (int t = 0; t < nTrees; t++) {
      trees[t] = Tree.grow(x, y, minLeaf, rng.split());
    }
    return new ExtraTrees(trees);
  }

  @Override
  public Posterior posterior(double[] x, boolean withGradient) {
    double mean = 0;
    double second = 0;
    for (Tree t : trees) {
      int leaf = t.leaf(x);
      mean += t.value[leaf];
      second += t.variance[leaf] + t.value[leaf] * t.value[leaf];
    }
    mean /= trees.length;
    second /= trees.length;
    return new Posterior(mean, Math.sqrt(Math.max(second - mean * mean, 0.0)));
  }

  @Override
  public boolean hasGradient() {
    return false;
  }

  public int size() {
    return trees.length;
  }

  /** One tree in flat arrays; {@code feature[i] < 0} marks a leaf. */
  static final class Tree {
    private int[] feature = new int[16];
    private double[] threshold = new double[16];
    private int[] left = new int[16];
    private int[] right = new int[16];
    private double[] value = new double[16];
    private double[] variance = new double[16];
    private int nodes;

    static Tree grow(List<double[]> x, double[] y, int minLeaf, SplittableRandom rng) {
      Tree t = new Tree();
      int[] idx = new int[y.length];
      for (int i = 0; i < idx.length; i++) {
        idx[i] = i;
      }
      t.build(x, y, idx, 0, idx.length, minLeaf, rng);
      return t;
    }

    int leaf(double[] x) {
      int node = 0;
      while (feature[node] >= 0) {
        node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
      }
      return node;
    }

    /** Builds the subtree over {@code idx[from, to)} and returns its node index. */
    private int build(
        List<double[]> x,
        double[] y,
        int[] idx,
        int from,
        int to,
        int minLeaf,
        SplittableRandom rng) {
      int node = newNode();
      int count = to - from;
      double sum = 0;
      double sumSq = 0;
      for (int i = from; i < to; i++) {
        sum += y[idx[i]];
        sumSq += y[idx[i]] * y[idx[i]];
      }
      double mean = sum / count;
      value[node] = mean;
      variance[node] = Math.max(sumSq / count - mean * mean, 0.0);
      feature[node] = -1;
      if (count < 2 * minLeaf || variance[node] <= 0) {
        return node;
      }
      int dim = x.get(idx[from]).length;
      int bestFeature = -1;
      double bestThreshold = 0;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < dim; j++) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          double v = x.get(idx[i])[j];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
          continue;
        }
        double cut = lo + rng.nextDouble() * (hi - lo);
        double sl = 0;
        int nl = 0;
        for (int i = from; i < to; i++) {
          if (x.get(idx[i])[j] <= cut) {
            sl += y[idx[i]];
            nl++;
          }
        }
        int nr = count - nl;
        if (nl < minLeaf || nr < minLeaf) {
          continue;
        }
        // Variance reduction up to constants: n_l ȳ_l² + n_r ȳ_r².
        double score = sl * sl / nl + (sum - sl) * (sum - sl) / nr;
        if (score > bestScore) {
          bestScore = score;
          bestFeature = j;
          bestThreshold = cut;
        }
      }
      if (bestFeature < 0) {
        return node;
      }
      int mid = partition(x, idx, from, to, bestFeature, bestThreshold);
      feature[node] = bestFeature;
      threshold[node] = bestThreshold;
      int l = build(x, y, idx, from, mid, minLeaf, rng);
      int r = build(x, y, idx, mid, to, minLeaf, rng);
      left[node] = l;
      right[node] = r;
      return node;
    }

    private static int partition(List<double[]> x, int[] idx, int from, int to, int j, double cut) {
      int i = from;
      int k = to - 1;
      while (i <= k) {
        if (x.get(idx[i])[j] <= cut) {
          i++;
        } else {
          int tmp = idx[i];
          idx[i] = idx[k];
          idx[k] = tmp;
          k--;
        }
      }
      return i;
    }

    private int newNode() {
      if (nodes == feature.length) {
        int cap = nodes * 2;
        feature = Arrays.copyOf(feature, cap);
        threshold = Arrays.copyOf(threshold, cap);
        left = Arrays.copyOf(left, cap);
        right = Arrays.copyOf(right, cap);
        value = Arrays.copyOf(value, cap);
        variance = Arrays.copyOf(variance, cap);
      }
      return nodes++;
    }
  }
}
