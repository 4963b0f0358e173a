package io.streamtune.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Micrometer meters of the monitor, tagged with the service, the study and the rule. */
final class MonitorMetrics {

  private final MeterRegistry registry;

  MonitorMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void decision(String study, String rule, int remainingEpochs, long latencyMs) {
    Counter.builder("streamtune.monitor.decisions")
        .description("Stop decisions issued, by rule")
        .tags("service", "monitor", "study", study, "rule", rule)
        .register(registry)
        .increment();
    Timer.builder("streamtune.monitor.decision.latency")
        .description("From an epoch metric's timestamp to the stop decision it caused")
        .tags("service", "monitor", "study", study, "rule", rule)
        .publishPercentiles(0.5, 0.99)
        .register(registry)
        .record(Duration.ofMillis(Math.max(0, latencyMs)));
  }

  void epochsSaved(String study, int epochs) {
    Counter.builder("streamtune.monitor.epochs.saved")
        .description(
            "Epochs not trained because a trial was stopped early (budget minus epochs run)")
        .tags("service", "monitor", "study", study)
        .register(registry)
        .increment(Math.max(0, epochs));
  }

  void lateMetric(String study) {
    Counter.builder("streamtune.monitor.metrics.ignored")
        .description("Metrics ignored because their trial had finished or was superseded")
        .tags("service", "monitor", "study", study)
        .register(registry)
        .increment();
  }
}
