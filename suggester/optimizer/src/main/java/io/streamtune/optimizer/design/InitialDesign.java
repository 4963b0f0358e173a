package io.streamtune.optimizer.design;

import io.streamtune.optimizer.space.Space;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.apache.commons.math3.random.SobolSequenceGenerator;

/**
 * Space-filling points evaluated before the surrogate takes over: {@code random} (independent draws
 * from the priors), {@code sobol} (Sobol' low-discrepancy sequence from commons-math3, Joe &amp;
 * Kuo direction numbers, randomly shifted modulo 1 by the seed as in Cranley &amp; Patterson 1976),
 * {@code lhs} (Latin hypercube, McKay et al. 1979: one point per stratum of every coordinate) and
 * {@code grid} (a seeded sample of the coarsest {@link Grid} with at least {@code n} points).
 *
 * <p>Designs are built per <em>dimension</em> (not per one-hot coordinate) and decoded through
 * {@link io.streamtune.optimizer.space.Dimension#fromUnit}; a categorical gets the category whose
 * equal-width bin contains the coordinate, so strata map to categories evenly.
 */
public final class InitialDesign {

  public static final List<String> NAMES = List.of("random", "sobol", "lhs", "grid");

  private InitialDesign() {}

  public static List<Map<String, Object>> points(
      String kind, Space space, int n, RandomGenerator rng) {
    return switch (kind.toLowerCase(Locale.ROOT)) {
      case "random" -> random(space, n, rng);
      case "sobol" -> decode(space, sobol(space.dimensions().size(), n, rng));
      case "lhs" -> decode(space, lhs(space.dimensions().size(), n, rng));
      case "grid" -> grid(space, n, rng);
      default ->
          throw new IllegalArgumentException(
              "initialDesign '" + kind + "' is not available; use one of " + NAMES);
    };
  }

  private static List<Map<String, Object>> random(Space space, int n, RandomGenerator rng) {
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(space.sample(rng));
    }
    return out;
  }

  /** Scrambled by a random shift; the all-zero first point of the raw sequence is skipped. */
  static List<double[]> sobol(int dims, int n, RandomGenerator rng) {
    SobolSequenceGenerator sobol = new SobolSequenceGenerator(dims);
    sobol.nextVector(); // the origin (skipTo(1) would also consume the point after it)
    double[] shift = new double[dims];
    for (int j = 0; j < dims; j++) {
      shift[j] = rng.nextDouble();
    }
    List<double[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      double[] v = sobol.nextVector();
      for (int j = 0; j < dims; j++) {
        v[j] = (v[j] + shift[j]) % 1.0;
      }
      out.add(v);
    }
    return out;
  }

  static List<double[]> lhs(int dims, int n, RandomGenerator rng) {
    List<double[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new double[dims]);
    }
    for (int j = 0; j < dims; j++) {
      int[] perm = permutation(n, rng);
      for (int i = 0; i < n; i++) {
        out.get(i)[j] = (perm[i] + rng.nextDouble()) / n;
      }
    }
    return out;
  }

  private static List<Map<String, Object>> grid(Space space, int n, RandomGenerator rng) {
    int levels = Grid.levelsFor(space, n);
    var axes = Grid.axes(space, levels);
    long size = Grid.size(axes);
    // The finest grid within n can be much smaller than n; go one level finer and sample it
    // instead.
    if (size < n && Grid.size(Grid.axes(space, levels + 1)) > size) {
      axes = Grid.axes(space, levels + 1);
      size = Grid.size(axes);
    }
    List<Map<String, Object>> out = new ArrayList<>(n);
    if (size <= n) {
      for (long i = 0; i < size; i++) {
        out.add(Grid.point(space, axes, i));
      }
      return out;
    }
    Set<Long> chosen = new HashSet<>(); // the grid is larger than n even at 2 levels: sample it
    while (out.size() < n) {
      long i = rng.nextLong(size);
      if (chosen.add(i)) {
        out.add(Grid.point(space, axes, i));
      }
    }
    return out;
  }

  /** Decodes per-dimension coordinates in [0,1) into points. */
  private static List<Map<String, Object>> decode(Space space, List<double[]> unitPerDimension) {
    List<Map<String, Object>> out = new ArrayList<>(unitPerDimension.size());
    for (double[] v : unitPerDimension) {
      double[] u = new double[space.unitSize()];
      int offset = 0;
      for (int j = 0; j < v.length; j++) {
        var d = space.dimensions().get(j);
        if (d.unitSize() == 1) {
          u[offset] = v[j];
        } else { // one-hot: light up the category whose bin holds v_j
          u[offset + Math.min((int) (v[j] * d.unitSize()), d.unitSize() - 1)] = 1.0;
        }
        offset += d.unitSize();
      }
      out.add(space.fromUnit(u));
    }
    return out;
  }

  static int[] permutation(int n, RandomGenerator rng) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int k = rng.nextInt(i + 1);
      int t = p[i];
      p[i] = p[k];
      p[k] = t;
    }
    return p;
  }
}
