package io.streamtune.cli;

import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.schemas.Topics;
import io.streamtune.security.AclPlan;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.acl.AclBinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "acls",
    header = "Print the least Kafka ACLs each StreamTune role needs, or create them.",
    description =
        "With --apply, create the missing topics and the ACLs on the cluster, as an admin: pass"
            + " its --client-config.")
final class AclsCommand implements Callable<Integer> {

  @Option(
      names = "--principal-suggester",
      paramLabel = "PRINCIPAL",
      defaultValue = "User:suggester",
      description = "Principal of the suggester (default ${DEFAULT-VALUE}).")
  String suggester;

  @Option(
      names = "--principal-trainer",
      paramLabel = "PRINCIPAL",
      defaultValue = "User:trainer",
      description = "Principal of the trainers (default ${DEFAULT-VALUE}).")
  String trainer;

  @Option(
      names = "--principal-monitor",
      paramLabel = "PRINCIPAL",
      defaultValue = "User:monitor",
      description = "Principal of the monitor (default ${DEFAULT-VALUE}).")
  String monitor;

  @Option(
      names = "--principal-submitter",
      paramLabel = "PRINCIPAL",
      defaultValue = "User:submitter",
      description = "Principal that submits studies (default ${DEFAULT-VALUE}).")
  String submitter;

  @Option(
      names = "--principal-reader",
      paramLabel = "PRINCIPAL",
      defaultValue = "User:reader",
      description =
          "Principal of read-only commands: studies, status, watch, best, export, report, ui"
              + " (default ${DEFAULT-VALUE}).")
  String reader;

  @Option(
      names = "--apply",
      description = "Create the missing topics and the ACLs on the cluster, not only print them.")
  boolean apply;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "With --apply: partitions of study-keyed topics it creates (default ${DEFAULT-VALUE}).")
  int partitions;

  @Mixin ConnectionOptions connection;

  @Spec CommandSpec cmd;

  @Override
  public Integer call() {
    Map<Role, String> principals = new EnumMap<>(Role.class);
    principals.put(Role.SUGGESTER, suggester);
    principals.put(Role.TRAINER, trainer);
    principals.put(Role.MONITOR, monitor);
    principals.put(Role.SUBMITTER, submitter);
    principals.put(Role.READER, reader);
    AclPlan plan = new AclPlan(principals);
    List<AclBinding> bindings = plan.bindings();
    PrintWriter out = cmd.commandLine().getOut();
    out.printf(
        Locale.ROOT,
        "%-18s %-16s %-34s %-9s %s%n",
        "PRINCIPAL",
        "RESOURCE",
        "NAME",
        "PATTERN",
        "OPERATION");
    for (AclBinding b : bindings) {
      out.printf(
          Locale.ROOT,
          "%-18s %-16s %-34s %-9s %s%n",
          b.entry().principal(),
          b.pattern().resourceType(),
          b.pattern().name(),
          b.pattern().patternType(),
          b.entry().operation());
    }
    if (apply) {
      KafkaConnection kafka = connection.connection();
      TopicSetup.ensureTopics(
          kafka, Topics.ALL, partitions, connection.requestPartitions, (short) 1);
      plan.apply(kafka.properties());
      out.printf("Created the topics and %d ACLs on %s%n", bindings.size(), kafka);
    }
    out.flush();
    return 0;
  }
}
