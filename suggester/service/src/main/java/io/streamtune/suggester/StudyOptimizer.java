package io.streamtune.suggester;

import io.streamtune.avro.Direction;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.optimizer.Optimizer;
import io.streamtune.optimizer.RandomSearch;
import io.streamtune.optimizer.space.Space;
import io.streamtune.optimizer.surrogate.SurrogateState;
import io.streamtune.spec.Cancellation;
import io.streamtune.spec.EarlyStop;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A study's optimizer as its {@link StudyBook} uses it, on the wire's terms: it proposes points,
 * learns from accepted results (losses, so a maximised metric is negated), and keeps the study's
 * best final value in the metric's own direction. A batch the optimizer fails to propose is drawn
 * at random instead, so that a study never stalls on its optimizer.
 */
final class StudyOptimizer {

  private static final Logger LOG = LoggerFactory.getLogger(StudyOptimizer.class);

  private final String studyId;
  private final Direction direction;
  private final long seed;
  private final Space space;
  private final Optimizer optimizer;
  private double bestValue = Double.NaN;
  private String bestTrial;

  /** Around an optimizer over the spec's space. */
  StudyOptimizer(StudySpec spec, Optimizer optimizer) {
    this.studyId = spec.getStudyId();
    this.direction = spec.getMetric().getDirection();
    this.seed = spec.getAlgorithm().getSeed();
    this.space = optimizer.space();
    this.optimizer = optimizer;
  }

  /**
   * {@code k} points to try, each already counted as in flight.
   *
   * @param nextTrialNumber seeds the random fallback, so that each batch draws other points
   */
  List<Map<String, Object>> ask(int k, int nextTrialNumber) {
    try {
      return optimizer.ask(k);
    } catch (RuntimeException e) {
      LOG.error(
          "study {}: optimizer failed ({}); using random points for this batch",
          studyId,
          e.toString());
      List<Map<String, Object>> points = new RandomSearch(space, seed + nextTrialNumber).ask(k);
      points.forEach(optimizer::addPending);
      return points;
    }
  }

  /** Counts a restored trial's parameters as in flight. */
  void inFlight(Map<String, Object> params) {
    optimizer.addPending(SpecMapping.ordered(space, params));
  }

  /**
   * Learns from an accepted result. A failed trial, one without a value, and one its study's cancel
   * stopped teach nothing: where a cancel cut a trial says nothing about its parameters.
   */
  void learn(TrialResult result) {
    Map<String, Object> point = SpecMapping.ordered(space, result.getParams());
    try {
      if (result.getStatus() == TrialStatus.FAILED
          || result.getValue() == null
          || Cancellation.endedByCancel(result)) {
        optimizer.dropPending(point);
        return;
      }
      double v = result.getValue();
      if (EarlyStop.hasFinalValue(result) && (Double.isNaN(bestValue) || better(v, bestValue))) {
        bestValue = v;
        bestTrial = result.getTrialId();
      }
      optimizer.tell(point, direction == Direction.MAXIMIZE ? -v : v);
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "study {}: result of {} does not fit the space ({}); counted but not learned from",
          studyId,
          result.getTrialId(),
          e.getMessage());
    }
  }

  private boolean better(double a, double b) {
    return direction == Direction.MAXIMIZE ? a > b : a < b;
  }

  /** The surrogate's fitted state, kept in the study's state record. */
  Optional<SurrogateState> modelState() {
    return optimizer.modelState();
  }

  /** Restores a kept {@link #modelState()}, before the study's results are replayed. */
  void restoreModel(SurrogateState state) {
    optimizer.restoreModelState(state);
  }

  /** Best final value ({@link EarlyStop#hasFinalValue}), in the metric's own direction, or NaN. */
  double bestValue() {
    return bestValue;
  }

  /** The trial with the best final value, or null. */
  String bestTrial() {
    return bestTrial;
  }
}
