package io.streamtune.monitor;

import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The monitor's view of one study: every trial's curve (in the metric's own orientation), its
 * attempt and its status. The {@code trial-curves} store keeps one {@link Trial} per key {@code
 * study|trial}, so an epoch metric rewrites one trial's curve, not the whole study's, and the
 * changelog grows with the data rather than with its square; a study is read back with a prefix
 * scan when a rule needs it.
 */
public final class CurveBook {

  /**
   * Study ids never contain it (the spec parser allows [A-Za-z0-9._-]), so a prefix is one study.
   */
  static final String SEPARATOR = "|";

  /** Where a trial stands, as far as the monitor knows. */
  public enum Status {
    RUNNING,
    STOPPED,
    COMPLETED,
    PRUNED,
    FAILED;

    boolean finished() {
      return this != RUNNING;
    }
  }

  /** One trial; public fields because this is a storage record read and written by Jackson. */
  public static final class Trial {
    public int attempt;
    public double[] values = new double[0];
    public int maxSteps;
    public int bracket;
    public Status status = Status.RUNNING;

    /**
     * The step at which the monitor stopped this attempt, 0 if it has not: what a decision read
     * back from {@code trial-control} is checked against ({@link DecisionAuditor}).
     */
    public int stopStep;

    /** Wall-clock time of the last metric or result, for expiry. */
    public long updatedAt;

    TrialCurve lossCurve(String id, boolean maximize) {
      double[] losses = values.clone();
      if (maximize) {
        for (int i = 0; i < losses.length; i++) {
          losses[i] = -losses[i];
        }
      }
      return new TrialCurve(id, losses, maxSteps, bracket);
    }

    /**
     * Whether this trial is a reference for the others: it completed and its final value is finite.
     * A run that completed on a NaN or an infinity (its last epoch diverged, which no rule stops
     * because stopping there saves nothing) is as useless as a failed one, and a completed result
     * that overtook every metric has no curve yet.
     */
    boolean isReference() {
      return status == Status.COMPLETED
          && values.length > 0
          && Double.isFinite(values[values.length - 1]);
    }

    boolean missing(int epoch) {
      return epoch > values.length || Double.isNaN(values[epoch - 1]);
    }

    void put(int epoch, double value) {
      if (epoch > values.length) {
        int old = values.length;
        values = Arrays.copyOf(values, epoch);
        Arrays.fill(values, old, epoch, Double.NaN);
      }
      values[epoch - 1] = value;
    }
  }

  public final Map<String, Trial> trials = new LinkedHashMap<>();

  static String key(String studyId, String trialId) {
    return studyId + SEPARATOR + trialId;
  }

  static String studyOf(String key) {
    return key.substring(0, key.indexOf(SEPARATOR));
  }

  /** Every trial of {@code studyId} in the store. */
  static CurveBook load(ReadOnlyKeyValueStore<String, Trial> store, String studyId) {
    CurveBook book = new CurveBook();
    String prefix = studyId + SEPARATOR;
    try (KeyValueIterator<String, Trial> it = store.prefixScan(prefix, new StringSerializer())) {
      while (it.hasNext()) {
        var kv = it.next();
        book.trials.put(kv.key.substring(prefix.length()), kv.value);
      }
    }
    return book;
  }

  /**
   * The stored trial for this attempt: a fresh one when nothing is stored or {@code attempt} is
   * newer (a re-run starts a new curve), null when the record is from an older attempt.
   */
  static Trial forAttempt(Trial stored, int attempt, int maxSteps) {
    if (stored == null || attempt > stored.attempt) {
      Trial t = new Trial();
      t.attempt = attempt;
      t.maxSteps = maxSteps;
      return t;
    }
    return attempt < stored.attempt ? null : stored;
  }

  /**
   * The study as the rules see it: completed curves that are references ({@link
   * Trial#isReference}), and every other trial except {@code exclude}.
   */
  StudyCurves view(String exclude, boolean maximize) {
    List<TrialCurve> completed = new ArrayList<>();
    List<TrialCurve> others = new ArrayList<>();
    trials.forEach(
        (id, t) -> {
          if (id.equals(exclude)) {
            return;
          }
          (t.isReference() ? completed : others).add(t.lossCurve(id, maximize));
        });
    return new StudyCurves(completed, others);
  }
}
