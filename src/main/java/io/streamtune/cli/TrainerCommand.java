package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.trainer.BuiltinObjectives;
import io.streamtune.trainer.StopSignals;
import io.streamtune.trainer.StudyDirectory;
import io.streamtune.trainer.TrainerConfig;
import io.streamtune.trainer.TrainerWorker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "trainer",
    header = "Run trainers, members of the trainer consumer group that run trials.",
    description =
        "Each trainer takes trial requests from its share of the partitions, runs the study's"
            + " objective and streams one metric per epoch; the monitor's stop decision ends a"
            + " trial early.")
final class TrainerCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--count",
      paramLabel = "N",
      defaultValue = "${env:STREAMTUNE_TRAINERS:-1}",
      description = "Trainers in this process (env STREAMTUNE_TRAINERS, default ${DEFAULT-VALUE}).")
  int count;

  @Option(
      names = "--group",
      paramLabel = "ID",
      defaultValue = TrainerConfig.DEFAULT_GROUP,
      description = "Consumer group (default ${DEFAULT-VALUE}).")
  String group;

  @Option(
      names = "--allow-command",
      defaultValue = "${env:STREAMTUNE_ALLOW_COMMAND:-false}",
      description = "Allow the 'command' objective, which runs programs named in study specs.")
  boolean allowCommand;

  @Override
  public Integer call() throws Exception {
    if (count < 1) {
      throw new IllegalArgumentException("--count must be >= 1 but was " + count);
    }
    KafkaConnection kafka = connection.connection();
    TopicSetup.ensureTopics(
        kafka, Role.TRAINER.topics(), 3, connection.requestPartitions, (short) 1);
    PrometheusMeterRegistry registry = ServiceRunner.registry();
    MetricsEndpoint metrics = ServiceRunner.serveMetrics(registry, connection.metricsPort);
    StudyDirectory studies = new StudyDirectory(kafka, "trainers");
    StopSignals stops = new StopSignals(kafka, "trainers");
    List<AutoCloseable> services = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      TrainerConfig config =
          TrainerConfig.defaults(kafka).withGroupId(group).withAllowCommand(allowCommand);
      TrainerWorker w =
          TrainerWorker.create(
              config, BuiltinObjectives.registry(allowCommand), studies, stops, registry);
      services.add(ServiceRunner.start(config.workerId(), w, w));
    }
    services.add(stops);
    services.add(studies);
    System.out.printf("Trainers ready: %d on %s%n", count, kafka.bootstrap());
    System.out.flush();
    ServiceRunner.awaitShutdown(metrics, services.toArray(AutoCloseable[]::new));
    return 0;
  }
}
