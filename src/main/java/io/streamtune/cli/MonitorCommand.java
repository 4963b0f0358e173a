package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
    description = "Run the monitor: a Kafka Streams app that stops unpromising trials.")
final class MonitorCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--state-dir",
      defaultValue = "${env:STREAMTUNE_STATE_DIR:-streamtune-data/monitor}",
      description = "Kafka Streams state directory.")
  Path stateDir;

  @Option(
      names = "--commit-interval",
      defaultValue = "PT0.1S",
      description = "Exactly-once commit interval (default ${DEFAULT-VALUE}).")
  Duration commitInterval;

  @Override
  public Integer call() throws Exception {
    KafkaConnection kafka = connection.connection();
    TopicSetup.ensureTopics(
        kafka, Role.MONITOR.topics(), 3, connection.requestPartitions, (short) 1);
    PrometheusMeterRegistry registry = ServiceRunner.registry();
    MonitorService monitor =
        MonitorService.start(
            MonitorConfig.defaults(kafka, stateDir).withCommitInterval(commitInterval), registry);
    ServiceRunner.awaitShutdown(
        registry,
        connection.metricsPort,
        ServiceRunner.start("monitor", monitor::awaitTermination, monitor));
    return 0;
  }
}
