package io.streamtune.trainer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.streamtune.avro.TrialResult;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;

/** Micrometer meters of one trainer, tagged with the service, the worker and the study. */
final class TrainerMetrics {

  private final MeterRegistry registry;
  private final String workerId;

  TrainerMetrics(MeterRegistry registry, String workerId) {
    this.registry = registry;
    this.workerId = workerId;
  }

  /** Kafka's own consumer metrics (lag, fetch rate) under Micrometer's kafka.consumer.* names. */
  AutoCloseable bindClient(Consumer<?, ?> consumer) {
    var metrics = new KafkaClientMetrics(consumer);
    metrics.bindTo(registry);
    return metrics;
  }

  void recordResult(TrialResult result) {
    Counter.builder("streamtune.trainer.trials")
        .description("Trials finished by this trainer, by final status")
        .tags(
            "service",
            "trainer",
            "worker",
            workerId,
            "study",
            result.getStudyId(),
            "status",
            result.getStatus().name())
        .register(registry)
        .increment();
    Counter.builder("streamtune.trainer.epochs")
        .description("Epochs trained")
        .tags("service", "trainer", "worker", workerId, "study", result.getStudyId())
        .register(registry)
        .increment(result.getEpochsRun());
    Timer.builder("streamtune.trial.duration")
        .description("Wall-clock time of a trial attempt, from start to result")
        .tags(
            "service", "trainer", "study", result.getStudyId(), "status", result.getStatus().name())
        .register(registry)
        .record(Duration.ofMillis(Math.max(0, result.getFinishedAt() - result.getStartedAt())));
  }
}
