package io.streamtune.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

  private static ConsumerRecord<byte[], byte[]> poison() {
    RecordHeaders headers = new RecordHeaders();
    headers.add("trace", "abc".getBytes(StandardCharsets.UTF_8));
    return new ConsumerRecord<>(
        "trial-metrics",
        3,
        42L,
        0L,
        TimestampType.CREATE_TIME,
        1,
        3,
        "key".getBytes(StandardCharsets.UTF_8),
        new byte[] {1, 2, 3},
        headers,
        Optional.empty());
  }

  private static String header(Headers headers, String name) {
    Header h = headers.lastHeader(name);
    assertThat(h).as("header %s", name).isNotNull();
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldCarrySourceAndReasonHeadersWhenRecordIsDeadLettered() {
    // Given a record from trial-metrics partition 3 offset 42
    ConsumerRecord<byte[], byte[]> source = poison();
    // When
    ProducerRecord<byte[], byte[]> dead =
        DeadLetters.record(source, "Unknown schema fingerprint", "monitor");
    // Then it goes unchanged to the dead-letter topic with the where and why
    assertThat(dead.topic()).isEqualTo("streamtune-dlq").isEqualTo(Topics.DEAD_LETTER.name());
    assertThat(dead.key()).isEqualTo(source.key());
    assertThat(dead.value()).isEqualTo(source.value());
    assertThat(header(dead.headers(), Topics.DLQ_SOURCE_TOPIC)).isEqualTo("trial-metrics");
    assertThat(header(dead.headers(), Topics.DLQ_SOURCE_PARTITION)).isEqualTo("3");
    assertThat(header(dead.headers(), Topics.DLQ_SOURCE_OFFSET)).isEqualTo("42");
    assertThat(header(dead.headers(), Topics.DLQ_REASON)).isEqualTo("Unknown schema fingerprint");
    assertThat(header(dead.headers(), Topics.DLQ_SERVICE)).isEqualTo("monitor");
    assertThat(header(dead.headers(), "trace")).isEqualTo("abc");
  }

  @Test
  void shouldNotChangeSourceHeadersWhenDeadLettering() {
    ConsumerRecord<byte[], byte[]> source = poison();
    DeadLetters.record(source, "bad", "suggester");
    assertThat(source.headers().toArray()).hasSize(1);
  }

  @Test
  void shouldSendThroughProducerWhenAsked() {
    // Given
    MockProducer<byte[], byte[]> producer =
        new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    // When
    DeadLetters.send(producer, poison(), "bad bytes", "trainer");
    // Then
    assertThat(producer.history())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.topic()).isEqualTo("streamtune-dlq");
              assertThat(header(r.headers(), Topics.DLQ_REASON)).isEqualTo("bad bytes");
              assertThat(header(r.headers(), Topics.DLQ_SERVICE)).isEqualTo("trainer");
            });
  }
}
