package io.streamtune.cli;

import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.Role;
import io.streamtune.schemas.TopicSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "submit",
    header = "Validate a study spec and publish it to a running cluster.",
    description =
        "With --wait, follow the study until it finishes and write its trials to --output.")
final class SubmitCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SPEC", description = "Study spec (YAML).")
  Path file;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--wait",
      description = "Follow the study's progress until it finishes, then write --output.")
  boolean wait;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "results.json",
      description = "With --wait: where to write results (default ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "24h",
      description = "With --wait: give up after this long, e.g. 30m (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    StudySpec spec = SpecFiles.read(file);
    KafkaConnection kafka = connection.connection();
    TopicSetup.ensureTopics(
        kafka, Role.SUBMITTER.topics(), 3, connection.requestPartitions, (short) 1);
    Pipeline.submit(kafka, spec);
    PrintWriter out = cmd.commandLine().getOut();
    out.printf(
        "Submitted study '%s' (%d trials) to %s%n", spec.getStudyId(), spec.getNTrials(), kafka);
    out.flush();
    if (wait) {
      ProgressLine progress = new ProgressLine(out, spec);
      StudyReport report = StudyWatcher.watch(kafka, spec, timeout, progress::update);
      progress.finish();
      report.write(output, System.currentTimeMillis());
      out.println("Results written to " + output.toAbsolutePath());
    }
    return 0;
  }
}
