package io.streamtune.cli;

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
      names = {"-v", "--verbose"},
      description = "Show Kafka's and StreamTune's detailed logs.")
  boolean verbose;

  @Option(
      names = "--metrics-port",
      defaultValue = "${env:STREAMTUNE_METRICS_PORT:-0}",
      description =
          "Serve Prometheus metrics on this port at /metrics; 0 turns it off (env STREAMTUNE_METRICS_PORT).")
  int metricsPort;

  @Option(
      names = "--request-partitions",
      defaultValue = "${env:STREAMTUNE_REQUEST_PARTITIONS:-3}",
      description =
          "Partitions of trial-requests when this command creates it: the most trainers that can work "
              + "at once. Match it to the number of trainers (env STREAMTUNE_REQUEST_PARTITIONS).")
  int requestPartitions;

  String requireBootstrap() {
    if (bootstrap == null || bootstrap.isBlank()) {
      throw new IllegalArgumentException(
          "--bootstrap is required (or set STREAMTUNE_BOOTSTRAP), e.g. localhost:9092");
    }
    return bootstrap;
  }
}
