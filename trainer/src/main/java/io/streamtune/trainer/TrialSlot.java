package io.streamtune.trainer;

import io.streamtune.avro.TrialResult;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one trial a trainer runs at a time, on a thread of its own: training takes far longer than
 * {@code max.poll.interval.ms}, so the consumer thread must stay free to poll. Knows no Kafka
 * client; the loop decides what a finished or abandoned trial means for the request.
 */
final class TrialSlot implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrialSlot.class);

  private final String workerId;
  private final Duration abandonGrace;
  private ExecutorService executor;
  private volatile RunningTrial running;

  /**
   * @param abandonGrace how long an abandoned trial may take to notice its stop flag (objectives
   *     check it every epoch) before its thread is interrupted
   */
  TrialSlot(String workerId, Duration abandonGrace) {
    this.workerId = workerId;
    this.abandonGrace = abandonGrace;
    this.executor = newExecutor();
  }

  private ExecutorService newExecutor() {
    return Executors.newSingleThreadExecutor(
        r -> {
          Thread t = new Thread(r, workerId + "-trial");
          t.setDaemon(true);
          return t;
        });
  }

  /** The trial in progress, or null. */
  RunningTrial current() {
    return running;
  }

  /**
   * Runs {@code body} for {@code trial}; {@code onDone} runs on the trial's thread once its outcome
   * is ready, but only while this trial is still the current one, so an abandoned trial cannot wake
   * the loop.
   */
  void start(RunningTrial trial, Callable<TrialResult> body, Runnable onDone) {
    if (running != null) {
      throw new IllegalStateException("trainer " + workerId + " is already running a trial");
    }
    running = trial;
    FutureTask<TrialResult> task =
        new FutureTask<>(body) {
          @Override
          protected void done() {
            // Runs after the outcome is set, so a woken loop finds the trial done.
            if (running == trial) {
              onDone.run();
            }
          }
        };
    trial.future = task;
    executor.execute(task);
  }

  /** Takes the current trial out of the slot if it has ended; null while it runs or when idle. */
  RunningTrial takeFinished() {
    RunningTrial r = running;
    if (r == null || !r.isDone()) {
      return null;
    }
    running = null;
    return r;
  }

  /** The outcome of a trial that {@link #takeFinished} returned. */
  static TrialResult outcome(RunningTrial r) throws InterruptedException {
    try {
      return r.future.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("trial runner failed unexpectedly", e.getCause());
    }
  }

  /**
   * Stops the current trial without a result and waits for it to notice; a trial that ignores its
   * stop flag for the whole grace period is interrupted, and its thread replaced.
   *
   * @return the abandoned trial, or null if none was running
   */
  RunningTrial abandon() {
    RunningTrial r = running;
    if (r == null) {
      return null;
    }
    r.abandoned = true;
    running = null;
    try {
      r.future.get(abandonGrace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      LOG.warn(
          "trainer {}: abandoned trial {} ignores its stop flag; interrupting it",
          workerId,
          r.trialId());
      r.future.cancel(true);
      executor.shutdownNow();
      executor = newExecutor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | RuntimeException e) {
      LOG.warn(
          "trainer {}: abandoned trial {} did not stop cleanly: {}",
          workerId,
          r.trialId(),
          e.toString());
    }
    return r;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
