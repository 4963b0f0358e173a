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
 * saves nothing and would turn a completed trial into a stopped one ({@link
 * Guards#beforeFinalStep}).
 *
 * <h2>NaN policy</h2>
 *
 * <ul>
 *   <li>The judged trial: NaN values are skipped when its best-so-far is taken; if every value so
 *       far is NaN, or its value at an ASHA rung is NaN, it is stopped (a diverged run does not
 *       recover, and Optuna prunes it too).
 *   <li>Reference trials: a NaN reference value (or a running average that contains one) is left
 *       out of the median, the percentile or the rung, so one diverged trial can neither stop nor
 *       protect anybody. If that leaves too few values, the trial continues.
 *   <li>The curve rule fits only finite points; with too few it continues.
 * </ul>
 */
package io.streamtune.monitor.rules;
