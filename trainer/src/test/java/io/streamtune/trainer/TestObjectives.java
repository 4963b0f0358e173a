package io.streamtune.trainer;

import io.streamtune.trainer.objective.ObjectiveRegistry;
import io.streamtune.trainer.objective.ObjectiveResult;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Objectives for the loop's unit tests: quick curves (one that never improves after its first
 * epoch), one that runs until told to stop, and one that reports nothing until told to stop (a
 * command that has not printed an epoch yet).
 */
final class TestObjectives {

  /** Counted down when a "hold" trial has reported its first epoch and is waiting. */
  final CountDownLatch holding = new CountDownLatch(1);

  /** Releases "hold" trials, which then run to the end. */
  final CountDownLatch released = new CountDownLatch(1);

  /** Counted down when a "silent" trial has started; it reports nothing until told to stop. */
  final CountDownLatch silent = new CountDownLatch(1);

  ObjectiveRegistry registry() {
    return new ObjectiveRegistry()
        .register(
            "curve",
            () ->
                ctx -> {
                  double value = Double.NaN;
                  for (int e = 1; e <= ctx.maxEpochs(); e++) {
                    value = 1.0 / e;
                    if (!ctx.reportEpoch(e, value)) {
                      return new ObjectiveResult(value, e, true, Map.of());
                    }
                  }
                  return new ObjectiveResult(value, ctx.maxEpochs(), false, Map.of());
                })
        .register(
            "flat",
            () ->
                ctx -> {
                  for (int e = 1; e <= ctx.maxEpochs(); e++) {
                    if (!ctx.reportEpoch(e, 1.0)) {
                      return new ObjectiveResult(1.0, e, true, Map.of());
                    }
                  }
                  return new ObjectiveResult(1.0, ctx.maxEpochs(), false, Map.of());
                })
        .register(
            "hold",
            () ->
                ctx -> {
                  if (!ctx.reportEpoch(1, 5.0)) {
                    return new ObjectiveResult(5.0, 1, true, Map.of());
                  }
                  holding.countDown();
                  while (released.getCount() > 0) {
                    if (ctx.stopRequested()) {
                      return new ObjectiveResult(5.0, 1, true, Map.of());
                    }
                    Thread.sleep(2);
                  }
                  for (int e = 2; e <= ctx.maxEpochs(); e++) {
                    if (!ctx.reportEpoch(e, 5.0 - e)) {
                      return new ObjectiveResult(5.0 - e, e, true, Map.of());
                    }
                  }
                  return new ObjectiveResult(
                      5.0 - ctx.maxEpochs(), ctx.maxEpochs(), false, Map.of());
                })
        .register(
            "silent",
            () ->
                ctx -> {
                  silent.countDown();
                  while (!ctx.stopRequested()) {
                    Thread.sleep(2);
                  }
                  return new ObjectiveResult(Double.NaN, 0, true, Map.of());
                });
  }

  boolean isSilent() {
    return silent.getCount() == 0;
  }

  boolean isHolding() {
    return holding.getCount() == 0;
  }
}
