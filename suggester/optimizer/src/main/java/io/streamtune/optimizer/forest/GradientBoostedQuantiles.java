package io.streamtune.optimizer.forest;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.Arrays;
import java.util.List;

/**
 * Gradient-boosted regression trees with the quantile loss, one ensemble per quantile 0.16, 0.5 and
 * 0.84: the "GBRT" surrogate of scikit-optimize's {@code gbrt_minimize}, which reads the median as
 * the mean and half the 0.16–0.84 spread as the std.
 *
 * <p>Notation: {@code α} the quantile; {@code F_0 = q_α(y)} (linear interpolation, as {@code
 * np.percentile}); stage {@code m} fits a least-squares tree {@code h_m} of depth ≤ 3 to the
 * negative gradient of the pinball loss {@code r_i = α} if {@code y_i > F(x_i)} else {@code α - 1},
 * then sets each leaf's value to the {@code α}-quantile of {@code y_i - F(x_i)} over its points
 * (the loss's exact line search per region), and {@code F_m = F_{m-1} + ν h_m}. Friedman 2001,
 * "Greedy function approximation", Alg. 1 with §4.6's regions; scikit-learn's {@code
 * GradientBoostingRegressor(loss="quantile")} with its defaults {@code ν = 0.1}, depth 3, and
 * scikit-optimize's 30 stages.
 */
public final class GradientBoostedQuantiles implements Surrogate {

  /** The quantiles scikit-optimize fits. */
  public static final double[] QUANTILES = {0.16, 0.5, 0.84};

  static final int STAGES = 30;
  static final int DEPTH = 3;
  static final double LEARNING_RATE = 0.1;

  private final Ensemble[] ensembles;

  private GradientBoostedQuantiles(Ensemble[] ensembles) {
    this.ensembles = ensembles;
  }

  public static GradientBoostedQuantiles fit(List<double[]> x, double[] y) {
    if (x.isEmpty() || x.size() != y.length) {
      throw new IllegalArgumentException(
          "need as many values as points (>= 1) but had " + x.size() + " and " + y.length);
    }
    Ensemble[] e = new Ensemble[QUANTILES.length];
    for (int q = 0; q < QUANTILES.length; q++) {
      e[q] = Ensemble.fit(x, y, QUANTILES[q], STAGES, DEPTH, LEARNING_RATE);
    }
    return new GradientBoostedQuantiles(e);
  }

  /** The {@code α}-quantile ensemble's prediction, for tests against scikit-learn. */
  public static double[] predictQuantile(
      List<double[]> x, double[] y, double alpha, int stages, List<double[]> at) {
    Ensemble e = Ensemble.fit(x, y, alpha, stages, DEPTH, LEARNING_RATE);
    return at.stream().mapToDouble(e::predict).toArray();
  }

  @Override
  public Posterior posterior(double[] x, boolean withGradient) {
    double low = ensembles[0].predict(x);
    double median = ensembles[1].predict(x);
    double high = ensembles[2].predict(x);
    return new Posterior(median, Math.max((high - low) / 2, 0.0));
  }

  @Override
  public boolean hasGradient() {
    return false;
  }

  /** One quantile's boosted trees. */
  private record Ensemble(double init, double rate, Node[] trees) {

    static Ensemble fit(
        List<double[]> x, double[] y, double alpha, int stages, int depth, double rate) {
      int n = y.length;
      double init = percentile(y.clone(), alpha);
      double[] f = new double[n];
      Arrays.fill(f, init);
      Node[] trees = new Node[stages];
      int[] all = new int[n];
      for (int i = 0; i < n; i++) {
        all[i] = i;
      }
      double[] r = new double[n];
      for (int m = 0; m < stages; m++) {
        for (int i = 0; i < n; i++) {
          r[i] = y[i] > f[i] ? alpha : alpha - 1;
        }
        Node tree = Node.grow(x, r, all, depth);
        tree.setLeafValues(x, y, f, alpha);
        for (int i = 0; i < n; i++) {
          f[i] += rate * tree.predict(x.get(i));
        }
        trees[m] = tree;
      }
      return new Ensemble(init, rate, trees);
    }

    double predict(double[] x) {
      double v = init;
      for (Node t : trees) {
        v += rate * t.predict(x);
      }
      return v;
    }
  }

  /** A least-squares regression tree node; a leaf when {@code feature < 0}. */
  private static final class Node {
    int feature = -1;
    double threshold;
    Node left;
    Node right;
    double value;
    int[] rows;

    static Node grow(List<double[]> x, double[] r, int[] rows, int depth) {
      Node node = new Node();
      node.rows = rows;
      if (depth == 0 || rows.length < 2) {
        return node;
      }
      int dim = x.get(0).length;
      double total = 0;
      for (int i : rows) {
        total += r[i];
      }
      double bestGain = 1e-12;
      Integer[] order = new Integer[rows.length];
      for (int j = 0; j < dim; j++) {
        final int feature = j;
        for (int k = 0; k < rows.length; k++) {
          order[k] = rows[k];
        }
        Arrays.sort(order, (a, b) -> Double.compare(x.get(a)[feature], x.get(b)[feature]));
        double leftSum = 0;
        for (int k = 0; k + 1 < rows.length; k++) {
          leftSum += r[order[k]];
          double here = x.get(order[k])[j];
          double next = x.get(order[k + 1])[j];
          if (!(next > here)) {
            continue; // no threshold between equal values
          }
          int nl = k + 1;
          int nr = rows.length - nl;
          double rightSum = total - leftSum;
          // Friedman's improvement (n_l n_r / n)(mean_l - mean_r)², without the 1/n that every
          // split of this node shares, written as scikit-learn's FriedmanMSE computes it
          double diff = nr * leftSum - nl * rightSum;
          double gain = diff * diff / ((double) nl * nr);
          // The gradients take two values, so exact ties between splits are common; the first
          // split found wins them, as in scikit-learn, whatever the last bits of rounding say.
          if (gain > bestGain * (1 + 1e-9)) {
            bestGain = gain;
            node.feature = j;
            node.threshold = here + (next - here) / 2; // the midpoint, as scikit-learn splits
          }
        }
      }
      if (node.feature < 0) {
        return node;
      }
      int nl = 0;
      for (int i : rows) {
        nl += x.get(i)[node.feature] <= node.threshold ? 1 : 0;
      }
      int[] l = new int[nl];
      int[] rr = new int[rows.length - nl];
      int a = 0;
      int b = 0;
      for (int i : rows) {
        if (x.get(i)[node.feature] <= node.threshold) {
          l[a++] = i;
        } else {
          rr[b++] = i;
        }
      }
      node.left = grow(x, r, l, depth - 1);
      node.right = grow(x, r, rr, depth - 1);
      node.rows = null;
      return node;
    }

    /** Each leaf's value: the α-quantile of the residuals {@code y - F} of its points. */
    void setLeafValues(List<double[]> x, double[] y, double[] f, double alpha) {
      if (feature >= 0) {
        left.setLeafValues(x, y, f, alpha);
        right.setLeafValues(x, y, f, alpha);
        return;
      }
      double[] diff = new double[rows.length];
      for (int k = 0; k < rows.length; k++) {
        diff[k] = y[rows[k]] - f[rows[k]];
      }
      value = weightedPercentile(diff, alpha);
      rows = null;
    }

    double predict(double[] x) {
      Node n = this;
      while (n.feature >= 0) {
        n = x[n.feature] <= n.threshold ? n.left : n.right;
      }
      return n.value;
    }
  }

  /** {@code np.percentile(v, 100 α)}: linear interpolation between order statistics. */
  static double percentile(double[] v, double alpha) {
    Arrays.sort(v);
    double pos = alpha * (v.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, v.length - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
  }

  /**
   * scikit-learn's {@code _weighted_percentile} with unit weights: the smallest value whose
   * cumulative count reaches {@code α n}.
   */
  static double weightedPercentile(double[] v, double alpha) {
    Arrays.sort(v);
    double target = alpha * v.length;
    int idx = 0;
    while (idx < v.length - 1 && idx + 1 < target) {
      idx++;
    }
    return v[idx];
  }
}
