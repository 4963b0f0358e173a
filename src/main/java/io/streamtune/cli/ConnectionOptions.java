package io.streamtune.cli;

import io.streamtune.schemas.BootstrapCheck;
import io.streamtune.schemas.KafkaConnection;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How a command reaches Kafka: flags first, then the environment. */
final class ConnectionOptions {

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      defaultValue = "${env:STREAMTUNE_BOOTSTRAP}",
      description = "Kafka bootstrap servers (env STREAMTUNE_BOOTSTRAP).")
  String bootstrap;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      defaultValue = "${env:STREAMTUNE_CLIENT_CONFIG}",
      description =
          "Kafka client properties (security.protocol, sasl.*, ssl.*...) for every client this"
              + " command makes; bootstrap.servers may be given here too (env"
              + " STREAMTUNE_CLIENT_CONFIG).")
  Path clientConfig;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show Kafka's and StreamTune's detailed logs.")
  boolean verbose;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      defaultValue = "${env:STREAMTUNE_METRICS_PORT:-0}",
      description =
          "Serve Prometheus metrics on this port at /metrics; 0 turns it off (env"
              + " STREAMTUNE_METRICS_PORT, default ${DEFAULT-VALUE}).")
  int metricsPort;

  @Option(
      names = "--request-partitions",
      paramLabel = "N",
      defaultValue = "${env:STREAMTUNE_REQUEST_PARTITIONS:-3}",
      description =
          "Partitions of trial-requests when this command creates it: the most trainers that can work "
              + "at once. Match it to the number of trainers (env STREAMTUNE_REQUEST_PARTITIONS,"
              + " default ${DEFAULT-VALUE}).")
  int requestPartitions;

  private KafkaConnection checked;

  /**
   * The bootstrap servers and client settings, once Kafka has answered there with them ({@link
   * BootstrapCheck}): a command asks for its connection just before it talks to Kafka, and a wrong
   * address or password then fails within seconds, named, rather than after a minute of silent
   * retries. An error names what is missing or why Kafka does not answer.
   */
  KafkaConnection connection() {
    if (checked == null) {
      if (clientConfig != null) {
        InputFiles.requireReadable(clientConfig, "--client-config file");
      }
      KafkaConnection kafka = KafkaConnection.load(bootstrap, clientConfig);
      BootstrapCheck.verify(kafka);
      checked = kafka;
    }
    return checked;
  }

  /** Whether the user named a cluster (a flag, the environment or a client config). */
  boolean hasCluster() {
    return (bootstrap != null && !bootstrap.isBlank()) || clientConfig != null;
  }
}
