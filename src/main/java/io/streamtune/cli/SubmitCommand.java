package io.streamtune.cli;

import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "submit",
    header = "Publish a study to a cluster's services; with --wait, follow it to the end.",
    description =
        "Validates a study spec and publishes it to a running cluster, whose suggester,"
            + " trainers and monitor run it. An id the cluster already has is refused unless"
            + " --resume continues it. With --wait it shows progress, and Ctrl-C or --timeout"
            + " cancels the study (unless --detach).")
final class SubmitCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SPEC", description = "Study spec (YAML).")
  Path file;

  @Mixin ConnectionOptions connection;

  @Mixin FollowOptions follow;

  @Option(
      names = "--wait",
      description = "Follow the study until it ends, then write the results file.")
  boolean wait;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    StudySpec spec = SpecFiles.read(file);
    ResultsTarget target = wait ? follow.target(spec.getStudyId()) : null;
    KafkaConnection kafka = connection.connection();
    long start = System.nanoTime();
    TopicSetup.ensureTopics(
        kafka, Role.SUBMITTER.topics(), 3, connection.requestPartitions, (short) 1);
    PrintWriter out = cmd.commandLine().getOut();
    try (FollowedStudy study = FollowedStudy.open(kafka, spec, follow.resume, kafka.bootstrap())) {
      if (study.finished()) {
        return study.reportFinished(
            out, cmd.commandLine().getErr(), follow.target(spec.getStudyId()));
      }
      if (wait) {
        return study.start(follow, target, out, cmd.commandLine().getErr(), start);
      }
      out.printf(
          "%s study '%s' (%d trials) on %s; 'streamtune watch %s' follows it.%n",
          study.publish(),
          spec.getStudyId(),
          spec.getNTrials(),
          kafka.bootstrap(),
          spec.getStudyId());
      out.flush();
      return ExitCodes.OK;
    }
  }
}
