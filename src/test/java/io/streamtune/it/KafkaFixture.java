package io.streamtune.it;

import io.streamtune.broker.EmbeddedKafkaBroker;
import io.streamtune.schemas.KafkaConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A real Kafka broker for integration tests: a Testcontainers {@code apache/kafka} container when
 * Docker is available, otherwise the in-process KRaft broker that {@code streamtune run} uses.
 * Either way the tests talk to a real broker over TCP; nothing is mocked.
 */
public final class KafkaFixture implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KafkaFixture.class);
  private static final String IMAGE = "apache/kafka:4.1.0";

  private final AutoCloseable resource;
  private final String bootstrap;

  private KafkaFixture(AutoCloseable resource, String bootstrap) {
    this.resource = resource;
    this.bootstrap = bootstrap;
  }

  public static KafkaFixture start() {
    if (!"false".equals(System.getenv("STREAMTUNE_TESTCONTAINERS")) && dockerAvailable()) {
      KafkaContainer kafka = new KafkaContainer(IMAGE);
      kafka.start();
      LOG.info("integration tests use a Testcontainers broker at {}", kafka.getBootstrapServers());
      return new KafkaFixture(kafka::stop, kafka.getBootstrapServers());
    }
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.startTemporary();
    return new KafkaFixture(broker, broker.bootstrapServers());
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) { // NOPMD: no Docker client library or engine means "no"
      return false;
    }
  }

  public String bootstrap() {
    return bootstrap;
  }

  public KafkaConnection connection() {
    return KafkaConnection.of(bootstrap);
  }

  @Override
  public void close() throws Exception {
    resource.close();
  }
}
