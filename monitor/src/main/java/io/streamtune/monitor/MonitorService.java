package io.streamtune.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;

/**
 * The running monitor: the topology in a {@link KafkaStreams} instance, with its metrics bound and
 * a {@link StreamsWatchdog} that turns a fatal Streams error into {@link #failure()} and an
 * exception from {@link #awaitTermination()}.
 */
public final class MonitorService implements AutoCloseable {

  private final KafkaStreams streams;
  private final KafkaStreamsMetrics metrics;
  private final StreamsWatchdog watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();

  private MonitorService(
      KafkaStreams streams, KafkaStreamsMetrics metrics, StreamsWatchdog watchdog) {
    this.streams = streams;
    this.metrics = metrics;
    this.watchdog = watchdog;
  }

  /** Builds the topology with {@link MonitorTopology#buildTopology} and starts it. */
  public static MonitorService start(MonitorConfig config, MeterRegistry registry) {
    MonitorService service = create(config, registry);
    service.streams.start();
    Warmup.run(); // while Streams joins its group, not while it judges the first study
    return service;
  }

  /** The service with its client built and watched, but not started. */
  static MonitorService create(MonitorConfig config, MeterRegistry registry) {
    KafkaStreams streams =
        new KafkaStreams(
            MonitorTopology.buildTopology(new StreamsBuilder(), config, registry),
            config.streamsProperties());
    StreamsWatchdog watchdog = new StreamsWatchdog();
    // Both before start(): a thread can fail as early as its first rebalance.
    streams.setUncaughtExceptionHandler(watchdog);
    streams.setStateListener(watchdog);
    // The service tag only: Prometheus wants one tag set per name, and trainers in the same
    // registry register kafka.consumer.* meters too.
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams, MonitorMetrics.SERVICE);
    metrics.bindTo(registry);
    return new MonitorService(streams, metrics, watchdog);
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

  /**
   * Completes with the cause when the Streams client fails (ERROR, or stopped without {@link
   * #close}); never completes when the monitor is only closed.
   */
  public CompletableFuture<Throwable> failure() {
    return watchdog.failure();
  }

  /**
   * Blocks until the monitor is closed, then returns; or until its Streams client fails, then
   * closes it and throws an exception that names the cause. The CLI runs this as the monitor's
   * service loop, so that a failed client ends the process with a non-zero status.
   */
  public void awaitTermination() {
    Throwable cause;
    try {
      cause = watchdog.awaitFailureOrClose();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    if (cause != null) {
      // Closed first, so that the client's shutdown messages come before the cause in the log,
      // not after it.
      close();
      throw new IllegalStateException("the monitor's Kafka Streams client failed: " + cause, cause);
    }
  }

  public KafkaStreams streams() {
    return streams;
  }

  StreamsWatchdog watchdog() {
    return watchdog;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    watchdog.closing();
    streams.close(Duration.ofSeconds(10));
    metrics.close();
  }
}
