package io.streamtune.optimizer.math;

/** A smooth objective {@code f: R^d -> R} that also writes its gradient. */
@FunctionalInterface
public interface DifferentiableFunction {

  /** Returns {@code f(x)} and writes {@code ∇f(x)} into {@code grad} (same length as {@code x}). */
  double valueAndGradient(double[] x, double[] grad);
}
