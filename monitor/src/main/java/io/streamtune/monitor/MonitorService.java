package io.streamtune.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/** The running monitor: the topology in a {@link KafkaStreams} instance, with its metrics bound. */
public final class MonitorService implements AutoCloseable {

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;

  private MonitorService(KafkaStreams streams, KafkaStreamsMetrics metrics) {
    this.streams = streams;
    this.metrics = metrics;
  }

  /** Builds the topology with {@link MonitorTopology#buildTopology} and starts it. */
  public static MonitorService start(MonitorConfig config, MeterRegistry registry) {
    KafkaStreams streams =
        new KafkaStreams(
            MonitorTopology.buildTopology(new StreamsBuilder(), config, registry),
            config.streamsProperties());
    // The service tag only: Prometheus wants one tag set per name, and trainers in the same
    // registry
    // register kafka.consumer.* meters too.
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, MonitorMetrics.SERVICE);
    metrics.bindTo(registry);
    streams.start();
    return new MonitorService(streams, metrics);
  }

  /** Waits until the monitor processes records, so that no early metric goes unjudged. */
  public MonitorService awaitRunning(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (streams.state() != KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException(
            "monitor did not reach RUNNING (state " + streams.state() + ")");
      }
      Thread.sleep(50);
    }
    return this;
  }

  public KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    streams.close(Duration.ofSeconds(10));
    metrics.close();
  }
}
