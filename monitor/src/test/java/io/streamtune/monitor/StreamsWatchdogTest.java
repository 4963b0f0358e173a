package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The watchdog as Kafka Streams drives it: the handler gets a thread's exception, then the listener
 * sees the client's states. Its error log is turned off in the tests' simplelogger settings.
 */
// A watchdog that misses an event leaves awaitTermination waiting; fail instead of hanging.
@Timeout(10)
class StreamsWatchdogTest {

  private final StreamsWatchdog watchdog = new StreamsWatchdog();

  @Test
  void shouldShutTheClientDownAndReportTheCauseWhenAThreadFails() throws Exception {
    // Given a thread that failed on an oversized state record
    RecordTooLargeException cause = new RecordTooLargeException("6000123 bytes");
    // When Streams asks the handler, and then the client reaches ERROR
    StreamThreadExceptionResponse response = watchdog.handle(cause);
    boolean reportedBeforeError = watchdog.failure().isDone();
    watchdog.onChange(State.PENDING_ERROR, State.RUNNING);
    watchdog.onChange(State.ERROR, State.PENDING_ERROR);
    // Then the whole client shuts down, and the failure is that cause once the client is down
    assertThat(response).isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
    assertThat(reportedBeforeError).isFalse();
    assertThat(watchdog.failure()).isCompletedWithValue(cause);
    assertThat(watchdog.awaitFailureOrClose()).isSameAs(cause);
  }

  @Test
  void shouldKeepTheFirstCauseWhenSeveralThreadsFail() {
    // Given
    RuntimeException first = new IllegalStateException("first");
    // When
    watchdog.handle(first);
    watchdog.handle(new IllegalStateException("second"));
    watchdog.onChange(State.ERROR, State.PENDING_ERROR);
    // Then
    assertThat(watchdog.failure()).isCompletedWithValue(first);
  }

  @Test
  void shouldReportAFailureWhenTheClientReachesErrorWithoutAThreadException() throws Exception {
    // When the global thread's or another client's error takes the client to ERROR
    watchdog.onChange(State.ERROR, State.PENDING_ERROR);
    // Then
    assertThat(watchdog.failure().get(5, TimeUnit.SECONDS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("Kafka Streams went from PENDING_ERROR to ERROR");
  }

  @Test
  void shouldReportAFailureWhenTheClientStopsWithoutBeingClosed() throws Exception {
    // When the client shuts down while nobody asked it to
    watchdog.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
    // Then
    assertThat(watchdog.failure().get(5, TimeUnit.SECONDS))
        .hasMessage("Kafka Streams stopped (PENDING_SHUTDOWN) but nobody closed it");
  }

  @Test
  void shouldReportNoFailureWhenTheClientIsClosedOnPurpose() throws Exception {
    // Given the service is closing the client
    watchdog.closing();
    // When the client shuts down
    watchdog.onChange(State.PENDING_SHUTDOWN, State.RUNNING);
    watchdog.onChange(State.NOT_RUNNING, State.PENDING_SHUTDOWN);
    // Then
    assertThat(watchdog.failure()).isNotDone();
    assertThat(watchdog.awaitFailureOrClose()).isNull();
  }

  @Test
  void shouldReportNoFailureWhenTheClientStartsAndRebalances() {
    watchdog.onChange(State.REBALANCING, State.CREATED);
    watchdog.onChange(State.RUNNING, State.REBALANCING);
    watchdog.onChange(State.REBALANCING, State.RUNNING);
    assertThat(watchdog.failure()).isNotDone();
  }
}
