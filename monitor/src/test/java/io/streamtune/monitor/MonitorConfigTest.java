package io.streamtune.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class MonitorConfigTest {

  private static final MonitorConfig DEFAULTS =
      MonitorConfig.defaults("localhost:9092", Path.of("state"));

  @Test
  void shouldKeepAQuietStudysMetersForTenMinutesWhenNotToldOtherwise() {
    assertThat(DEFAULTS.metricsGrace()).isEqualTo(Duration.ofMinutes(10));
    assertThat(DEFAULTS.withMetricsGrace(Duration.ofHours(2)).metricsGrace())
        .isEqualTo(Duration.ofHours(2));
  }

  @Test
  void shouldNameTheFieldWhenTheMetricsGraceIsNotPositive() {
    assertThatThrownBy(() -> DEFAULTS.withMetricsGrace(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("metricsGrace must be > 0 but was PT0S");
    assertThatThrownBy(() -> DEFAULTS.withMetricsGrace(Duration.ofSeconds(-1)))
        .hasMessageContaining("metricsGrace must be > 0 but was PT-1S");
    assertThatThrownBy(() -> DEFAULTS.withMetricsGrace(null))
        .hasMessageContaining("metricsGrace must be > 0 but was null");
  }

  @Test
  void shouldRetryWithinMillisecondsWhenTheNextDecisionsTransactionMeetsTheLastOnesMarkers() {
    StreamsConfig streams = new StreamsConfig(DEFAULTS.streamsProperties());
    Map<String, Object> producer = streams.getProducerConfigs("monitor-producer");
    // the Kafka default, 100 ms, put 100-150 ms on one decision in 30 (bench/monitor, field)
    assertThat(Long.parseLong(producer.get(ProducerConfig.RETRY_BACKOFF_MS_CONFIG).toString()))
        .isLessThanOrEqualTo(20);
    assertThat(producer.get(ProducerConfig.LINGER_MS_CONFIG).toString()).isEqualTo("0");
    Map<String, Object> consumer = streams.getMainConsumerConfigs("g", "c", 0);
    assertThat(consumer.get(ConsumerConfig.ISOLATION_LEVEL_CONFIG)).isEqualTo("read_committed");
  }
}
