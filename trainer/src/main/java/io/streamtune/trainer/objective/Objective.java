package io.streamtune.trainer.objective;

/**
 * Something a trainer can evaluate: it trains for at most {@link TrialContext#maxEpochs()} epochs,
 * reports the metric after each one, and returns the final value. Implementations check {@link
 * TrialContext#reportEpoch} between epochs, which is where stop decisions take effect. Any
 * exception (or NaN) becomes a FAILED trial; the worker lives on.
 */
@FunctionalInterface
public interface Objective {

  ObjectiveResult run(TrialContext context) throws Exception;
}
