package io.streamtune.trainer.objective;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A test function made into a learning curve, so the whole pipeline (per-epoch metrics, early
 * stopping) can run in seconds:
 *
 * <pre>value(e) = f(x) + c·exp(−e/τ) + σ·exp(−e/τ)·N(0,1),   e = 1..max_epochs</pre>
 *
 * The curve decreases towards f(x), so trials with a good x look good early, as real curves do.
 * Options: {@code c} (default 20), {@code tau} (5), {@code noise} σ (0.5), {@code epoch_ms} (sleep
 * per epoch, default 20), and {@code fail_rate}: the chance a trial throws at epoch 2, seeded by
 * the trial id, to exercise the FAILED path.
 */
public final class SyntheticObjective implements Objective {

  private final ToDoubleFunction<TrialContext> function;

  public SyntheticObjective(ToDoubleFunction<TrialContext> function) {
    this.function = function;
  }

  public static SyntheticObjective branin() {
    return new SyntheticObjective(ctx -> TestFunctions.branin(ctx.number("x1"), ctx.number("x2")));
  }

  public static SyntheticObjective hartmann6() {
    return new SyntheticObjective(
        ctx -> {
          double[] x = new double[6];
          for (int i = 0; i < 6; i++) {
            x[i] = ctx.number("x" + (i + 1));
          }
          return TestFunctions.hartmann6(x);
        });
  }

  @Override
  public ObjectiveResult run(TrialContext ctx) throws InterruptedException {
    double target = function.applyAsDouble(ctx);
    double c = ctx.option("c", 20.0);
    double tau = ctx.option("tau", 5.0);
    double noise = ctx.option("noise", 0.5);
    long epochMs = (long) ctx.option("epoch_ms", 20.0);
    double failRate = ctx.option("fail_rate", 0.0);
    SplittableRandom rng = new SplittableRandom(ctx.seed());
    boolean fails = rng.nextDouble() < failRate;

    double value = Double.NaN;
    int epoch = 0;
    while (epoch < ctx.maxEpochs()) {
      epoch++;
      if (epochMs > 0) {
        Thread.sleep(epochMs);
      }
      if (fails && epoch == 2) {
        throw new IllegalStateException("synthetic failure (fail_rate=" + failRate + ")");
      }
      double decay = Math.exp(-epoch / tau);
      value = target + c * decay + noise * decay * gaussian(rng);
      if (!ctx.reportEpoch(epoch, value)) {
        return new ObjectiveResult(value, epoch, true, Map.of());
      }
    }
    return new ObjectiveResult(value, epoch, false, Map.of("true_value", target));
  }

  private static double gaussian(SplittableRandom rng) {
    // Box–Muller; SplittableRandom has no nextGaussian on Java 17.
    double u1 = 1.0 - rng.nextDouble();
    double u2 = rng.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
