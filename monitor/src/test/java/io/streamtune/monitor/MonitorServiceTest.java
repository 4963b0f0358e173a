package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI sees of a monitor whose Streams client fails, without a broker: the client is built
 * with the monitor's real settings and watchdog but never started, and the test plays the part of
 * Kafka Streams by calling the watchdog as a dying thread would.
 */
// A watchdog that misses an event leaves awaitTermination waiting; fail instead of hanging.
@Timeout(10)
class MonitorServiceTest {

  @TempDir Path stateDir;
  private MonitorService service;

  @BeforeEach
  void create() {
    // Port 9 (discard): nothing is sent, since the client is never started.
    service =
        MonitorService.create(
            MonitorConfig.defaults("localhost:9", stateDir), new SimpleMeterRegistry());
  }

  @AfterEach
  void close() {
    service.close();
  }

  @Test
  void shouldCloseTheClientAndThrowTheCauseWhenTheStreamsClientFails() {
    // Given a stream thread that failed on an oversized state record, and the client in ERROR
    RecordTooLargeException cause = new RecordTooLargeException("6000123 bytes");
    service.watchdog().handle(cause);
    service.watchdog().onChange(State.ERROR, State.PENDING_ERROR);
    // When the CLI's service loop waits on the monitor
    // Then it ends with the cause in its message, and the client has been closed
    assertThatThrownBy(service::awaitTermination)
        .hasCause(cause)
        .hasMessageContaining("RecordTooLargeException: 6000123 bytes");
    assertThat(service.failure()).isCompletedWithValue(cause);
    assertThat(service.streams().state()).isEqualTo(State.NOT_RUNNING);
  }

  @Test
  void shouldReturnWithoutFailureWhenTheMonitorIsClosed() throws Exception {
    // Given the CLI's service loop waiting on the monitor
    CompletableFuture<Void> loop = CompletableFuture.runAsync(service::awaitTermination);
    // When the monitor is closed (the client goes through PENDING_SHUTDOWN to NOT_RUNNING)
    service.close();
    // Then the loop ends normally, and no failure is reported
    loop.get(10, TimeUnit.SECONDS);
    assertThat(service.streams().state()).isEqualTo(State.NOT_RUNNING);
    assertThat(service.failure()).isNotDone();
  }

  @Test
  void shouldReportAFailureWhenTheClientStopsWithoutTheMonitorBeingClosed() {
    // When the client is closed behind the monitor's back
    service.streams().close(Duration.ofSeconds(10));
    // Then
    assertThat(service.failure()).isDone();
    assertThatThrownBy(service::awaitTermination).hasMessageContaining("nobody closed it");
  }
}
