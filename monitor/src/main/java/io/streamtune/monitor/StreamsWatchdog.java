package io.streamtune.monitor;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the death of the monitor's Kafka Streams client into an outcome the process can wait for.
 * Without it a fatal error (a state record over the broker's size limit, say) took the client to
 * ERROR while the JVM stayed up and did nothing: to an orchestrator, a healthy process.
 *
 * <p>As the uncaught exception handler it logs the cause and shuts the whole client down: replacing
 * the thread would only fail again on the same record, and a client that cannot process must end
 * the process so that it is restarted and seen. As the state listener it completes {@link
 * #failure()} when the client reaches ERROR, or when it stops without {@link #closing()} having
 * been called first.
 */
final class StreamsWatchdog implements StreamsUncaughtExceptionHandler, KafkaStreams.StateListener {

  private static final Logger LOG = LoggerFactory.getLogger(StreamsWatchdog.class);

  private final AtomicReference<Throwable> firstCause = new AtomicReference<>();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    // The first cause is the one to report; the other threads' errors usually follow from it.
    firstCause.compareAndSet(null, exception);
    LOG.error("monitor: a Kafka Streams thread failed; shutting the client down", exception);
    return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
  }

  @Override
  public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
    if (newState == KafkaStreams.State.ERROR) {
      failure.complete(cause("Kafka Streams went from " + oldState + " to ERROR"));
    } else if (newState.isShuttingDown() || newState.hasCompletedShutdown()) {
      if (!closed.isDone()) {
        failure.complete(cause("Kafka Streams stopped (" + newState + ") but nobody closed it"));
      }
    }
  }

  private Throwable cause(String otherwise) {
    Throwable t = firstCause.get();
    return t != null ? t : new IllegalStateException(otherwise);
  }

  /** The client is about to be closed on purpose: its shutdown that follows is no failure. */
  void closing() {
    closed.complete(null);
  }

  /** Completes with the cause when the client fails; never, if it is only closed on purpose. */
  CompletableFuture<Throwable> failure() {
    return failure.copy();
  }

  /** Blocks until the client fails (returns the cause) or is closed on purpose (returns null). */
  Throwable awaitFailureOrClose() throws InterruptedException {
    try {
      CompletableFuture.anyOf(failure, closed).get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("neither future completes exceptionally", e);
    }
    return failure.getNow(null);
  }
}
