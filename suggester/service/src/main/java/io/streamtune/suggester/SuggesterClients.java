package io.streamtune.suggester;

import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes the service's Kafka clients from the settings it chose. The service runs on {@link
 * #kafka()}; tests pass one that returns a {@code MockConsumer} and a {@code MockProducer}.
 */
public interface SuggesterClients {

  /**
   * A consumer of raw records; the service decodes them itself, so a bad one can be dead-lettered.
   */
  Consumer<byte[], byte[]> consumer(Properties settings);

  /** A producer of raw records, transactional by its settings. */
  Producer<byte[], byte[]> producer(Properties settings);

  /** Real clients connected to the brokers named in the settings. */
  static SuggesterClients kafka() {
    return new SuggesterClients() {
      @Override
      public Consumer<byte[], byte[]> consumer(Properties settings) {
        return new KafkaConsumer<>(
            settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
      }

      @Override
      public Producer<byte[], byte[]> producer(Properties settings) {
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
      }
    };
  }
}
