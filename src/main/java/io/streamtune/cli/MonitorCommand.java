package io.streamtune.cli;

import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.monitor.MonitorConfig;
import io.streamtune.monitor.MonitorTopology;
import io.streamtune.schemas.TopicSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "monitor", description = "Run the monitor: a Kafka Streams app that stops unpromising trials.")
final class MonitorCommand implements Callable<Integer> {

  @Mixin
  ConnectionOptions connection;

  @Option(names = "--state-dir", defaultValue = "${env:STREAMTUNE_STATE_DIR:-streamtune-data/monitor}",
      description = "Kafka Streams state directory.")
  Path stateDir;

  @Option(names = "--commit-interval", defaultValue = "PT0.1S", description = "Exactly-once commit interval (default ${DEFAULT-VALUE}).")
  Duration commitInterval;

  @Override
  public Integer call() throws Exception {
    String bootstrap = connection.requireBootstrap();
    TopicSetup.ensureTopics(bootstrap, 3, connection.requestPartitions, (short) 1);
    MonitorConfig defaults = MonitorConfig.defaults(bootstrap, stateDir);
    MonitorConfig config = new MonitorConfig(bootstrap, defaults.applicationId(), stateDir, commitInterval,
        defaults.retention());
    PrometheusMeterRegistry registry = ServiceRunner.registry();
    KafkaStreams streams = new KafkaStreams(MonitorTopology.buildTopology(new StreamsBuilder(), config, registry),
        config.streamsProperties());
    KafkaStreamsMetrics metrics = new KafkaStreamsMetrics(streams);
    metrics.bindTo(registry);
    streams.start();
    ServiceRunner.awaitShutdown(registry, connection.metricsPort, () -> streams.close(Duration.ofSeconds(10)), metrics);
    return 0;
  }
}
