package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/** Runs long-lived services until SIGTERM or Ctrl-C, then closes them. */
final class ServiceRunner {

  private static volatile boolean shuttingDown;
  private static volatile Thread exiting;

  private ServiceRunner() {}

  /**
   * How long shutdown waits for service loops. A trainer lets its trial finish the current epoch
   * (up to a minute) so it can give the trial back cleanly; a shorter wait would make the re-run
   * count it as a lost attempt.
   */
  private static final long JOIN_MILLIS = 65_000;

  /** A service loop on its own thread, stopped in two steps so that many stop at once. */
  private record Loop(String name, Thread thread, AutoCloseable stop) implements AutoCloseable {
    void signal() throws Exception {
      stop.close();
    }

    void join(long deadline) throws InterruptedException {
      if (thread == exiting) {
        return;
      }
      thread.join(Math.max(1, deadline - System.currentTimeMillis()));
      if (thread.isAlive()) {
        System.err.println(name + " did not stop in time");
      }
    }

    @Override
    public void close() throws Exception {
      signal();
      join(System.currentTimeMillis() + JOIN_MILLIS);
    }
  }

  /**
   * Runs a service loop on its own thread. If the loop ends while no shutdown was asked for (a
   * fatal error), the process exits non-zero, so an orchestrator restarts it rather than it idling
   * on. The returned closeable stops the service and waits for its thread.
   */
  static AutoCloseable start(String name, Runnable service, AutoCloseable stop) {
    Thread t =
        new Thread(
            () -> {
              Throwable cause = null;
              try {
                service.run();
              } catch (Throwable e) { // NOPMD: an Error must end the process too
                cause = e;
              }
              if (!shuttingDown) {
                // The cause goes on the last line: it is what an orchestrator's log shows first.
                System.err.println(
                    name
                        + " stopped unexpectedly"
                        + (cause == null ? "" : " (" + cause + ")")
                        + "; exiting");
                exiting = Thread.currentThread(); // the shutdown hook must not wait for this one
                System.exit(1);
              } else if (cause != null) {
                System.err.println(name + " failed while stopping: " + cause);
              }
            },
            name);
    t.start();
    return new Loop(name, t, stop);
  }

  static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * Serves {@code /metrics} on {@code port} (none for 0). Called before a service starts, so that a
   * busy port fails the command before it joins any group.
   */
  static MetricsEndpoint serveMetrics(PrometheusMeterRegistry registry, int port)
      throws IOException {
    return port > 0 ? MetricsEndpoint.start(port, registry) : null;
  }

  static void awaitShutdown(MetricsEndpoint metrics, AutoCloseable... services) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shuttingDown = true;
                  // Signal every loop first and then wait for them together: one by one, the last
                  // trainers
                  // would still pick up the partitions the first ones gave back, and start new
                  // trials.
                  for (AutoCloseable s : services) {
                    if (s instanceof Loop loop) {
                      run(loop::signal);
                    }
                  }
                  long deadline = System.currentTimeMillis() + JOIN_MILLIS;
                  for (AutoCloseable s : services) {
                    run(s instanceof Loop loop ? () -> loop.join(deadline) : s::close);
                  }
                  if (metrics != null) {
                    metrics.close();
                  }
                  stopped.countDown();
                },
                "streamtune-shutdown"));
    stopped.await();
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void run(Step step) {
    try {
      step.run();
    } catch (Exception e) {
      System.err.println("error while stopping: " + e);
    }
  }
}
