package io.streamtune.optimizer.surrogate;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

  /**
   * What this model fitted, to keep with a service's state; empty for models that refit cheaply.
   */
  default Optional<SurrogateState> state() {
    return Optional.empty();
  }

  /**
   * Takes a {@link #state()} kept from an earlier instance; the next {@link #update} uses it as if
   * this model had fitted it. A state of another kind or dimension is ignored.
   */
  default void restore(SurrogateState state) {}

  /** A summary for results and logs: the kind of model and its fitted parameters. */
  Map<String, Object> describe();

  /** A disposable model copy with extra, made-up observations. */
  interface Fantasy extends Surrogate {
    void add(double[] x, double y);
  }
}
