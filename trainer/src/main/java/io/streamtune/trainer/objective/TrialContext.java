package io.streamtune.trainer.objective;

import io.streamtune.spec.ParamValues;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Everything an objective sees of its trial: parameters, budget, objective options and the channel
 * back to the pipeline.
 */
public final class TrialContext {

  /** Receives each epoch's metric; returns false when the trial must stop now. */
  @FunctionalInterface
  public interface EpochSink {
    boolean onEpoch(int epoch, double value);
  }

  private final String trialId;
  private final Map<String, Object> params;
  private final Map<String, String> options;
  private final int maxEpochs;
  private final long seed;
  private final EpochSink sink;
  private final BooleanSupplier stopRequested;

  public TrialContext(
      String trialId,
      Map<String, Object> params,
      Map<String, String> options,
      int maxEpochs,
      long seed,
      EpochSink sink,
      BooleanSupplier stopRequested) {
    this.trialId = trialId;
    this.params = Map.copyOf(params);
    this.options = Map.copyOf(options);
    this.maxEpochs = maxEpochs;
    this.seed = seed;
    this.sink = sink;
    this.stopRequested = stopRequested;
  }

  public String trialId() {
    return trialId;
  }

  public Map<String, Object> params() {
    return params;
  }

  public int maxEpochs() {
    return maxEpochs;
  }

  /** A seed derived from the trial id, so a re-run of the same trial sees the same randomness. */
  public long seed() {
    return seed;
  }

  public Map<String, String> options() {
    return options;
  }

  /** Reports epoch {@code epoch} (1-based); returns false when the trial must stop now. */
  public boolean reportEpoch(int epoch, double value) {
    return sink.onEpoch(epoch, value);
  }

  /** Whether a stop was requested; long epochs may poll this to end sooner. */
  public boolean stopRequested() {
    return stopRequested.getAsBoolean();
  }

  public double number(String name) {
    Object v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "missing parameter '" + name + "'; have " + params.keySet());
    }
    return ParamValues.asNumber(v);
  }

  public int integer(String name) {
    return (int) Math.round(number(name));
  }

  public String category(String name) {
    Object v = params.get(name);
    if (v == null) {
      throw new IllegalArgumentException(
          "missing parameter '" + name + "'; have " + params.keySet());
    }
    return v.toString();
  }

  public double option(String name, double fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "objective option '" + name + "' must be a number but was '" + v + "'");
    }
  }

  public String option(String name, String fallback) {
    return options.getOrDefault(name, fallback);
  }
}
