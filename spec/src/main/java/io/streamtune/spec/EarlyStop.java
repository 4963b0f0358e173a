package io.streamtune.spec;

import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.util.List;

/**
 * Trial-level patience, the spec's {@code early_stop} block, as Keras's {@code
 * EarlyStopping(patience, min_delta, restore_best_weights)}: a trainer ends its own trial once the
 * study's metric has gone {@code patience} epochs without improving by more than {@code min_delta}.
 * It is the trial's own rule, applied by the trainer that runs it; the study-level rules of {@code
 * stopping} are the monitor's and compare trials with each other. Both apply, and the first to ask
 * ends the trial.
 *
 * <p>This class holds what every service must agree on: the block's keys, when it is on, and how a
 * result that patience ended is recognised. The counting is the trainer's.
 */
public final class EarlyStop {

  /**
   * The {@code stop_rule} of a result that patience ended. No monitor rule has this name ({@link
   * SpecVocabulary#STOPPING_RULES}), so a result says which of the two ended its trial.
   */
  public static final String RULE = "patience";

  /** The keys of the {@code early_stop} block. */
  public static final List<String> KEYS = List.of("patience", "min_delta", "restore_best");

  private EarlyStop() {}

  /**
   * Whether patience applies. A spec without the block, and every record older than the field, has
   * none (null); a block always has a patience of at least 1 once validated.
   */
  public static boolean isOn(EarlyStopSpec spec) {
    return spec != null && spec.getPatience() > 0;
  }

  /**
   * Whether the trial ended by its own patience. Such a trial is PRUNED, since it ran fewer than
   * max_epochs, but unlike one the monitor stopped it was not judged worse than others: it stopped
   * because its curve had flattened, so its value is as final as a completed trial's.
   */
  public static boolean endedByPatience(TrialResult result) {
    return result.getStatus() == TrialStatus.PRUNED && RULE.equals(result.getStopRule());
  }

  /**
   * Whether a result's value is final, so that its trial may be a study's best: the trial
   * completed, or its own patience ended it. A trial the monitor pruned has only a partial value.
   */
  public static boolean hasFinalValue(TrialResult result) {
    return result.getStatus() == TrialStatus.COMPLETED || endedByPatience(result);
  }
}
