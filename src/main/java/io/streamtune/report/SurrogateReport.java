package io.streamtune.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.optimizer.gp.GaussianProcess;
import io.streamtune.optimizer.gp.GpFitter;
import io.streamtune.optimizer.space.CategoricalDimension;
import io.streamtune.report.StudyResults.Trial;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * What models fitted to a study's results say about its parameters: importance (fANOVA main effects
 * of an extra-trees forest, {@link Importance}) and partial dependence (of a Gaussian process,
 * {@link PartialDependence}, as scikit-optimize's {@code plot_objective}). Both are fitted to the
 * trials with a final value, in the unit cube the optimizer searches, with a fixed seed so that a
 * report is the same every time it is made.
 */
final class SurrogateReport {

  /** Fewer trials with a final value than this, and no model is fitted. */
  static final int MIN_TRIALS = 5;

  static final int POINTS = 40;
  static final int SAMPLES = 250;
  static final int PAIR_POINTS = 20;
  static final int PAIR_SAMPLES = 100;
  static final int MAX_PAIR_DIMENSIONS = 10;
  static final int MAX_FIT = 300;
  static final long SEED = 20140101L;

  static final String METHOD =
      "fANOVA main effects (Hutter, Hoos & Leyton-Brown 2014) of the Gaussian process fitted to"
          + " the results (the one of the partial dependence below), the marginals averaged over a"
          + " Latin hypercube of "
          + SAMPLES
          + " points";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private SurrogateReport() {}

  static ObjectNode of(StudyResults study) {
    ObjectNode root = NODES.objectNode();
    List<Trial> done = study.trials().stream().filter(Trial::hasFinalValue).toList();
    root.put("trials", done.size());
    if (done.size() < MIN_TRIALS || study.space().isEmpty()) {
      root.put(
          "note",
          "Needs at least "
              + MIN_TRIALS
              + " trials with a final value; this study has "
              + done.size()
              + ".");
      return root;
    }
    SweptSpace space = new SweptSpace(study.space());
    List<double[]> x = new ArrayList<>();
    double[] y = new double[done.size()];
    for (int n = 0; n < done.size(); n++) {
      x.add(space.toUnit(done.get(n).params()));
      y[n] = done.get(n).value();
    }
    List<double[]> samples = space.latinHypercube(SAMPLES, new SplittableRandom(SEED));
    GaussianProcess model = fit(x, y);
    root.set("importance", importance(study, space, samples, model::mean));
    root.set("dependence", dependence(space, samples, model::mean, x, done, study));
    root.put(
        "dependence_model", "Gaussian process (Matérn 5/2) fitted to " + done.size() + " trials");
    return root;
  }

  /**
   * The GP's hyperparameters by maximum likelihood on at most {@link #MAX_FIT} of the trials (a
   * seeded random subset: the likelihood costs O(n³) per step), then conditioned on all of them.
   */
  static GaussianProcess fit(List<double[]> x, double[] y) {
    SplittableRandom rng = new SplittableRandom(SEED);
    List<double[]> fx = x;
    double[] fy = y;
    if (x.size() > MAX_FIT) {
      List<Integer> order = new ArrayList<>();
      for (int i = 0; i < x.size(); i++) {
        order.add(i);
      }
      Collections.shuffle(order, new Random(SEED));
      fx = new ArrayList<>();
      fy = new double[MAX_FIT];
      for (int k = 0; k < MAX_FIT; k++) {
        fx.add(x.get(order.get(k)));
        fy[k] = y[order.get(k)];
      }
    }
    double[] theta = GpFitter.defaults().fit(fx, fy, null, rng);
    return GaussianProcess.fit(x, y, theta);
  }

  /** Fewer sampled points for the pairs of a large study: their cost grows with its size. */
  static int pairSamples(int trials) {
    return Math.max(25, Math.min(PAIR_SAMPLES, 10_000 / Math.max(1, trials)));
  }

  private static ObjectNode importance(
      StudyResults study, SweptSpace space, List<double[]> samples, ToDoubleFunction<double[]> f) {
    List<Importance.Effect> effects =
        new ArrayList<>(Importance.mainEffects(space, samples, f, POINTS));
    double sum = effects.stream().mapToDouble(Importance.Effect::fraction).sum();
    effects.sort(Comparator.comparingDouble(Importance.Effect::fraction).reversed());
    ObjectNode o = NODES.objectNode();
    o.put("method", METHOD);
    ArrayNode list = o.putArray("effects");
    for (Importance.Effect e : effects) {
      list.addObject()
          .put("name", study.space().get(e.dimension()).name())
          .put("fraction", e.fraction());
    }
    o.put("interactions", Math.max(0, 1 - sum));
    return o;
  }

  private static ObjectNode dependence(
      SweptSpace space,
      List<double[]> samples,
      ToDoubleFunction<double[]> f,
      List<double[]> x,
      List<Trial> done,
      StudyResults study) {
    ObjectNode o = NODES.objectNode();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    ArrayNode curves = o.putArray("curves");
    List<List<Object>> grids = new ArrayList<>();
    for (int i = 0; i < space.size(); i++) {
      PartialDependence.Curve c = PartialDependence.curve(space, i, samples, f, POINTS);
      grids.add(c.xs());
      ObjectNode node = curves.addObject();
      node.put("name", study.space().get(i).name());
      node.set("xs", labels(c.xs()));
      ArrayNode values = node.putArray("values");
      for (double v : c.values()) {
        values.add(v);
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    // every diagonal on one scale, so that a flat curve looks flat beside a steep one
    o.put("curves_min", min);
    o.put("curves_max", max);
    ArrayNode surfaces = o.putArray("surfaces");
    if (space.size() <= MAX_PAIR_DIMENSIONS) {
      List<double[]> few = samples.subList(0, pairSamples(x.size()));
      for (int i = 0; i < space.size(); i++) {
        for (int j = 0; j < i; j++) {
          // column j on x, row i on y, as in the evaluations
          PartialDependence.Surface s = PartialDependence.surface(space, j, i, few, f, PAIR_POINTS);
          ObjectNode node = surfaces.addObject().put("x", j).put("y", i);
          node.set("xs", labels(s.xs()));
          node.set("ys", labels(s.ys()));
          ArrayNode cells = node.putArray("values");
          for (int b = 0; b < s.ys().size(); b++) {
            for (int a = 0; a < s.xs().size(); a++) {
              cells.addArray().add(a).add(b).add(s.values()[b][a]);
              min = Math.min(min, s.values()[b][a]);
              max = Math.max(max, s.values()[b][a]);
            }
          }
        }
      }
    }
    o.put("min", min);
    o.put("max", max);
    o.set("samples", positions(space, x, done, POINTS));
    o.set("pair_samples", positions(space, x, done, PAIR_POINTS));
    return o;
  }

  /**
   * Where each trial falls on the swept axes, as a fractional index: a category's index, or for a
   * numeric dimension {@code u G - 1/2} for unit coordinate {@code u} and {@code G} swept values
   * (their midpoints sit at {@code (k + 1/2) / G}). Then the trial's value and number.
   */
  private static ArrayNode positions(
      SweptSpace space, List<double[]> x, List<Trial> done, int points) {
    ArrayNode rows = NODES.arrayNode();
    for (int n = 0; n < done.size(); n++) {
      ArrayNode r = rows.addArray();
      int offset = 0;
      for (int i = 0; i < space.size(); i++) {
        if (space.dimension(i) instanceof CategoricalDimension c) {
          r.add(c.categories().indexOf(String.valueOf(done.get(n).params().get(c.name()))));
        } else {
          r.add(x.get(n)[offset] * space.grid(i, points).size() - 0.5);
        }
        offset += space.dimension(i).unitSize();
      }
      r.add(done.get(n).value());
      r.add(done.get(n).number());
    }
    return rows;
  }

  private static ArrayNode labels(List<Object> xs) {
    ArrayNode out = NODES.arrayNode();
    for (Object v : xs) {
      out.add(v instanceof Double d ? Histogram.label(d, 3) : String.valueOf(v));
    }
    return out;
  }
}
