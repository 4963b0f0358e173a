package io.streamtune.suggester;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.optimizer.Optimizer;
import io.streamtune.optimizer.Optimizers;
import io.streamtune.optimizer.surrogate.SurrogateState;
import io.streamtune.spec.Cancellation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * <p>Cancel and resume ({@link #onSpec}): while the spec carries a cancel, the book issues nothing,
 * neither new trials nor next attempts, but still applies results of the attempts in flight, which
 * their trainers stop. An attempt given back or lapsed meanwhile is kept back; on resume every
 * trial in flight that nobody holds is issued again as its next attempt, which is not a lost one.
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

  /** What a newer record of the same study on {@code studies} changed. */
  enum SpecChange {
    NONE,
    CANCELLED,
    RESUMED
  }

  /** The latest spec of the study; only its {@code cancel} ever changes ({@link #onSpec}). */
  private StudySpec spec;

  private final StudyOptimizer optimizer;
  private final Map<String, PendingTrial> pending = new LinkedHashMap<>();
  private final Set<String> finished = new LinkedHashSet<>();
  private final Set<String> changedTrials = new LinkedHashSet<>();
  private final Map<String, TrialResult> accepted = new HashMap<>();
  private boolean headerChanged = true;
  private int nextTrialNumber;
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
    this.optimizer = new StudyOptimizer(spec, optimizer);
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

  /**
   * Applies the study's header record: where numbering stands, and the surrogate's hyperparameters,
   * so that replaying the results fits nothing the previous instance had fitted.
   */
  void restoreHeader(SuggesterState header) {
    nextTrialNumber = Math.max(nextTrialNumber, header.getNextTrialNumber());
    if (header.getModel() != null) {
      optimizer.restoreModel(StateRecords.model(header.getModel()));
    }
    headerChanged = false;
  }

  /** The surrogate's fitted state, for the header record. */
  Optional<SurrogateState> modelState() {
    return optimizer.modelState();
  }

  /** Applies one trial's state record: a finished trial is told, a pending one is in flight. */
  void restoreTrial(SuggesterState state) {
    TrialResult result = state.getResult();
    String id = state.getTrialId();
    if (result != null) {
      finish(result);
    } else if (state.getRequest() != null && !finished.contains(id)) {
      PendingTrial p = new PendingTrial(state.getRequest(), state.getLost());
      p.cancelledWhileCurrent = cancelled();
      pending.put(id, p);
      optimizer.inFlight(state.getRequest().getParams());
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
    String problem = ResultCheck.problem(p.request, result, p.cancelledWhileCurrent);
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
    optimizer.learn(result);
  }

  /**
   * Applies a trainer's claim, renewal or release of an attempt. A release issues the trial again
   * as the next attempt, which is added to {@code reissued}; while the study is cancelled the
   * attempt is kept back instead.
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
      if (cancelled()) {
        unclaim(p);
      } else {
        reissued.add(reissue(p, nowMs));
      }
      return Verdict.ACCEPTED;
    }
    p.claimed = true;
    p.worker = claim.getWorker();
    p.lastSeenMs = nowMs;
    return Verdict.ACCEPTED;
  }

  private TrialRequest reissue(PendingTrial p, long nowMs) {
    p.request = TrialRequests.next(p.request, nowMs);
    p.cancelledWhileCurrent = false;
    unclaim(p);
    changedTrials.add(p.request.getTrialId());
    return p.request;
  }

  /** Nobody holds the current attempt (any more); its lease runs no longer. */
  private static void unclaim(PendingTrial p) {
    p.claimed = false;
    p.worker = "";
  }

  /**
   * Applies a newer record of the study from {@code studies}, which the caller found to be the same
   * study. A cancel of a study that is done changes nothing; a resume issues again every trial in
   * flight that nobody holds (never run, given back or lapsed while cancelled) as its next attempt,
   * added to {@code reissued}, without counting a loss. A trial still running at the resume keeps
   * its attempt: its trainer may yet report it stopped by the cancel, which {@link
   * PendingTrial#cancelledWhileCurrent} allows.
   */
  SpecChange onSpec(StudySpec newer, long nowMs, List<TrialRequest> reissued) {
    boolean cancel = Cancellation.isCancelled(newer);
    if (Objects.equals(spec.getCancel(), newer.getCancel()) || (cancel && done() && !cancelled())) {
      return SpecChange.NONE; // a retried submit or cancel, or a cancel that comes too late
    }
    boolean resumed = cancelled() && !cancel;
    spec = newer;
    headerChanged = true; // the header carries the spec, so a restore knows the study's standing
    for (PendingTrial p : pending.values()) {
      if (cancel) {
        p.cancelledWhileCurrent = true;
      } else if (!p.claimed) {
        reissued.add(reissue(p, nowMs));
      }
    }
    return resumed ? SpecChange.RESUMED : SpecChange.CANCELLED;
  }

  /**
   * Issues again every claimed trial whose lease lapsed, counting the attempt as lost (while the
   * study is cancelled, keeps it back instead); a trial that lost {@code maxAttempts} attempts is
   * given up, with a FAILED result that is applied here and returned for publishing.
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
      } else if (cancelled()) {
        unclaim(p);
        changedTrials.add(p.request.getTrialId()); // the loss counts, and must survive a restart
      } else {
        reissued.add(reissue(p, nowMs));
      }
    }
    return givenUp;
  }

  // ---- outputs ----

  /**
   * Requests that bring the study back to {@code parallelism} trials in flight, within {@code
   * n_trials}; none while it is cancelled.
   *
   * @param studyPartition where the trial's claims, metrics and result must go
   * @param leaseMs how long a claim holds without renewal
   */
  public List<TrialRequest> topUp(long nowMs, int studyPartition, long leaseMs) {
    int free = spec.getParallelism() - pending.size();
    int left = spec.getNTrials() - nextTrialNumber;
    int k = Math.min(free, left);
    List<TrialRequest> out = new ArrayList<>();
    if (k <= 0 || cancelled()) {
      return out;
    }
    List<Map<String, Object>> points = optimizer.ask(k, nextTrialNumber);
    for (Map<String, Object> p : points) {
      TrialRequest r =
          TrialRequests.first(spec, nextTrialNumber++, p, nowMs, studyPartition, leaseMs);
      pending.put(r.getTrialId(), new PendingTrial(r, 0));
      changedTrials.add(r.getTrialId());
      out.add(r);
    }
    headerChanged = true;
    return out;
  }

  /** Whether there are state records to write ({@link #changes}). */
  boolean changed() {
    return headerChanged || !changedTrials.isEmpty();
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

  /** Best final value ({@link EarlyStop#hasFinalValue}), in the metric's own direction, or NaN. */
  public double bestValue() {
    return optimizer.bestValue();
  }

  /** The trial with the best final value, or null. */
  public String bestTrial() {
    return optimizer.bestTrial();
  }

  public boolean done() {
    return finished.size() >= spec.getNTrials();
  }

  /** Whether the study is cancelled: its spec, as last read, carries a cancel. */
  public boolean cancelled() {
    return Cancellation.isCancelled(spec);
  }

  /** Whether the study still has trials to run: neither done nor cancelled. */
  public boolean active() {
    return !done() && !cancelled();
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
