package io.streamtune.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller), running in this JVM.
 * It uses the production server classes, which are internal API: every Kafka artifact is pinned to
 * one version in the root pom. Used by {@code streamtune run}, {@code streamtune broker} and the
 * integration tests when Docker is absent.
 *
 * <p>With a temporary directory the data is deleted on close; with a given directory it persists
 * and a restart (even on other ports) keeps topics and records.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int START_ATTEMPTS = 3;

  private final KafkaRaftServer server;
  private final Path dir;
  private final boolean deleteOnClose;
  private final String bootstrap;
  private volatile boolean closed;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server, Path dir, boolean deleteOnClose, String bootstrap) {
    this.server = server;
    this.dir = dir;
    this.deleteOnClose = deleteOnClose;
    this.bootstrap = bootstrap;
  }

  /**
   * Starts a broker on free loopback ports, with its data in a temporary directory deleted on
   * close.
   */
  public static EmbeddedKafkaBroker startTemporary() {
    return start(null, 0);
  }

  /**
   * Starts a broker. {@code dataDir} null means a temporary directory; {@code port} 0 means any
   * free port. Binding races with other processes are retried on fresh ports.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    RuntimeException last = null;
    for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
      Path dir = null;
      boolean temporary = dataDir == null;
      try {
        dir =
            temporary
                ? Files.createTempDirectory("streamtune-kafka-")
                : Files.createDirectories(dataDir);
        int brokerPort = port > 0 ? port : freePort();
        int controllerPort = freePort();
        return startOnce(dir, temporary, brokerPort, controllerPort);
      } catch (Throwable e) { // NOPMD: NoClassDefFoundError during start must also clean up
        last =
            new IllegalStateException(
                "embedded Kafka failed to start (attempt " + attempt + "): " + e, e);
        LOG.warn(last.getMessage());
        if (temporary && dir != null) {
          deleteQuietly(dir);
        }
        if (port > 0 && attempt == START_ATTEMPTS) {
          break;
        }
      }
    }
    throw last;
  }

  private static EmbeddedKafkaBroker startOnce(
      Path dir, boolean temporary, int brokerPort, int controllerPort) throws Exception {
    Path logDir = dir.resolve("data");
    Files.createDirectories(logDir);
    Properties props = properties(logDir, brokerPort, controllerPort);
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      new Formatter()
          .setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString())
          .setDirectories(List.of(logDir.toString()))
          .setMetadataLogDirectory(logDir.toString())
          .setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
          .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
          .run();
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    server.startup();
    String bootstrap = "127.0.0.1:" + brokerPort;
    LOG.info("embedded Kafka ready at {} (data in {})", bootstrap, dir);
    return new EmbeddedKafkaBroker(server, dir, temporary, bootstrap);
  }

  /** Single-node settings; see docs/embedded-broker.md for why each one is needed. */
  static Properties properties(Path logDir, int brokerPort, int controllerPort) {
    Properties p = new Properties();
    p.put("process.roles", "broker,controller");
    p.put("node.id", "1");
    p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
    p.put(
        "listeners",
        "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
    p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    p.put("log.dirs", logDir.toString());
    // Internal topics default to replication factor 3, which a single node cannot satisfy: groups
    // would silently get no records and transactions would time out.
    p.put("offsets.topic.replication.factor", "1");
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("num.partitions", "1");
    p.put("group.initial.rebalance.delay.ms", "0");
    p.put("log.cleaner.dedupe.buffer.size", "2097152");
    p.put("auto.create.topics.enable", "false");
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  public String bootstrapServers() {
    return bootstrap;
  }

  public Path dataDir() {
    return dir;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      server.shutdown();
      server.awaitShutdown();
    } finally {
      if (deleteOnClose) {
        deleteQuietly(dir);
      }
    }
  }

  private static void deleteQuietly(Path dir) {
    try {
      Utils.delete(dir.toFile());
    } catch (IOException e) {
      LOG.warn("could not delete {}: {}", dir, e.getMessage());
    }
  }
}
