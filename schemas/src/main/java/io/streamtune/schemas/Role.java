package io.streamtune.schemas;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parts a StreamTune deployment is made of, and the topics each reads and writes: the one list
 * from which the ACL plan grants access and each command checks its topics.
 */
public enum Role {
  /**
   * Reads specs, claims and results; writes requests, its state, study statuses, and the FAILED
   * result of a trial whose attempts all died. It also writes specs, claims and results that
   * arrived on the wrong partition on to their study's ({@code Reroute}).
   */
  SUGGESTER(
      List.of(Topics.STUDIES, Topics.TRIAL_RESULTS, Topics.TRIAL_CLAIMS, Topics.SUGGESTER_STATE),
      List.of(
          Topics.TRIAL_REQUESTS,
          Topics.SUGGESTER_STATE,
          Topics.STUDY_STATUS,
          Topics.TRIAL_RESULTS,
          Topics.STUDIES,
          Topics.TRIAL_CLAIMS,
          Topics.DEAD_LETTER)),
  /** Runs requests of known studies; claims them, streams metrics, obeys stops, writes results. */
  TRAINER(
      List.of(Topics.TRIAL_REQUESTS, Topics.TRIAL_CONTROL, Topics.STUDIES),
      List.of(Topics.TRIAL_CLAIMS, Topics.TRIAL_METRICS, Topics.TRIAL_RESULTS, Topics.DEAD_LETTER)),
  /** Judges curves; the only writer of stop decisions, and the one that dead-letters bad ones. */
  MONITOR(
      List.of(Topics.TRIAL_METRICS, Topics.TRIAL_RESULTS, Topics.STUDIES, Topics.TRIAL_CONTROL),
      List.of(Topics.TRIAL_CONTROL, Topics.DEAD_LETTER)),
  /**
   * Publishes, cancels and resumes studies (all on {@code studies}) and follows them through what
   * their suggester accepted ({@code suggester-state}), their status, and trainers' claims and
   * metrics for the running trials' progress.
   */
  SUBMITTER(
      List.of(
          Topics.STUDIES,
          Topics.STUDY_STATUS,
          Topics.SUGGESTER_STATE,
          Topics.TRIAL_CLAIMS,
          Topics.TRIAL_METRICS),
      List.of(Topics.STUDIES)),
  /** Reads everything {@code studies}, {@code status}, {@code watch} or a report needs. */
  READER(
      List.of(
          Topics.STUDIES,
          Topics.STUDY_STATUS,
          Topics.SUGGESTER_STATE,
          Topics.TRIAL_CLAIMS,
          Topics.TRIAL_RESULTS,
          Topics.TRIAL_METRICS,
          Topics.TRIAL_CONTROL),
      List.of());

  private final List<Topic<?, ?>> reads;
  private final List<Topic<?, ?>> writes;

  Role(List<Topic<?, ?>> reads, List<Topic<?, ?>> writes) {
    this.reads = reads;
    this.writes = writes;
  }

  public List<Topic<?, ?>> reads() {
    return reads;
  }

  public List<Topic<?, ?>> writes() {
    return writes;
  }

  /** Every topic the role touches, in a stable order. */
  public Set<Topic<?, ?>> topics() {
    Set<Topic<?, ?>> all = new LinkedHashSet<>(reads);
    all.addAll(writes);
    return all;
  }
}
