package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.trainer.BuiltinObjectives;
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
    name = "run",
    header = "Run a study end to end in this process, on an embedded broker or a cluster.",
    description =
        "Runs a study in this JVM: an embedded Kafka broker (unless --bootstrap is"
            + " given), the monitor, the suggester and --trainers trainers. Shows progress,"
            + " writes the results file (STUDY-results.json, or -o) and prints the best trial."
            + " Ctrl-C or --timeout cancels the study, waits --grace for running trials to"
            + " report, and still writes what finished.")
final class RunCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SPEC", description = "Study spec (YAML).")
  Path file;

  @Mixin ConnectionOptions connection;

  @Mixin FollowOptions follow;

  @Option(
      names = "--trainers",
      paramLabel = "N",
      defaultValue = "2",
      description = "Trainers to start in this process (default ${DEFAULT-VALUE}).")
  int trainers;

  @Option(
      names = "--allow-command",
      description = "Let this run's trainers execute the 'command' objective.")
  boolean allowCommand;

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Partitions of study-keyed topics when creating them (default ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--baseline",
      paramLabel = "ALGORITHM",
      description =
          "Then run the same spec searched by ALGORITHM as a second study, STUDY-ALGORITHM, on the"
              + " same trainers; the results file and the report compare the two. Only 'random'"
              + " (random search). --timeout applies to each study.")
  String baseline;

  @Option(
      names = "--ui-port",
      paramLabel = "PORT",
      defaultValue = "-1",
      description =
          "Also serve the live web UI (see 'streamtune ui') on this port of 127.0.0.1 while the"
              + " run lasts; 0 picks a free port (default: no UI).")
  int uiPort;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    if (trainers < 1) {
      throw new IllegalArgumentException("--trainers must be >= 1 but was " + trainers);
    }
    StudySpec spec = SpecFiles.read(file);
    if ("command".equals(spec.getObjective().getName()) && !allowCommand) {
      throw new IllegalArgumentException(
          "the 'command' objective runs programs on this machine's trainers; "
              + "pass --allow-command to allow it");
    }
    if (!connection.hasCluster() && (follow.resume || follow.detach)) {
      throw new IllegalArgumentException(
          (follow.resume ? "--resume" : "--detach")
              + " needs --bootstrap: the embedded broker starts empty and stops with this run");
    }
    StudySpec baselineSpec = baseline == null ? null : BaselineRun.spec(spec, baseline);
    ResultsTarget target = follow.target(spec.getStudyId());
    PrintWriter out = cmd.commandLine().getOut();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    long start = System.nanoTime();
    try (Pipeline pipeline = new Pipeline(registry, BuiltinObjectives.registry(allowCommand));
        MetricsEndpoint metrics =
            connection.metricsPort > 0
                ? MetricsEndpoint.start(connection.metricsPort, registry)
                : null) {
      Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "streamtune-shutdown"));
      if (connection.hasCluster()) {
        pipeline.withConnection(connection.connection());
      } else {
        out.println("Starting embedded Kafka broker...");
        out.flush();
        pipeline.withEmbeddedBroker();
      }
      pipeline.withTopics(partitions, trainers);
      try (LiveUi ui = uiPort >= 0 ? LiveUi.start(pipeline.connection(), uiPort, out) : null) {
        return runStudies(pipeline, spec, baselineSpec, target, out, start);
      }
    }
  }

  private int runStudies(
      Pipeline pipeline,
      StudySpec spec,
      StudySpec baselineSpec,
      ResultsTarget target,
      PrintWriter out,
      long start)
      throws Exception {
    try (FollowedStudy study =
        FollowedStudy.open(pipeline.connection(), spec, follow.resume, pipeline.bootstrap())) {
      if (study.finished()) {
        return study.reportFinished(out, cmd.commandLine().getErr(), target);
      }
      pipeline
          .withTrainers(trainers, allowCommand)
          .withSuggester()
          .withMonitor(Duration.ofMillis(100));
      out.printf(
          "Kafka at %s; study '%s': %s, %d trials, %d in parallel, %d trainers, stopping: %s%n",
          pipeline.bootstrap(),
          spec.getStudyId(),
          spec.getObjective().getName(),
          spec.getNTrials(),
          spec.getParallelism(),
          trainers,
          spec.getStopping().getRule());
      int code = study.start(follow, target, out, cmd.commandLine().getErr(), start);
      if (baselineSpec == null) {
        return code;
      }
      if (code != ExitCodes.OK) {
        out.println("No baseline: study " + spec.getStudyId() + " did not complete.");
        return code;
      }
      return new BaselineRun(pipeline, follow, out, cmd.commandLine().getErr())
          .run(baselineSpec, target.path());
    }
  }
}
