package io.streamtune.monitor.replay;

import io.streamtune.monitor.rules.curve.CurveFamily;
import io.streamtune.monitor.rules.curve.CurvePosterior;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;

/**
 * How honest the curve posterior's probabilities are on recorded curves: for every trial with a
 * finite final value and a step s below its budget, u = P(ℓ_m &lt; its actual final | its first s
 * values). If the predictive were calibrated, u would be uniform, so the fraction of trials with u
 * &lt; 5 % would be 5 %. That tail is the one that costs regret: a trial whose real final beats
 * what the posterior gave it less than δ of a chance is one the curve test may stop wrongly.
 *
 * <pre>
 * CurveCalibration FILE... [--steps 3,5,8,12]
 * </pre>
 */
public final class CurveCalibration {

  private CurveCalibration() {}

  public static void main(String[] args) {
    run(args, System.out);
  }

  static void run(String[] args, PrintStream out) {
    int[] steps = {3, 5, 8, 12};
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--steps")) {
        steps = Arrays.stream(args[++i].split(",")).mapToInt(Integer::parseInt).toArray();
        continue;
      }
      LearningCurves set = CurveFixtures.read(Path.of(args[i]));
      out.printf("%s (%d trials)%n", set.name(), set.curves().size());
      out.printf(
          "%5s %7s %9s %9s %9s %9s%n", "step", "trials", "u < 1%", "u < 5%", "u > 95%", "u > 99%");
      for (int s : steps) {
        int n = 0;
        int[] tails = new int[4];
        for (LearningCurves.Curve c : set.curves()) {
          double finalLoss = set.loss(c.last());
          if (s >= c.epochs() || !Double.isFinite(finalLoss)) {
            continue;
          }
          double[] losses = new double[s];
          for (int j = 0; j < s; j++) {
            losses[j] = set.loss(c.values()[j]);
          }
          CurvePosterior p =
              CurvePosterior.of(losses, c.epochs(), EnumSet.allOf(CurveFamily.class));
          if (p == null) {
            continue;
          }
          double u = p.probabilityBelow(finalLoss);
          n++;
          tails[0] += u < 0.01 ? 1 : 0;
          tails[1] += u < 0.05 ? 1 : 0;
          tails[2] += u > 0.95 ? 1 : 0;
          tails[3] += u > 0.99 ? 1 : 0;
        }
        out.printf(
            "%5d %7d %8.1f%% %8.1f%% %8.1f%% %8.1f%%%n",
            s,
            n,
            100.0 * tails[0] / n,
            100.0 * tails[1] / n,
            100.0 * tails[2] / n,
            100.0 * tails[3] / n);
      }
      out.println();
    }
  }
}
