package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.suggester.SuggesterConfig;
import io.streamtune.suggester.SuggesterService;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "suggester",
    description =
        "Run the suggester service: consumes studies and results, publishes trial requests.")
final class SuggesterCommand implements Callable<Integer> {

  @Mixin ConnectionOptions connection;

  @Override
  public Integer call() throws Exception {
    KafkaConnection kafka = connection.connection();
    TopicSetup.ensureTopics(
        kafka, Role.SUGGESTER.topics(), 3, connection.requestPartitions, (short) 1);
    PrometheusMeterRegistry registry = ServiceRunner.registry();
    SuggesterService service = SuggesterService.create(SuggesterConfig.defaults(kafka), registry);
    ServiceRunner.awaitShutdown(
        registry, connection.metricsPort, ServiceRunner.start("suggester", service, service));
    return 0;
  }
}
