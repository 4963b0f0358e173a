package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import java.util.concurrent.CountDownLatch;

/** Runs long-lived services until SIGTERM or Ctrl-C, then closes them. */
final class ServiceRunner {

  private ServiceRunner() {}

  static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  static void awaitShutdown(PrometheusMeterRegistry registry, int metricsPort, AutoCloseable... services)
      throws Exception {
    MetricsEndpoint metrics = metricsPort > 0 ? MetricsEndpoint.start(metricsPort, registry) : null;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
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
