package io.streamtune.trainer.objective;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/** Builds {@link TrialContext}s for objective tests and records what they report. */
public final class Contexts {

  /** The epochs reported, in order, and a switch that makes the next report ask for a stop. */
  public static final class Recorder {
    public final List<Double> values = new ArrayList<>();
    public final AtomicBoolean stop = new AtomicBoolean();
    public int stopAfterEpoch = Integer.MAX_VALUE;

    boolean onEpoch(int epoch, double value) {
      values.add(value);
      if (epoch >= stopAfterEpoch) {
        stop.set(true);
      }
      return !stop.get();
    }
  }

  private Contexts() {}

  public static TrialContext of(
      Map<String, Object> params, Map<String, String> options, int maxEpochs, Recorder recorder) {
    return new TrialContext(
        "trial-test", params, options, maxEpochs, 7L, recorder::onEpoch, recorder.stop::get);
  }
}
