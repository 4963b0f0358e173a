package io.streamtune.schemas;

import java.util.Properties;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Makes a service loop's Kafka clients from the settings the loop chose. Services run on {@link
 * #kafka()}; unit tests of the loops pass one that returns a {@code MockConsumer} and a {@code
 * MockProducer}, so that rebalances, aborts and fencing can be driven from a test.
 */
public interface KafkaClients {

  /**
   * A consumer of raw records; services decode them themselves, so a bad one can be dead-lettered.
   */
  Consumer<byte[], byte[]> consumer(Properties settings);

  /** A producer of raw records, transactional if its settings say so. */
  Producer<byte[], byte[]> producer(Properties settings);

  /** Real clients connected to the brokers named in the settings. */
  static KafkaClients kafka() {
    return new KafkaClients() {
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
