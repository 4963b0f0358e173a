package io.streamtune.trainer;

import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.EarlyStop;
import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import io.streamtune.trainer.objective.ObjectiveResult;
import io.streamtune.trainer.objective.TrialContext;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one trial attempt to its {@link TrialResult}, with no Kafka in sight: epoch metrics go to a
 * callback, and stop requests come from a supplier. Every failure of the objective, including
 * errors such as OutOfMemoryError and a NaN metric, becomes a FAILED result rather than an
 * exception.
 *
 * <p>The request's {@code early_stop} is applied here ({@link Patience}): every epoch is published
 * first, then counted. A trial that patience ends before its last epoch is PRUNED with {@code
 * stop_rule} "patience"; any other stop leaves the rule to {@link TrialReporter}, which knows the
 * monitor's decision or the study's cancel. A stopped trial's value is the last one reported, and
 * one stopped before its first epoch has none. At the epoch where patience runs out the trial's own
 * rule ends it, whatever else arrived meanwhile: the outcome then follows from the curve alone, and
 * a shutdown at that moment does not throw a finished trial away.
 */
public final class TrialRunner {

  private static final Logger LOG = LoggerFactory.getLogger(TrialRunner.class);

  private final ObjectiveRegistry objectives;
  private final String workerId;
  private final Clock clock;

  public TrialRunner(ObjectiveRegistry objectives, String workerId, Clock clock) {
    this.objectives = objectives;
    this.workerId = workerId;
    this.clock = clock;
  }

  public TrialResult run(
      TrialRequest request, int attempt, Consumer<EpochMetric> metrics, BooleanSupplier stop) {
    long started = clock.millis();
    int[] lastEpoch = {0};
    double[] lastValue = {Double.NaN};
    boolean[] nanSeen = {false};
    Patience patience = Patience.of(request);
    TrialContext.EpochSink sink =
        (epoch, value) -> {
          lastEpoch[0] = epoch;
          lastValue[0] = value;
          if (Double.isNaN(value) || Double.isInfinite(value)) {
            nanSeen[0] = true;
            return false;
          }
          metrics.accept(
              EpochMetric.newBuilder()
                  .setStudyId(request.getStudyId())
                  .setTrialId(request.getTrialId())
                  .setAttempt(attempt)
                  .setEpoch(epoch)
                  .setValue(value)
                  .setMaxEpochs(request.getMaxEpochs())
                  .setBracket(request.getBracket())
                  .setWorker(workerId)
                  .setTimestamp(clock.millis())
                  .build());
          if (patience != null && patience.exhausted(epoch, value)) {
            return false;
          }
          return !stop.getAsBoolean();
        };
    Map<String, Object> params = new LinkedHashMap<>(request.getParams());
    TrialContext ctx =
        new TrialContext(
            request.getTrialId(),
            params,
            request.getObjective().getOptions(),
            request.getMaxEpochs(),
            seedOf(request.getTrialId()),
            sink,
            stop);

    TrialResult.Builder result = resultOf(request, attempt, started);
    try {
      Objective objective = objectives.create(request.getObjective().getName());
      ObjectiveResult out = objective.run(ctx);
      if (lastEpoch[0] == 0
          && out.epochsRun() == 0
          && Double.isNaN(out.value())
          && (out.stopped() || stop.getAsBoolean())) {
        // Stopped before its first epoch (a command between reports): nothing was measured.
        return result
            .setStatus(TrialStatus.PRUNED)
            .setValue(null)
            .setEpochsRun(0)
            .setFinishedAt(clock.millis())
            .build();
      }
      if (nanSeen[0] || Double.isNaN(out.value()) || Double.isInfinite(out.value())) {
        return failed(
            result,
            lastEpoch[0],
            "objective produced a non-finite metric ("
                + (nanSeen[0] ? lastValue[0] : out.value())
                + ") at epoch "
                + lastEpoch[0]);
      }
      // A stop that lands after the last epoch saved nothing: the trial ran to the end and
      // completed.
      boolean stopped =
          out.epochsRun() < request.getMaxEpochs() && (out.stopped() || stop.getAsBoolean());
      double value = out.value();
      if (stopped && patience != null && patience.stoppedAt() > 0) {
        value = patience.value(out.value());
        result
            .setStopRule(EarlyStop.RULE)
            .setStopStep(patience.stoppedAt())
            .setStopReason(patience.reason(request.getMetric().getName()));
      }
      return result
          .setStatus(stopped ? TrialStatus.PRUNED : TrialStatus.COMPLETED)
          .setValue(value)
          .setEpochsRun(out.epochsRun())
          .setExtraMetrics(new HashMap<>(out.extraMetrics()))
          .setFinishedAt(clock.millis())
          .build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(result, lastEpoch[0], "interrupted");
    } catch (Throwable e) { // NOPMD: an objective's OutOfMemoryError must not kill the worker
      LOG.warn("trial {} failed at epoch {}: {}", request.getTrialId(), lastEpoch[0], e.toString());
      return failed(result, lastEpoch[0], describe(e));
    }
  }

  private TrialResult.Builder resultOf(TrialRequest request, int attempt, long started) {
    return TrialResult.newBuilder()
        .setStudyId(request.getStudyId())
        .setTrialId(request.getTrialId())
        .setTrialNumber(request.getTrialNumber())
        .setAttempt(attempt)
        .setParams(request.getParams())
        .setMaxEpochs(request.getMaxEpochs())
        .setWorker(workerId)
        .setStartedAt(started)
        .setExtraMetrics(new HashMap<>());
  }

  private TrialResult failed(TrialResult.Builder result, int epochs, String reason) {
    return result
        .setStatus(TrialStatus.FAILED)
        .setValue(null)
        .setEpochsRun(epochs)
        .setError(reason)
        .setFinishedAt(clock.millis())
        .build();
  }

  private static String describe(Throwable e) {
    String msg =
        e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause != e) {
      msg +=
          " (caused by "
              + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
              + ")";
    }
    return msg.length() > 2000 ? msg.substring(0, 2000) + "…" : msg;
  }

  /** Same trial id, same seed: a re-run after a trainer death sees the same randomness. */
  static long seedOf(String trialId) {
    long h = 1125899906842597L;
    for (int i = 0; i < trialId.length(); i++) {
      h = 31 * h + trialId.charAt(i);
    }
    return h;
  }
}
