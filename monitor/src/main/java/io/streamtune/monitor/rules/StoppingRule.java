package io.streamtune.monitor.rules;

/**
 * An early-stopping rule: a pure function from the study's curves and one trial's curve so far to a
 * decision. Implementations hold only their parameters, never Kafka types or mutable state.
 */
@FunctionalInterface
public interface StoppingRule {

  Decision evaluate(StudyCurves study, TrialCurve trial);

  StoppingRule NONE = (study, trial) -> Decision.keepGoing();
}
