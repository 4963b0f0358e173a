package io.streamtune.optimizer;

import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.SurrogateState;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ask/tell interface in the style of scikit-optimize's {@code Optimizer}: the caller owns the loop.
 * Values are always minimised; callers negate maximised metrics.
 *
 * <p>Points handed out by {@link #ask} stay <em>pending</em> until told or dropped, so that later
 * asks (for other idle workers) do not propose them again, and a GP conditions on them as
 * fantasies. A {@link #tell} of a point that was never asked (a rounded or repaired version of the
 * asked one) answers the oldest asked point still pending, so no stale fantasy is left behind;
 * points registered with {@link #addPending} leave only when told or dropped. Integer values may be
 * any integral {@code Number}, real values any {@code Number}.
 */
public interface Optimizer {

  /** Proposes {@code n} new points, distinct from each other and from pending points. */
  List<Map<String, Object>> ask(int n);

  default Map<String, Object> ask() {
    return ask(1).get(0);
  }

  /**
   * Records an evaluation. A point that was pending stops being pending; a point that was not
   * pending ends the oldest asked point's pending state instead.
   */
  void tell(Map<String, Object> point, double value);

  /**
   * Registers a point under evaluation that this instance did not propose (for example after a
   * restart).
   */
  void addPending(Map<String, Object> point);

  /** Forgets a pending point without a value (for example a failed trial). */
  void dropPending(Map<String, Object> point);

  Space space();

  /** The surrogate's fitted state, for a service to keep (see {@link SurrogateState}). */
  default Optional<SurrogateState> modelState() {
    return Optional.empty();
  }

  /**
   * Restores a {@link #modelState()} kept from an earlier instance of the same study; call it
   * before replaying the study's observations.
   */
  default void restoreModelState(SurrogateState state) {}
}
