package io.streamtune.monitor.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Small builders for test curves. */
public final class Curves {

  private Curves() {}

  public static TrialCurve curve(String id, int maxSteps, double... losses) {
    return new TrialCurve(id, losses, maxSteps, 0);
  }

  public static TrialCurve bracketed(String id, int maxSteps, int bracket, double... losses) {
    return new TrialCurve(id, losses, maxSteps, bracket);
  }

  /** n completed trials whose loss is {@code values[k]} at every one of {@code steps} steps. */
  public static List<TrialCurve> flat(int steps, double... values) {
    List<TrialCurve> out = new ArrayList<>();
    for (int k = 0; k < values.length; k++) {
      double[] c = new double[steps];
      Arrays.fill(c, values[k]);
      out.add(new TrialCurve("c" + k, c, steps, 0));
    }
    return out;
  }
}
