/**
 * Sequential model-based optimisation as a library: the caller owns the loop, {@link
 * io.streamtune.optimizer.Optimizer#ask(int) asks} for points, evaluates them and {@link
 * io.streamtune.optimizer.Optimizer#tell tells} the values back. Values are always minimised.
 *
 * <h2>Parts</h2>
 *
 * <ul>
 *   <li>{@code space}: dimensions, their unit-cube encoding and the check of a value.
 *   <li>{@code design}: the points tried before any model (random, Sobol', Latin hypercube, grid).
 *   <li>{@code surrogate}, {@code gp}, {@code forest}: the posterior {@code μ(x), σ(x)} of a
 *       Gaussian process or of extra trees, each able to take made-up observations on a copy.
 *   <li>{@code acquisition}: utilities {@code u(μ, σ)}, the GP-Hedge portfolio, and their
 *       maximisation over the space.
 *   <li>This package: {@link io.streamtune.optimizer.BayesianOptimizer} ({@code x0}, then the
 *       initial design, then the model; batches and running trials through the constant liar),
 *       random and grid search, the {@link io.streamtune.optimizer.Optimizers} factory with the
 *       names it accepts, and {@link io.streamtune.optimizer.Minimize} to run the loop for you.
 * </ul>
 *
 * <h2>Pending points</h2>
 *
 * A point handed out by {@code ask} stays pending until it is told or dropped, and later asks avoid
 * it; {@code addPending} registers a running evaluation this instance did not propose.
 *
 * <p>The module's README ({@code suggester/optimizer/README.md}) has the notation shared by the
 * numerical classes, what each class does, tested usage examples and the references.
 */
package io.streamtune.optimizer;
