package io.streamtune.suggester;

import io.streamtune.avro.Direction;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.optimizer.Optimizer;
import io.streamtune.optimizer.Optimizers;
import io.streamtune.optimizer.RandomSearch;
import io.streamtune.optimizer.space.Space;
import io.streamtune.spec.HyperbandBrackets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suggester's bookkeeping for one study, free of Kafka: which trials are in flight, which have
 * results, and what to request next. Results are applied idempotently by trial id, so a duplicate
 * or replayed result never corrupts the study. Failed trials count towards {@code n_trials} but are
 * not told to the optimizer.
 */
public final class StudyBook {

  private static final Logger LOG = LoggerFactory.getLogger(StudyBook.class);

  private final StudySpec spec;
  private final Space space;
  private final Optimizer optimizer;
  private final Map<String, TrialRequest> pending = new LinkedHashMap<>();
  private final Set<String> finished = new HashSet<>();
  private int nextTrialNumber;
  private double bestValue = Double.NaN;
  private long now;

  /**
   * A book with the optimizer the spec names.
   *
   * @throws IllegalArgumentException naming the study, if the optimizer does not accept the spec's
   *     algorithm, acquisition, initial design or {@code x0}: the study must not run with anything
   *     else than what was asked for
   */
  public StudyBook(StudySpec spec) {
    this(spec, optimizerFor(spec));
  }

  /** A book around a given optimizer, which must be over the spec's space (tests look inside). */
  StudyBook(StudySpec spec, Optimizer optimizer) {
    this.spec = spec;
    this.space = optimizer.space();
    this.optimizer = optimizer;
  }

  private static Optimizer optimizerFor(StudySpec spec) {
    try {
      return Optimizers.create(SpecMapping.space(spec), SpecMapping.settings(spec));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("study " + spec.getStudyId() + ": " + e.getMessage(), e);
    }
  }

  public StudySpec spec() {
    return spec;
  }

  /**
   * Applies a snapshot written before a restart; order against replayed results does not matter.
   */
  public void restore(SuggesterState state) {
    nextTrialNumber = Math.max(nextTrialNumber, state.getNextTrialNumber());
    for (TrialRequest r : state.getPending()) {
      if (!finished.contains(r.getTrialId()) && !pending.containsKey(r.getTrialId())) {
        pending.put(r.getTrialId(), r);
        optimizer.addPending(SpecMapping.ordered(space, r.getParams()));
      }
    }
  }

  /** Returns false, changing nothing, if this trial's result was already applied. */
  public boolean onResult(TrialResult result) {
    if (!finished.add(result.getTrialId())) {
      return false;
    }
    nextTrialNumber = Math.max(nextTrialNumber, result.getTrialNumber() + 1);
    TrialRequest request = pending.remove(result.getTrialId());
    Map<String, Object> point = SpecMapping.ordered(space, result.getParams());
    try {
      if (result.getStatus() == TrialStatus.FAILED || result.getValue() == null) {
        if (request != null) {
          optimizer.dropPending(point);
        }
      } else {
        double v = result.getValue();
        if (result.getStatus() == TrialStatus.COMPLETED
            && (Double.isNaN(bestValue) || better(v, bestValue))) {
          bestValue = v;
        }
        optimizer.tell(point, spec.getMetric().getDirection() == Direction.MAXIMIZE ? -v : v);
      }
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "study {}: result of {} does not fit the space ({}); counted but not learned from",
          spec.getStudyId(),
          result.getTrialId(),
          e.getMessage());
    }
    return true;
  }

  /**
   * Requests that bring the study back to {@code parallelism} trials in flight, within {@code
   * n_trials}.
   */
  public List<TrialRequest> topUp(long nowMillis) {
    this.now = nowMillis;
    int free = spec.getParallelism() - pending.size();
    int left = spec.getNTrials() - nextTrialNumber;
    int k = Math.min(free, left);
    List<TrialRequest> out = new ArrayList<>();
    if (k <= 0) {
      return out;
    }
    List<Map<String, Object>> points;
    try {
      points = optimizer.ask(k);
    } catch (RuntimeException e) {
      LOG.error(
          "study {}: optimizer failed ({}); using random points for this batch",
          spec.getStudyId(),
          e.toString());
      RandomSearch fallback =
          new RandomSearch(space, spec.getAlgorithm().getSeed() + nextTrialNumber);
      points = fallback.ask(k);
      points.forEach(optimizer::addPending);
    }
    for (Map<String, Object> p : points) {
      int number = nextTrialNumber++;
      TrialRequest r =
          TrialRequest.newBuilder()
              .setStudyId(spec.getStudyId())
              .setTrialId(trialId(spec.getStudyId(), number))
              .setTrialNumber(number)
              .setParams(new LinkedHashMap<>(p))
              .setObjective(spec.getObjective())
              .setMetric(spec.getMetric())
              .setMaxEpochs(spec.getMaxEpochs())
              .setBracket(bracketOf(trialId(spec.getStudyId(), number)))
              .setRequestedAt(now)
              .build();
      pending.put(r.getTrialId(), r);
      out.add(r);
    }
    return out;
  }

  /** Hyperband brackets are assigned here so that every monitor instance agrees on them. */
  private int bracketOf(String trialId) {
    if (!"hyperband".equals(spec.getStopping().getRule())) {
      return 0;
    }
    Map<String, Double> o = spec.getStopping().getOptions();
    int minResource = (int) Math.round(o.getOrDefault("min_resource", 1.0));
    int eta = (int) Math.round(o.getOrDefault("eta", 3.0));
    int brackets =
        HyperbandBrackets.count(minResource, Math.max(minResource, spec.getMaxEpochs()), eta);
    return HyperbandBrackets.assign(trialId, brackets, eta);
  }

  public SuggesterState snapshot() {
    return SuggesterState.newBuilder()
        .setStudyId(spec.getStudyId())
        .setNextTrialNumber(nextTrialNumber)
        .setPending(new ArrayList<>(pending.values()))
        .setDone(done())
        .build();
  }

  private boolean better(double a, double b) {
    return spec.getMetric().getDirection() == Direction.MAXIMIZE ? a > b : a < b;
  }

  /**
   * Best final value among completed trials, in the metric's own direction; NaN before the first.
   */
  public double bestValue() {
    return bestValue;
  }

  public boolean done() {
    return finished.size() >= spec.getNTrials();
  }

  public int finishedCount() {
    return finished.size();
  }

  public int pendingCount() {
    return pending.size();
  }

  public static String trialId(String studyId, int number) {
    return String.format(Locale.ROOT, "%s-t%04d", studyId, number);
  }
}
