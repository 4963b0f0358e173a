package io.streamtune.study;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.spec.EarlyStop;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One trial as its study's records tell it: the suggester's current request, the accepted result,
 * the claim of the current attempt and the per-epoch curve of each attempt. Records of several
 * topics arrive in any order, so each part is kept as it comes and the answers are derived.
 */
public final class TrialView {

  private final String trialId;
  private TrialRequest request;
  private TrialResult result;
  private int lost;
  private TrialClaim claim;
  private final Map<Integer, NavigableMap<Integer, Double>> curves = new HashMap<>();

  TrialView(String trialId) {
    this.trialId = trialId;
  }

  void request(TrialRequest r, int lostAttempts) {
    request = r;
    lost = lostAttempts;
  }

  void result(TrialResult r) {
    result = r;
  }

  void claim(TrialClaim c) {
    if (claim == null || c.getAttempt() >= claim.getAttempt()) {
      claim = c;
    }
  }

  void metric(int attempt, int epoch, double value) {
    curves.computeIfAbsent(attempt, a -> new TreeMap<>()).put(epoch, value);
  }

  public String trialId() {
    return trialId;
  }

  /** The trial's number, -1 while only a claim or a metric of it has been read. */
  public int number() {
    if (result != null) {
      return result.getTrialNumber();
    }
    if (request != null) {
      return request.getTrialNumber();
    }
    return claim == null ? -1 : claim.getTrialNumber();
  }

  /** Whether the suggester's records name this trial: only then is it part of the study. */
  public boolean issued() {
    return request != null || result != null;
  }

  public Map<String, Object> params() {
    if (result != null) {
      return Collections.unmodifiableMap(result.getParams());
    }
    return request == null ? Map.of() : Collections.unmodifiableMap(request.getParams());
  }

  /** The attempt that counts: the accepted result's, else the one the suggester last issued. */
  public int attempt() {
    if (result != null) {
      return result.getAttempt();
    }
    return request == null ? 0 : request.getAttempt();
  }

  /** Attempts whose lease lapsed before this one. */
  public int lostAttempts() {
    return lost;
  }

  public Optional<TrialResult> result() {
    return Optional.ofNullable(result);
  }

  public Optional<TrialRequest> request() {
    return Optional.ofNullable(request);
  }

  public int maxEpochs() {
    if (result != null) {
      return result.getMaxEpochs();
    }
    return request == null ? 0 : request.getMaxEpochs();
  }

  /** The phase, given whether the study was cancelled (a trial with no result then never runs). */
  public TrialPhase phase(boolean studyCancelled) {
    if (result != null) {
      return switch (result.getStatus()) {
        case COMPLETED -> TrialPhase.COMPLETED;
        case PRUNED -> TrialPhase.PRUNED;
        case FAILED -> TrialPhase.FAILED;
      };
    }
    if (holder().isPresent()) {
      return TrialPhase.RUNNING; // in a cancelled study too, until its trainer reports it stopped
    }
    return studyCancelled ? TrialPhase.CANCELLED : TrialPhase.WAITING;
  }

  /** The trainer holding the current attempt, if one claimed it and has not given it back. */
  public Optional<String> holder() {
    if (claim == null
        || claim.getAttempt() != attempt()
        || claim.getEvent() == ClaimEvent.RELEASED) {
      return Optional.empty();
    }
    return Optional.of(claim.getWorker());
  }

  /** The trainer that ran the trial: the result's, else the holder of the current attempt. */
  public String worker() {
    if (result != null && !result.getWorker().isEmpty()) {
      return result.getWorker();
    }
    return holder().orElse("");
  }

  /**
   * Per-epoch values (1-based epoch to value, the metric's own sign) of the attempt that counts.
   */
  public NavigableMap<Integer, Double> curve() {
    NavigableMap<Integer, Double> c = curves.get(attempt());
    return c == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(c);
  }

  /** Epochs run: the result's count, else the last epoch reported by the current attempt. */
  public int epochs() {
    if (result != null) {
      return result.getEpochsRun();
    }
    NavigableMap<Integer, Double> c = curves.get(attempt());
    return c == null || c.isEmpty() ? 0 : c.lastKey();
  }

  /** The latest value: the result's, else the current attempt's last epoch's. */
  public Optional<Double> latestValue() {
    if (result != null) {
      return Optional.ofNullable(result.getValue());
    }
    NavigableMap<Integer, Double> c = curves.get(attempt());
    return c == null || c.isEmpty() ? Optional.empty() : Optional.of(c.lastEntry().getValue());
  }

  /**
   * Whether the trial's value is final: it ran to completion, or its own patience ended it (its
   * value is then the one it settled on). A value the monitor cut short is only partial.
   */
  public boolean hasFinalValue() {
    return result != null
        && result.getValue() != null
        && Double.isFinite(result.getValue())
        && EarlyStop.hasFinalValue(result);
  }
}
