package io.streamtune.monitor;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The monitor's state for one study: every trial's curve (in the metric's own orientation), its
 * attempt and its status. Stored as one JSON value per study in the {@code curves} store.
 */
public final class CurveBook {

  /** Where a trial stands, as far as the monitor knows. */
  public enum Status { RUNNING, STOPPED, COMPLETED, PRUNED, FAILED;

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

    TrialCurve lossCurve(String id, boolean maximize) {
      double[] losses = values.clone();
      if (maximize) {
        for (int i = 0; i < losses.length; i++) {
          losses[i] = -losses[i];
        }
      }
      return new TrialCurve(id, losses, maxSteps, bracket);
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

  public Map<String, Trial> trials = new LinkedHashMap<>();
  public long updatedAt;

  /** The trial, created or reset when {@code attempt} is newer; null when the metric is from an older attempt. */
  Trial forAttempt(String trialId, int attempt, int maxSteps) {
    Trial t = trials.get(trialId);
    if (t == null || attempt > t.attempt) {
      t = new Trial();
      t.attempt = attempt;
      t.maxSteps = maxSteps;
      trials.put(trialId, t);
    }
    return attempt < t.attempt ? null : t;
  }

  /** The study as the rules see it: completed curves, and every other trial except {@code exclude}. */
  StudyCurves view(String exclude, boolean maximize) {
    List<TrialCurve> completed = new ArrayList<>();
    List<TrialCurve> others = new ArrayList<>();
    trials.forEach((id, t) -> {
      if (id.equals(exclude)) {
        return;
      }
      (t.status == Status.COMPLETED ? completed : others).add(t.lossCurve(id, maximize));
    });
    return new StudyCurves(completed, others);
  }

  @JsonIgnore
  boolean allFinished() {
    return trials.values().stream().allMatch(t -> t.status.finished());
  }
}
