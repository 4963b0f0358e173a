package io.streamtune.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

  @Test
  void shouldNameThePortAndTheOptionWhenThePortIsBusy() throws Exception {
    // Given a port that something else listens on
    try (ServerSocket busy = new ServerSocket(0)) {
      int port = busy.getLocalPort();

      // When metrics are served there, then the error says which port and which option
      assertThatThrownBy(
              () ->
                  MetricsEndpoint.start(
                      port, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
          .isInstanceOf(BindException.class)
          .hasMessageStartingWith("--metrics-port " + port + " is already in use");
    }
  }

  @Test
  void shouldNameTheOptionWhenThePortIsOutOfRange() {
    assertThatThrownBy(
            () ->
                MetricsEndpoint.start(
                    70_000, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--metrics-port must be 0 to 65535 but was 70000");
  }
}
