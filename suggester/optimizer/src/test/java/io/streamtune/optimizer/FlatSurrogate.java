package io.streamtune.optimizer;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;

/** The same posterior everywhere and no gradient: for tests that need a model but no shape. */
record FlatSurrogate(double mean, double std) implements Surrogate {

  @Override
  public Posterior posterior(double[] x, boolean withGradient) {
    return new Posterior(mean, std);
  }

  @Override
  public boolean hasGradient() {
    return false;
  }
}
