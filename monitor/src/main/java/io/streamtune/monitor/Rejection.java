package io.streamtune.monitor;

import java.util.Locale;

/**
 * Why the monitor ignored a record ({@code streamtune.monitor.records.ignored}) or found that a
 * stop decision was not its own ({@code streamtune.monitor.decisions.foreign}). The {@code reason}
 * tag takes only these values, so that a client writing made-up records cannot grow the number of
 * time series.
 */
enum Rejection {
  /** A record without a value; nothing the monitor reads is ever deleted by a tombstone. */
  TOMBSTONE,
  /** The record's key is not its value's study id, so it sits on another study's partition. */
  KEY_MISMATCH,
  /** No spec of that study in the global store. */
  UNKNOWN_STUDY,
  /** Not a trial id the suggester issues for that study, or a number beyond its n_trials. */
  UNKNOWN_TRIAL,
  /** An attempt below 1 or above {@link RecordChecks#MAX_ATTEMPT}. */
  ATTEMPT_OUT_OF_RANGE,
  /** An epoch (or epochs run) outside 1..max_epochs (0..max_epochs) of the spec. */
  EPOCH_OUT_OF_RANGE,
  /** A max_epochs other than the spec's: the record was not made from a request of this study. */
  BUDGET_MISMATCH,
  /** A metric of a finished trial, or a record of a superseded attempt. */
  LATE,
  /** A studies record that cannot be decoded. */
  UNDECODABLE,
  /** A study spec whose study id the spec parser would refuse. */
  INVALID_SPEC,
  /** A stop decision the monitor did not make: no stop of that attempt at that step. */
  NOT_ISSUED,
  /** A stop decision naming another rule than the study's spec. */
  RULE_MISMATCH;

  String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
