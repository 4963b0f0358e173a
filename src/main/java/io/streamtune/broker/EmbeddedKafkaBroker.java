package io.streamtune.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

  /** A broker that never finishes starting (say, it cannot authorise itself) must not hang us. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

  private final KafkaRaftServer server;
  private final Path dir;
  private final boolean deleteOnClose;
  private final String bootstrap;
  private final BrokerUsers users;
  private volatile boolean closed;

  private EmbeddedKafkaBroker(
      KafkaRaftServer server,
      Path dir,
      boolean deleteOnClose,
      String bootstrap,
      BrokerUsers users) {
    this.server = server;
    this.dir = dir;
    this.deleteOnClose = deleteOnClose;
    this.bootstrap = bootstrap;
    this.users = users;
  }

  /**
   * Starts a broker on free loopback ports, with its data in a temporary directory deleted on
   * close.
   */
  public static EmbeddedKafkaBroker startTemporary() {
    return start(null, 0);
  }

  /** A temporary broker that requires SCRAM logins and authorises every request by ACLs. */
  public static EmbeddedKafkaBroker startTemporarySecured(BrokerUsers users) {
    return start(null, 0, users);
  }

  public static EmbeddedKafkaBroker start(Path dataDir, int port) {
    return start(dataDir, port, null);
  }

  /**
   * Starts a broker. {@code dataDir} null means a temporary directory; {@code port} 0 means any
   * free port; {@code users} null means no authentication (PLAINTEXT, no authorizer), otherwise
   * SASL/SCRAM-SHA-512 with the standard authorizer, {@code admin} the one super user, and no
   * access without an ACL. Binding races with other processes are retried on fresh ports.
   */
  public static EmbeddedKafkaBroker start(Path dataDir, int port, BrokerUsers users) {
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
        return startOnce(dir, temporary, brokerPort, controllerPort, users);
      } catch (IllegalArgumentException e) {
        throw e; // a bad setting: another port will not help
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
      Path dir, boolean temporary, int brokerPort, int controllerPort, BrokerUsers users)
      throws Exception {
    Path logDir = dir.resolve("data");
    Files.createDirectories(logDir);
    Properties props = properties(logDir, brokerPort, controllerPort);
    if (users != null) {
      props.putAll(BrokerSecuritySettings.scram(brokerPort, controllerPort, users));
    }
    KafkaConfig config = KafkaConfig.fromProps(props, false);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      Formatter formatter =
          new Formatter()
              .setNodeId(1)
              .setClusterId(Uuid.randomUuid().toString())
              .setDirectories(List.of(logDir.toString()))
              .setMetadataLogDirectory(logDir.toString())
              .setControllerListenerName("CONTROLLER")
              .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
              .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
      if (users != null) {
        // The broker's own login must exist before its first request, so it comes with the format.
        formatter.setScramArguments(BrokerSecuritySettings.scramArguments(users));
      }
      formatter.run();
    }
    KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
    startWithin(server, STARTUP_TIMEOUT);
    String bootstrap = "127.0.0.1:" + brokerPort;
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, dir, temporary, bootstrap, users);
    if (users != null) {
      try {
        // A restart keeps the credentials the format wrote; make them what the users file says now.
        BrokerSecuritySettings.upsertUsers(broker.adminProperties(), users);
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
    }
    LOG.info(
        "embedded Kafka ready at {} (data in {}{})",
        bootstrap,
        dir,
        users == null ? "" : "; SASL/SCRAM and ACLs");
    return broker;
  }

  private static void startWithin(KafkaRaftServer server, Duration timeout) throws Exception {
    CompletableFuture<Void> started = CompletableFuture.runAsync(server::startup);
    try {
      started.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      server.shutdown();
      throw new IllegalStateException(
          "the embedded broker did not finish starting within "
              + timeout.toSeconds()
              + " s (with authentication: is the admin user a super user?)",
          e);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception x ? x : e;
    }
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

  /** Whether clients must log in (SASL/SCRAM) and be authorised by ACLs. */
  public boolean secured() {
    return users != null;
  }

  /**
   * Client properties (bootstrap included) of the super user, for creating topics and ACLs; plain
   * bootstrap properties when the broker is not secured.
   */
  public Properties adminProperties() {
    return clientProperties(BrokerUsers.ADMIN);
  }

  /** Client properties (bootstrap included) that log in as {@code user}. */
  public Properties clientProperties(String user) {
    Properties p = users == null ? new Properties() : users.clientProperties(user);
    p.put("bootstrap.servers", bootstrap);
    return p;
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
