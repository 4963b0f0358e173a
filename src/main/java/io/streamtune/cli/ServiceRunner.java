package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import java.util.concurrent.CountDownLatch;

/** Runs long-lived services until SIGTERM or Ctrl-C, then closes them. */
final class ServiceRunner {

  private static volatile boolean shuttingDown;

  private ServiceRunner() {}

  /**
   * Runs a service loop on its own thread. If the loop ends while no shutdown was asked for (a fatal
   * error), the process exits non-zero, so an orchestrator restarts it rather than it idling on.
   * The returned closeable stops the service and waits for its thread.
   */
  static AutoCloseable start(String name, Runnable service, AutoCloseable stop) {
    Thread t = new Thread(() -> {
      try {
        service.run();
      } catch (RuntimeException e) {
        System.err.println(name + " failed: " + e);
      }
      if (!shuttingDown) {
        System.err.println(name + " stopped unexpectedly; exiting");
        System.exit(1);
      }
    }, name);
    t.start();
    return () -> {
      stop.close();
      t.join(15_000);
    };
  }

  static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  static void awaitShutdown(PrometheusMeterRegistry registry, int metricsPort, AutoCloseable... services)
      throws Exception {
    MetricsEndpoint metrics = metricsPort > 0 ? MetricsEndpoint.start(metricsPort, registry) : null;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      shuttingDown = true;
      for (AutoCloseable s : services) {
        try {
          s.close();
        } catch (Exception e) {
          System.err.println("error while stopping: " + e);
        }
      }
      if (metrics != null) {
        metrics.close();
      }
      stopped.countDown();
    }, "streamtune-shutdown"));
    stopped.await();
  }
}
