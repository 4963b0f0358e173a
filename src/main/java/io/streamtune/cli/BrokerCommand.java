package io.streamtune.cli;

import io.streamtune.broker.EmbeddedKafkaBroker;
import io.streamtune.schemas.TopicSetup;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "broker",
    description = "Run a single-node KRaft Kafka broker in this JVM until stopped.")
final class BrokerCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      defaultValue = "9092",
      description = "Listener port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      defaultValue = "streamtune-data/kafka",
      description =
          "Where the broker keeps its log; it survives restarts (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--partitions",
      defaultValue = "3",
      description = "Partitions of study-keyed topics.")
  int partitions;

  @Option(
      names = "--request-partitions",
      defaultValue = "3",
      description =
          "Partitions of trial-requests: match it to the number of trainers (default ${DEFAULT-VALUE}).")
  int requestPartitions;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show Kafka's logs.")
  boolean verbose;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port);
    TopicSetup.ensureTopics(broker.bootstrapServers(), partitions, requestPartitions, (short) 1);
    cmd.commandLine()
        .getOut()
        .printf(
            "Kafka broker ready at %s (data in %s). Ctrl-C to stop.%n",
            broker.bootstrapServers(), dataDir.toAbsolutePath());
    cmd.commandLine().getOut().flush();
    ServiceRunner.awaitShutdown(ServiceRunner.registry(), 0, broker);
    return 0;
  }
}
