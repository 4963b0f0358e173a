package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.suggester.SuggesterConfig;
import io.streamtune.suggester.SuggesterService;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "suggester",
    header = "Run the suggester service.",
    description =
        "It reads studies and trial results and publishes trial requests, each proposed by"
            + " Bayesian optimisation; trials whose trainer went silent run again.")
final class SuggesterCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      defaultValue = "${env:STREAMTUNE_MAX_ATTEMPTS:-3}",
      description =
          "Attempts of a trial that may be lost (their trainer died or hung mid-trial, so its lease"
              + " lapsed) before the trial is given up as FAILED; attempts a trainer gives back"
              + " when it shuts down do not count (env STREAMTUNE_MAX_ATTEMPTS, default"
              + " ${DEFAULT-VALUE}).")
  int maxAttempts;

  @Option(
      names = "--lease",
      paramLabel = "DURATION",
      defaultValue = "${env:STREAMTUNE_LEASE:-12s}",
      converter = DurationConverter.class,
      description =
          "How long a trainer's claim on a trial holds without renewal (trainers renew every"
              + " quarter of it); a trial whose trainer is silent that long runs again (env"
              + " STREAMTUNE_LEASE, default ${DEFAULT-VALUE}).")
  Duration lease;

  @Override
  public Integer call() throws Exception {
    KafkaConnection kafka = connection.connection();
    TopicSetup.ensureTopics(
        kafka, Role.SUGGESTER.topics(), 3, connection.requestPartitions, (short) 1);
    PrometheusMeterRegistry registry = ServiceRunner.registry();
    MetricsEndpoint metrics = ServiceRunner.serveMetrics(registry, connection.metricsPort);
    SuggesterConfig config =
        SuggesterConfig.defaults(kafka).withMaxAttempts(maxAttempts).withLease(lease);
    SuggesterService service = SuggesterService.create(config, registry);
    System.out.printf(
        "Suggester ready: instance %s on %s%n", config.instanceId(), kafka.bootstrap());
    System.out.flush();
    ServiceRunner.awaitShutdown(metrics, ServiceRunner.start("suggester", service, service));
    return 0;
  }
}
