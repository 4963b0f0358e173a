package io.streamtune.study;

import io.streamtune.avro.Direction;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialResult;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One study folded from its records: the spec on {@code studies}, the latest {@code study-status},
 * the suggester's header and trial records on {@code suggester-state}, and trainers' claims and
 * metrics. Pure: whoever reads the records (a live feed, a test) applies them in any order.
 *
 * <p>Only the suggester's records make a trial part of the study; claims and metrics of a trial it
 * never issued (a forgery, a typo'd id) are kept aside and never shown.
 */
public final class StudyView {

  private final String studyId;
  private StudySpec spec;
  private StudySpec headerSpec;
  private boolean specDeleted;
  private StudyStatus status;
  private int nextTrialNumber;
  private boolean headerDone;
  private final Map<String, TrialView> trials = new HashMap<>();
  private long firstRecordAt;
  private long lastRecordAt;

  public StudyView(String studyId) {
    this.studyId = studyId;
  }

  public String studyId() {
    return studyId;
  }

  /** The spec on {@code studies}, the latest word on the study; null withdraws it. */
  public void onSpec(StudySpec s, long timestamp) {
    seen(timestamp);
    spec = s;
    specDeleted = s == null;
  }

  public void onStatus(StudyStatus s, long timestamp) {
    seen(timestamp);
    status = s;
  }

  /** A {@code suggester-state} record of this study: its header, or one of its trials. */
  public void onState(SuggesterState s, long timestamp) {
    seen(timestamp);
    if (s.getTrialId() == null) {
      headerSpec = s.getSpec();
      nextTrialNumber = s.getNextTrialNumber();
      headerDone = s.getDone();
      return;
    }
    TrialView t = trial(s.getTrialId());
    if (s.getResult() != null) {
      t.result(s.getResult());
    } else if (s.getRequest() != null) {
      t.request(s.getRequest(), s.getLost());
    }
  }

  /**
   * A tombstone on {@code suggester-state}: the suggester forgot the trial (its study was deleted).
   */
  public void onStateDeleted(String trialId, long timestamp) {
    seen(timestamp);
    if (trialId == null) {
      headerSpec = null;
    } else {
      trials.remove(trialId);
    }
  }

  public void onClaim(TrialClaim c, long timestamp) {
    seen(timestamp);
    trial(c.getTrialId()).claim(c);
  }

  public void onMetric(EpochMetric m, long timestamp) {
    seen(timestamp);
    trial(m.getTrialId()).metric(m.getAttempt(), m.getEpoch(), m.getValue());
  }

  private TrialView trial(String id) {
    return trials.computeIfAbsent(id, TrialView::new);
  }

  private void seen(long timestamp) {
    if (firstRecordAt == 0 || timestamp < firstRecordAt) {
      firstRecordAt = timestamp;
    }
    lastRecordAt = Math.max(lastRecordAt, timestamp);
  }

  /** Whether any record names this study. */
  public boolean exists() {
    return spec != null || headerSpec != null || status != null;
  }

  /** The study's spec: the one on {@code studies}, else the copy the suggester keeps. */
  public Optional<StudySpec> spec() {
    return Optional.ofNullable(spec != null ? spec : headerSpec);
  }

  /** Whether its spec was withdrawn from {@code studies} (a tombstone). */
  public boolean specDeleted() {
    return specDeleted;
  }

  public Optional<StudyStatus> status() {
    return Optional.ofNullable(status);
  }

  /** The study's state; a study the suggester has not reported on yet is SUBMITTED. */
  public String state() {
    return status == null ? "SUBMITTED" : standing().name();
  }

  public boolean ended() {
    return status != null && standing() != StudyState.RUNNING;
  }

  /**
   * Whether the suggester reports the study COMPLETED and every one of its results has been read.
   */
  public boolean complete() {
    return status != null && standing() == StudyState.COMPLETED && finished() >= nTrials();
  }

  public boolean failed() {
    return status != null && standing() == StudyState.FAILED;
  }

  public boolean cancelled() {
    return status != null && standing() == StudyState.CANCELLED;
  }

  /**
   * The suggester's word on the study, unless the spec on {@code studies} has since overruled it: a
   * CANCELLED status under a spec that is no longer cancelled is a resume the suggester has not
   * answered yet, so the study runs. (Followers of a resumed study would otherwise stop at once.)
   */
  private StudyState standing() {
    if (status.getState() == StudyState.CANCELLED && spec != null && spec.getCancel() == null) {
      return StudyState.RUNNING;
    }
    return status.getState();
  }

  public int nTrials() {
    return spec().map(StudySpec::getNTrials).orElse(status == null ? 0 : status.getNTrials());
  }

  public int nextTrialNumber() {
    return nextTrialNumber;
  }

  /** Whether the suggester counts the study done (all its trials have results). */
  public boolean suggesterDone() {
    return headerDone;
  }

  /** The trials the suggester issued, by number. */
  public List<TrialView> trials() {
    return trials.values().stream()
        .filter(TrialView::issued)
        .sorted(Comparator.comparingInt(TrialView::number))
        .toList();
  }

  public long count(TrialPhase phase) {
    boolean cancelled = cancelled();
    return trials().stream().filter(t -> t.phase(cancelled) == phase).count();
  }

  /** The accepted results, by trial number. */
  public List<TrialResult> results() {
    return trials().stream().flatMap(t -> t.result().stream()).toList();
  }

  /** Trials with an accepted result. */
  public int finished() {
    return (int) trials().stream().filter(t -> t.result().isPresent()).count();
  }

  public List<TrialView> running() {
    return trials().stream().filter(t -> t.phase(cancelled()) == TrialPhase.RUNNING).toList();
  }

  /** A trial's parameters in the order of the study's space, so every listing reads alike. */
  public Map<String, Object> params(TrialView t) {
    Map<String, Object> raw = t.params();
    Map<String, Object> ordered = new LinkedHashMap<>();
    spec()
        .ifPresent(
            s ->
                s.getSpace().stream()
                    .map(d -> d.getName())
                    .filter(raw::containsKey)
                    .forEach(n -> ordered.put(n, raw.get(n))));
    new TreeMap<>(raw).forEach(ordered::putIfAbsent);
    return ordered;
  }

  public boolean maximize() {
    return spec().map(s -> s.getMetric().getDirection() == Direction.MAXIMIZE).orElse(false);
  }

  public String metricName() {
    return spec().map(s -> s.getMetric().getName()).orElse("value");
  }

  /**
   * The best trial with a final value in the study's direction; a value the monitor cut short is
   * partial and never wins. Ties go to the earlier trial, as the suggester decides them.
   */
  public Optional<TrialView> best() {
    Comparator<TrialView> byValue =
        Comparator.comparingDouble(t -> t.result().orElseThrow().getValue());
    if (maximize()) {
      byValue = byValue.reversed();
    }
    return trials().stream()
        .filter(TrialView::hasFinalValue)
        .min(byValue.thenComparingInt(TrialView::number));
  }

  /** When the study was submitted, else when its first record was written (ms since the epoch). */
  public long startedAt() {
    long submitted = spec().map(StudySpec::getSubmittedAt).orElse(0L);
    return submitted > 0 ? submitted : firstRecordAt;
  }

  /** When its last record was written. */
  public long updatedAt() {
    return Math.max(lastRecordAt, status == null ? 0 : status.getUpdatedAt());
  }

  /** When it ended (its final status), or empty while it runs. */
  public Optional<Long> endedAt() {
    return ended() ? Optional.of(status.getUpdatedAt()) : Optional.empty();
  }
}
