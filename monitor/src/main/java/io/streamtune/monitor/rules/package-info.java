/**
 * Pure early-stopping rules: each is a function from a study's curves and one trial's curve so far
 * to a {@link io.streamtune.monitor.rules.Decision}. Nothing here knows about Kafka.
 *
 * <h2>Orientation</h2>
 *
 * Every value a rule sees is a loss: lower is better. The topology (and the replay simulator)
 * negate maximised metrics before a rule sees them, so a rule never branches on the metric's
 * direction. The one place where orientation still matters is a ratio test (the curve rule's {@code
 * threshold}), which is documented there.
 *
 * <h2>Steps</h2>
 *
 * Steps are 1-based: {@code TrialCurve.at(s)} is the value after epoch s, and a trial being judged
 * at step s has reported s values. No rule stops a trial at or after its last step, because that
 * saves nothing and would turn a completed trial into a stopped one. One guard, {@link
 * Guards#beforeFinalStep}, says where the last step is for every rule; rules do not check it
 * themselves. A trial without a budget ({@code maxSteps ≤ 0}) has no last step: it is judged at
 * every step, and a rule that needs the budget (the curve rule extrapolates to it, ASHA places its
 * rungs below it) continues.
 *
 * <h2>NaN policy</h2>
 *
 * <ul>
 *   <li>The judged trial: a NaN or infinite value stops it at once, whatever the rule, under the
 *       rule name {@code diverged} ({@link Guards#diverged}; a diverged run does not recover, and
 *       Optuna prunes it too). Rules themselves never see a non-finite latest value; an earlier NaN
 *       is a gap (an epoch that never arrived) and is skipped when the best-so-far is taken.
 *   <li>Reference trials: a non-finite reference value (or a running average that contains one) is
 *       left out of the median, the percentile or the rung, so one diverged trial can neither stop
 *       nor protect anybody. If that leaves too few values, the trial continues. A trial whose
 *       final value is not finite is failed, not completed: the monitor and the replay never list
 *       it among the completed trials.
 *   <li>The curve rule fits only finite points; with too few it continues.
 * </ul>
 *
 * <h2>Reasons</h2>
 *
 * A decision's {@link Reason} marks which of its numbers are losses, so that the monitor can show
 * them in the metric's own sign and direction; a rule's words never depend on the orientation.
 */
package io.streamtune.monitor.rules;
