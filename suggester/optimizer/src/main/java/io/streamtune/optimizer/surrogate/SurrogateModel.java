package io.streamtune.optimizer.surrogate;

import java.util.List;
import java.util.Map;

/**
 * A surrogate that is refitted as observations arrive, and can be copied to add fantasised
 * observations (the constant liar) without disturbing the original.
 */
public interface SurrogateModel {

  /**
   * Brings the model up to date with all observations so far (a prefix-extension of the last call).
   */
  Surrogate update(List<double[]> x, double[] y);

  /** A copy of the current model that accepts fantasised observations. */
  Fantasy fantasize();

  /** A summary for results and logs: the kind of model and its fitted parameters. */
  Map<String, Object> describe();

  /** A disposable model copy with extra, made-up observations. */
  interface Fantasy extends Surrogate {
    void add(double[] x, double y);
  }
}
