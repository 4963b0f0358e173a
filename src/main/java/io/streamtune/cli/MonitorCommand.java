package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import io.streamtune.monitor.MonitorConfig;
import io.streamtune.monitor.MonitorService;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "monitor",
    header = "Run the monitor, a Kafka Streams app that stops unpromising trials.",
    description =
        "It judges every trial's metrics, epoch by epoch, by its study's stopping rule and"
            + " publishes stop decisions on trial-control.")
final class MonitorCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      defaultValue = "${env:STREAMTUNE_STATE_DIR:-streamtune-data/monitor}",
      description =
          "Kafka Streams state directory (env STREAMTUNE_STATE_DIR, default ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--commit-interval",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "100ms",
      description = "Exactly-once commit interval (default ${DEFAULT-VALUE}).")
  Duration commitInterval;

  @Option(
      names = "--replica",
      paramLabel = "NAME",
      defaultValue = "${env:STREAMTUNE_MONITOR_REPLICA}",
      description =
          "Run as replica NAME: a monitor application of its own (streamtune-monitor-NAME) that"
              + " judges every trial beside the other replicas, so that losing one blinds nothing;"
              + " run two, a and b, for failover in no time (env STREAMTUNE_MONITOR_REPLICA).")
  String replica;

  @Option(
      names = "--instance-id",
      paramLabel = "NAME",
      defaultValue = "${env:STREAMTUNE_MONITOR_INSTANCE}",
      description =
          "A stable name for this instance (static group membership): restarted within the"
              + " session timeout, it gets its partitions back at once (env"
              + " STREAMTUNE_MONITOR_INSTANCE).")
  String instanceId;

  @Override
  public Integer call() throws Exception {
    KafkaConnection kafka = connection.connection();
    TopicSetup.ensureTopics(
        kafka, Role.MONITOR.topics(), 3, connection.requestPartitions, (short) 1);
    PrometheusMeterRegistry registry = ServiceRunner.registry();
    MetricsEndpoint metrics = ServiceRunner.serveMetrics(registry, connection.metricsPort);
    MonitorConfig config =
        MonitorConfig.defaults(kafka, stateDir)
            .withCommitInterval(commitInterval)
            .withInstanceId(instanceId);
    if (replica != null && !replica.isBlank()) {
      config = config.withReplica(replica);
    }
    MonitorService monitor = MonitorService.start(config, registry);
    AutoCloseable loop = ServiceRunner.start("monitor", monitor::awaitTermination, monitor);
    monitor.awaitRunning(Duration.ofMinutes(5));
    System.out.printf(
        "Monitor ready: application %s on %s%n", config.applicationId(), kafka.bootstrap());
    System.out.flush();
    ServiceRunner.awaitShutdown(metrics, loop);
    return 0;
  }
}
