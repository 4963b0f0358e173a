package io.streamtune.spec;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import org.apache.avro.Schema;

/**
 * Cancelling and resuming a study, as every service must understand it. A study is cancelled by
 * republishing its spec on {@code studies} with {@code cancel} set, and resumed by republishing it
 * with {@code cancel} null; the topic is compacted, so the latest record is the study's standing.
 * Neither makes the spec another study ({@link StudyIdentity}).
 *
 * <p>While a study is cancelled its suggester issues nothing and reports it CANCELLED, trainers run
 * none of its requests, and each of its running trials stops at its next epoch with a PRUNED result
 * whose {@code stop_rule} is {@link #RULE}. A cancelled trial's value is where the cancel cut it,
 * not a judgement of its parameters, so it is not final ({@link EarlyStop#hasFinalValue}).
 */
public final class Cancellation {

  /**
   * The {@code stop_rule} of a trial that its study's cancel stopped. No monitor rule has this name
   * ({@link SpecVocabulary#STOPPING_RULES}), nor has trial-level patience ({@link EarlyStop#RULE}).
   */
  public static final String RULE = "cancelled";

  private Cancellation() {}

  public static boolean isCancelled(StudySpec spec) {
    return spec.getCancel() != null;
  }

  /** The message of a cancelled study's status: "cancelled: reason", or "cancelled". */
  public static String statusMessage(CancelRequest cancel) {
    return withReason("cancelled", cancel);
  }

  /** The {@code stop_reason} of a trial the cancel stopped: "study cancelled: reason". */
  public static String stopReason(CancelRequest cancel) {
    return withReason("study cancelled", cancel);
  }

  private static String withReason(String what, CancelRequest cancel) {
    String reason = cancel == null ? "" : cancel.getReason();
    return reason == null || reason.isBlank() ? what : what + ": " + reason;
  }

  /** Whether the trial ended because its study was cancelled. */
  public static boolean endedByCancel(TrialResult result) {
    return result.getStatus() == TrialStatus.PRUNED && RULE.equals(result.getStopRule());
  }

  /**
   * The spec as a cancel ({@code cancel} set) or a resume ({@code cancel} null) republishes it:
   * every other field as it is. The copy shares the nested records of {@code spec}.
   */
  public static StudySpec withCancel(StudySpec spec, CancelRequest cancel) {
    // Field by field: a copying builder would deep-copy through Avro's class loading.
    StudySpec copy = new StudySpec();
    for (Schema.Field f : StudySpec.getClassSchema().getFields()) {
      copy.put(f.pos(), spec.get(f.pos()));
    }
    copy.setCancel(cancel);
    return copy;
  }
}
