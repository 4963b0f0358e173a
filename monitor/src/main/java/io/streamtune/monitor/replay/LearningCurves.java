package io.streamtune.monitor.replay;

import java.util.List;

/**
 * A set of full learning curves from one objective, in the metric's own orientation, as recorded by
 * trainers that ran every trial to the end.
 *
 * @param name a label for reports (for example "mlp-mnist")
 * @param maximize whether larger metric values are better (accuracy) or smaller (loss)
 */
public record LearningCurves(String name, boolean maximize, List<Curve> curves) {

  /** One trial: {@code values[i]} is the metric after epoch i + 1. */
  public record Curve(String trial, double[] values) {

    public Curve {
      if (values.length == 0) {
        throw new IllegalArgumentException("curve '" + trial + "' has no values");
      }
      values = values.clone();
    }

    public int epochs() {
      return values.length;
    }

    public double last() {
      return values[values.length - 1];
    }
  }

  public LearningCurves {
    curves = List.copyOf(curves);
    if (curves.isEmpty()) {
      throw new IllegalArgumentException("curve set '" + name + "' is empty");
    }
  }

  /** The value as a loss (lower is better), which is what rules see. */
  public double loss(double value) {
    return maximize ? -value : value;
  }

  public long totalEpochs() {
    return curves.stream().mapToLong(Curve::epochs).sum();
  }

  public int maxEpochs() {
    return curves.stream().mapToInt(Curve::epochs).max().orElse(0);
  }
}
