package io.streamtune.cli;

import io.streamtune.broker.BrokerUsers;
import io.streamtune.broker.EmbeddedKafkaBroker;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.security.AclPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "broker",
    header = "Run a single-node KRaft Kafka broker in this JVM until stopped.",
    description =
        "It creates StreamTune's topics. With --auth scram it requires SASL/SCRAM-SHA-512 logins,"
            + " authorises every request by ACLs, creates the topics as admin and grants each"
            + " StreamTune role found in --users its ACLs.")
final class BrokerCommand implements Callable<Integer> {

  @Option(
      names = "--port",
      paramLabel = "PORT",
      defaultValue = "9092",
      description = "Listener port (default ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "streamtune-data/kafka",
      description =
          "Where the broker keeps its log; it survives restarts (default ${DEFAULT-VALUE}).")
  Path dataDir;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description = "Partitions of study-keyed topics (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--request-partitions",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Partitions of trial-requests: match it to the number of trainers (default ${DEFAULT-VALUE}).")
  int requestPartitions;

  @Option(
      names = "--auth",
      paramLabel = "none|scram",
      defaultValue = "none",
      description = "none (PLAINTEXT, anyone may do anything) or scram (default ${DEFAULT-VALUE}).")
  String auth;

  @Option(
      names = "--users",
      paramLabel = "FILE",
      description =
          "With --auth scram: a properties file of name=password lines; 'admin' is required and is"
              + " the super user. Users named suggester, trainer, monitor, submitter and reader get"
              + " their role's ACLs.")
  Path usersFile;

  @Option(
      names = "--write-client-configs",
      paramLabel = "DIR",
      description =
          "With --auth scram: write a client config (<user>.properties) for each user into DIR,"
              + " for --client-config.")
  Path clientConfigDir;

  @Option(
      names = {"-v", "--verbose"},
      description = "Show Kafka's logs.")
  boolean verbose;

  @Spec CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    BrokerUsers users = users();
    EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dataDir, port, users);
    TopicSetup.ensureTopics(broker.adminProperties(), partitions, requestPartitions, (short) 1);
    PrintWriter out = cmd.commandLine().getOut();
    if (users != null) {
      Map<Role, String> roles = new EnumMap<>(Role.class);
      for (Role r : Role.values()) {
        String name = r.name().toLowerCase(Locale.ROOT);
        if (users.passwords().containsKey(name)) {
          roles.put(r, "User:" + name);
        }
      }
      new AclPlan(roles).apply(broker.adminProperties());
      out.printf("ACLs granted to %s%n", roles.values());
      if (clientConfigDir != null) {
        writeClientConfigs(broker, users);
        out.printf("Client configs written to %s%n", clientConfigDir.toAbsolutePath());
      }
    }
    out.printf(
        "Kafka broker ready at %s%s (data in %s). Ctrl-C to stop.%n",
        broker.bootstrapServers(),
        users == null ? "" : " with SASL/SCRAM and ACLs",
        dataDir.toAbsolutePath());
    out.flush();
    ServiceRunner.awaitShutdown(null, broker);
    return 0;
  }

  private BrokerUsers users() throws IOException {
    switch (auth) {
      case "none" -> {
        if (usersFile != null || clientConfigDir != null) {
          throw new IllegalArgumentException(
              "--users and --write-client-configs need --auth scram");
        }
        return null;
      }
      case "scram" -> {
        if (usersFile == null) {
          throw new IllegalArgumentException(
              "--auth scram needs --users FILE (name=password lines, admin among them)");
        }
        return BrokerUsers.read(usersFile);
      }
      default ->
          throw new IllegalArgumentException("--auth must be none or scram but was '" + auth + "'");
    }
  }

  private void writeClientConfigs(EmbeddedKafkaBroker broker, BrokerUsers users)
      throws IOException {
    Files.createDirectories(clientConfigDir);
    for (String user : users.passwords().keySet()) {
      Properties p = broker.clientProperties(user);
      Path file = clientConfigDir.resolve(user + ".properties");
      try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
        p.store(w, "StreamTune client config for user " + user);
      }
    }
  }
}
