package io.streamtune.suggester;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.Direction;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.optimizer.Optimizer;
import io.streamtune.optimizer.Optimizers;
import io.streamtune.optimizer.RandomSearch;
import io.streamtune.optimizer.space.Space;
import io.streamtune.spec.EarlyStop;
import io.streamtune.spec.HyperbandBrackets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The suggester's bookkeeping for one study, free of Kafka: which trials are in flight and which
 * attempt of each is current, which have results, and what to request next. It is the authority on
 * what was issued, so a result or claim is believed only if it matches ({@link Verdict}).
 *
 * <p>Attempts: a trial is issued as attempt 1. A trainer claims the current attempt and renews its
 * lease while it trains; a release, or a lease that lapses (its trainer died or hung), issues the
 * trial again as the next attempt. A lapse counts as a lost attempt, a release does not; after
 * {@code maxAttempts} lost attempts the trial is given up with a FAILED result, so a trial that
 * kills every trainer it runs on cannot take down the pool.
 *
 * <p>Every change is noted, so that the caller writes exactly the state records that changed
 * ({@link #changes}) in the same transaction as the requests they go with.
 */
public final class StudyBook {

  private static final Logger LOG = LoggerFactory.getLogger(StudyBook.class);

  /** What the book made of a result or a claim. */
  public enum Verdict {
    ACCEPTED,
    /** A second copy of something already applied. */
    DUPLICATE,
    /** From an attempt that is no longer current: counted, never applied. */
    SUPERSEDED,
    /** Cannot have come from a request this study issued; the reason is in {@link #lastProblem}. */
    INVALID
  }

  private final StudySpec spec;
  private final Space space;
  private final Optimizer optimizer;
  private final Map<String, PendingTrial> pending = new LinkedHashMap<>();
  private final Set<String> finished = new LinkedHashSet<>();
  private final Set<String> changedTrials = new LinkedHashSet<>();
  private final Map<String, TrialResult> accepted = new HashMap<>();
  private boolean headerChanged = true;
  private int nextTrialNumber;
  private double bestValue = Double.NaN;
  private String bestTrial;
  private String lastProblem = "";

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

  // ---- restoring from the state topic ----

  /** Applies the study's header record: where numbering stands. */
  void restoreHeader(SuggesterState header) {
    nextTrialNumber = Math.max(nextTrialNumber, header.getNextTrialNumber());
    headerChanged = false;
  }

  /** Applies one trial's state record: a finished trial is told, a pending one is in flight. */
  void restoreTrial(SuggesterState state) {
    TrialResult result = state.getResult();
    String id = state.getTrialId();
    if (result != null) {
      finish(result);
    } else if (state.getRequest() != null && !finished.contains(id)) {
      pending.put(id, new PendingTrial(state.getRequest(), state.getLost()));
      optimizer.addPending(SpecMapping.ordered(space, state.getRequest().getParams()));
    }
    changedTrials.remove(id);
    accepted.remove(id);
  }

  /** After a restore nobody's lease can be judged yet: every holder gets a whole lease from now. */
  void resetLeases(long nowMs) {
    pending.values().forEach(p -> p.lastSeenMs = nowMs);
  }

  // ---- inputs ----

  /** Applies a result if it is the current attempt's; see {@link Verdict}. */
  public Verdict onResult(TrialResult result) {
    String id = result.getTrialId();
    if (finished.contains(id)) {
      return Verdict.DUPLICATE;
    }
    PendingTrial p = pending.get(id);
    if (p == null) {
      return invalid("trial " + id + " was never issued");
    }
    if (result.getAttempt() < p.attempt()) {
      return Verdict.SUPERSEDED;
    }
    if (result.getAttempt() > p.attempt()) {
      return invalid("attempt " + result.getAttempt() + " of " + id + " was never issued");
    }
    String problem = ResultCheck.problem(p.request, result);
    if (problem != null) {
      return invalid(problem);
    }
    pending.remove(id);
    finish(result);
    return Verdict.ACCEPTED;
  }

  private Verdict invalid(String problem) {
    lastProblem = problem;
    return Verdict.INVALID;
  }

  /** Why the last INVALID verdict was given. */
  public String lastProblem() {
    return lastProblem;
  }

  private void finish(TrialResult result) {
    String id = result.getTrialId();
    finished.add(id);
    accepted.put(id, result);
    changedTrials.add(id);
    nextTrialNumber = Math.max(nextTrialNumber, result.getTrialNumber() + 1);
    Map<String, Object> point = SpecMapping.ordered(space, result.getParams());
    try {
      if (result.getStatus() == TrialStatus.FAILED || result.getValue() == null) {
        optimizer.dropPending(point);
      } else {
        double v = result.getValue();
        if (EarlyStop.hasFinalValue(result) && (Double.isNaN(bestValue) || better(v, bestValue))) {
          bestValue = v;
          bestTrial = id;
        }
        optimizer.tell(point, spec.getMetric().getDirection() == Direction.MAXIMIZE ? -v : v);
      }
    } catch (IllegalArgumentException e) {
      LOG.warn(
          "study {}: result of {} does not fit the space ({}); counted but not learned from",
          spec.getStudyId(),
          id,
          e.getMessage());
    }
  }

  /**
   * Applies a trainer's claim, renewal or release of an attempt. A release issues the trial again
   * as the next attempt, which is added to {@code reissued}.
   */
  public Verdict onClaim(TrialClaim claim, long nowMs, List<TrialRequest> reissued) {
    String id = claim.getTrialId();
    PendingTrial p = pending.get(id);
    if (p == null) {
      return finished.contains(id)
          ? Verdict.SUPERSEDED
          : invalid("trial " + id + " was never issued");
    }
    if (claim.getAttempt() < p.attempt()) {
      return Verdict.SUPERSEDED;
    }
    if (claim.getAttempt() > p.attempt()) {
      return invalid("attempt " + claim.getAttempt() + " of " + id + " was never issued");
    }
    if (claim.getEvent() == ClaimEvent.RELEASED) {
      reissued.add(reissue(p, nowMs));
      return Verdict.ACCEPTED;
    }
    p.claimed = true;
    p.worker = claim.getWorker();
    p.lastSeenMs = nowMs;
    return Verdict.ACCEPTED;
  }

  private TrialRequest reissue(PendingTrial p, long nowMs) {
    p.request = p.nextAttempt(nowMs);
    p.claimed = false;
    p.worker = "";
    changedTrials.add(p.request.getTrialId());
    return p.request;
  }

  /**
   * Issues again every claimed trial whose lease lapsed, counting the attempt as lost; a trial that
   * lost {@code maxAttempts} attempts is given up instead, with a FAILED result that is applied
   * here and returned for publishing.
   */
  List<TrialResult> expireLeases(long nowMs, int maxAttempts, List<TrialRequest> reissued) {
    List<TrialResult> givenUp = new ArrayList<>();
    for (PendingTrial p : new ArrayList<>(pending.values())) {
      if (!p.leaseLapsed(nowMs)) {
        continue;
      }
      p.lost++;
      LOG.info(
          "study {}: lease of {} attempt {} ({}) lapsed; {} attempt(s) lost",
          spec.getStudyId(),
          p.request.getTrialId(),
          p.attempt(),
          p.worker,
          p.lost);
      if (p.lost >= maxAttempts) {
        TrialResult failed = GiveUp.result(p, maxAttempts, nowMs);
        pending.remove(failed.getTrialId());
        finish(failed);
        givenUp.add(failed);
      } else {
        reissued.add(reissue(p, nowMs));
      }
    }
    return givenUp;
  }

  // ---- outputs ----

  /**
   * Requests that bring the study back to {@code parallelism} trials in flight, within {@code
   * n_trials}.
   *
   * @param studyPartition where the trial's claims, metrics and result must go
   * @param leaseMs how long a claim holds without renewal
   */
  public List<TrialRequest> topUp(long nowMs, int studyPartition, long leaseMs) {
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
      String id = trialId(spec.getStudyId(), number);
      TrialRequest r =
          TrialRequest.newBuilder()
              .setStudyId(spec.getStudyId())
              .setTrialId(id)
              .setTrialNumber(number)
              .setParams(new LinkedHashMap<>(p))
              .setObjective(spec.getObjective())
              .setMetric(spec.getMetric())
              .setMaxEpochs(spec.getMaxEpochs())
              .setBracket(bracketOf(id))
              .setRequestedAt(nowMs)
              .setAttempt(1)
              .setStudyPartition(studyPartition)
              .setLeaseMs(leaseMs)
              .setEarlyStop(spec.getEarlyStop())
              .build();
      pending.put(id, new PendingTrial(r, 0));
      changedTrials.add(id);
      out.add(r);
    }
    headerChanged = true;
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

  /**
   * The state records that changed since the last call, and forgets the changes: the header if
   * numbering moved, and one record per trial that was issued, issued again or finished.
   */
  List<SuggesterState> changes() {
    List<SuggesterState> out = new ArrayList<>();
    if (headerChanged) {
      out.add(StateRecords.header(this));
      headerChanged = false;
    }
    for (String id : changedTrials) {
      PendingTrial p = pending.get(id);
      out.add(
          p != null
              ? StateRecords.pending(spec.getStudyId(), p)
              : StateRecords.finished(spec.getStudyId(), accepted.get(id)));
    }
    changedTrials.clear();
    accepted.clear(); // only needed until its record is written
    return out;
  }

  /** Every state key of this study, for tombstones when it is deleted. */
  List<String> stateKeys() {
    List<String> keys = new ArrayList<>();
    keys.add(spec.getStudyId());
    pending.keySet().forEach(t -> keys.add(StateRecords.key(spec.getStudyId(), t)));
    finished.forEach(t -> keys.add(StateRecords.key(spec.getStudyId(), t)));
    return keys;
  }

  private boolean better(double a, double b) {
    return spec.getMetric().getDirection() == Direction.MAXIMIZE ? a > b : a < b;
  }

  /** Best final value ({@link EarlyStop#hasFinalValue}), in the metric's own direction, or NaN. */
  public double bestValue() {
    return bestValue;
  }

  /** The trial with the best final value, or null. */
  public String bestTrial() {
    return bestTrial;
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

  int nextTrialNumber() {
    return nextTrialNumber;
  }

  /** The current request of a trial in flight, or null. */
  TrialRequest current(String trialId) {
    PendingTrial p = pending.get(trialId);
    return p == null ? null : p.request;
  }

  public static String trialId(String studyId, int number) {
    return String.format(Locale.ROOT, "%s-t%04d", studyId, number);
  }
}
