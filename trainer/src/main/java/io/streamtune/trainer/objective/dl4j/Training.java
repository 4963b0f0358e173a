package io.streamtune.trainer.objective.dl4j;

import io.streamtune.trainer.objective.TrialContext;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * The epoch loop shared by the DL4J objectives. DL4J has no safe interrupt inside {@code fit}, so
 * training goes one minibatch at a time: a stop request is honoured at the next batch, well within
 * the one-epoch promise, and {@code reportEpoch} is called after every full epoch.
 */
public final class Training {

  /** Trains one epoch (0-based, as DL4J counts) and returns the validation metric. */
  @FunctionalInterface
  public interface Epoch {
    double run(int epochIndex) throws Exception;
  }

  /**
   * How a loop ended.
   *
   * @param lastValue the last validation metric reported (NaN if none)
   * @param epochs full epochs trained
   * @param stopped whether a stop request ended it early
   */
  public record Outcome(double lastValue, int epochs, boolean stopped) {}

  /** Thrown inside an epoch when a stop was requested mid-epoch. */
  static final class StopRequested extends RuntimeException {
    StopRequested() {
      super("stop requested", null, false, false);
    }
  }

  /** Environment variable: native threads per op for the DL4J objectives (default 1). */
  public static final String THREADS_ENV = "STREAMTUNE_DL4J_THREADS";

  private static volatile boolean configured;

  private Training() {}

  /**
   * Once per JVM: float32 everywhere, and one native thread per op unless OMP_NUM_THREADS or
   * {@value #THREADS_ENV} says otherwise. Why one: trainers scale by running several trials at
   * once, and OpenMP threads that spin-wait for a busy core made a peptide epoch 5–10x slower on a
   * loaded 2-core machine (measured: 0.8 s against 6–16 s for 1000 sequences); with nothing else
   * running, one thread is as fast as two.
   */
  public static void configureRuntime() {
    if (!configured) {
      synchronized (Training.class) {
        if (!configured) {
          Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
          int threads = threads(System.getenv(THREADS_ENV), System.getenv("OMP_NUM_THREADS"));
          if (threads > 0) {
            // nd4j reads OMP_NUM_THREADS once at load; set the OpenMP pool itself, as it does.
            NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
            Nd4j.getEnvironment().setMaxThreads(threads);
            Nd4j.getEnvironment().setMaxMasterThreads(threads);
            Nd4j.factory().blas().setMaxThreads(threads);
          }
          configured = true;
        }
      }
    }
  }

  /**
   * Native threads to set: the explicit setting, else 1 unless OMP_NUM_THREADS is set (0 = leave as
   * is).
   */
  static int threads(String explicit, String omp) {
    if (explicit != null && !explicit.isBlank()) {
      try {
        return Math.max(0, Integer.parseInt(explicit.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            THREADS_ENV + " must be a whole number but was '" + explicit + "'", e);
      }
    }
    return omp != null && !omp.isBlank() ? 0 : 1;
  }

  /** Runs up to {@code budget} epochs, reporting each; stops as soon as the context says so. */
  public static Outcome loop(TrialContext ctx, int budget, Epoch epoch) throws Exception {
    double last = Double.NaN;
    for (int e = 0; e < budget; e++) {
      if (Thread.interrupted()) {
        throw new InterruptedException("trial " + ctx.trialId() + " interrupted");
      }
      if (ctx.stopRequested()) {
        return new Outcome(last, e, true);
      }
      try {
        last = epoch.run(e);
      } catch (StopRequested stop) {
        return new Outcome(last, e, true);
      }
      if (!ctx.reportEpoch(e + 1, last)) {
        return new Outcome(last, e + 1, true);
      }
    }
    return new Outcome(last, budget, false);
  }

  /** One pass over {@code batches}, checking for a stop between minibatches. */
  public static void fitEpoch(TrialContext ctx, MultiLayerNetwork net, List<DataSet> batches) {
    for (DataSet b : batches) {
      if (ctx.stopRequested()) {
        throw new StopRequested();
      }
      net.fit(b);
    }
    net.incrementEpochCount();
  }

  /** Network outputs for all {@code batches}, concatenated row-major: {@code [n, outputs]}. */
  public static float[] predict(MultiLayerNetwork net, List<DataSet> batches, int n, int outputs) {
    float[] out = new float[n * outputs];
    int at = 0;
    for (DataSet b : batches) {
      INDArray y = net.output(b.getFeatures(), false, b.getFeaturesMaskArray(), null);
      float[] flat = y.reshape('c', y.size(0), outputs).dup('c').data().asFloat();
      System.arraycopy(flat, 0, out, at, flat.length);
      at += flat.length;
    }
    return out;
  }

  /** Epoch budget: the trial's max_epochs, capped by a positive objective option {@code cap}. */
  public static int budget(TrialContext ctx, int cap) {
    return cap > 0 ? Math.min(cap, ctx.maxEpochs()) : ctx.maxEpochs();
  }
}
