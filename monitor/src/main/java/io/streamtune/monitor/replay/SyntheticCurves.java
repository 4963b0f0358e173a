package io.streamtune.monitor.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Seeded synthetic learning curves for tests and demos, until real trainer curves are recorded.
 *
 * <p>Notation: trial τ has loss ℓ_τ(x) = c_τ + a_τ·x^(−α_τ) + ε, ε ~ N(0, σ²), x = 1..E, with c_τ =
 * 0.05 + 0.5·u² (u uniform: a few good trials, many mediocre ones), a_τ ~ U(0.5, 2) and α_τ ~
 * U(0.2, 1.2), so that fast starters and late bloomers cross, which is what makes early stopping
 * risky. As an accuracy the value is 1 − ℓ.
 */
public final class SyntheticCurves {

  private SyntheticCurves() {}

  public static LearningCurves powerLaw(
      String name, long seed, int trials, int epochs, double noise, boolean asAccuracy) {
    Random random = new Random(seed);
    List<LearningCurves.Curve> curves = new ArrayList<>();
    for (int t = 0; t < trials; t++) {
      double u = random.nextDouble();
      double c = 0.05 + 0.5 * u * u;
      double a = 0.5 + 1.5 * random.nextDouble();
      double alpha = 0.2 + random.nextDouble();
      double[] v = new double[epochs];
      for (int i = 0; i < epochs; i++) {
        double loss = c + a * Math.pow(i + 1, -alpha) + noise * random.nextGaussian();
        v[i] = asAccuracy ? 1 - loss : loss;
      }
      curves.add(new LearningCurves.Curve(String.format(Locale.ROOT, "t%04d", t), v));
    }
    return new LearningCurves(name, asAccuracy, curves);
  }
}
