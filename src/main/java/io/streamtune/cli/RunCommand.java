package io.streamtune.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.streamtune.app.MetricsEndpoint;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
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
    header = "Run a study end to end in this JVM.",
    description =
        "Starts an embedded Kafka broker (unless --bootstrap is given), the monitor, the suggester"
            + " and --trainers trainers; submits SPEC, shows its progress, prints the best trial"
            + " and writes every trial to --output.")
final class RunCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SPEC", description = "Study spec (YAML).")
  Path file;

  @Mixin ConnectionOptions connection;

  @Option(
      names = "--trainers",
      paramLabel = "N",
      defaultValue = "2",
      description = "Trainers to start (default ${DEFAULT-VALUE}).")
  int trainers;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "results.json",
      description = "Where to write results (default ${DEFAULT-VALUE}).")
  Path output;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "2h",
      description = "Give up after this long, e.g. 90m (default ${DEFAULT-VALUE}).")
  Duration timeout;

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
    PrintWriter out = cmd.commandLine().getOut();
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    long t0 = System.nanoTime();
    try (Pipeline pipeline = new Pipeline(registry, BuiltinObjectives.registry(allowCommand));
        MetricsEndpoint metrics =
            connection.metricsPort > 0
                ? MetricsEndpoint.start(connection.metricsPort, registry)
                : null) {
      Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "streamtune-shutdown"));
      if (!connection.hasCluster()) {
        out.println("Starting embedded Kafka broker...");
        out.flush();
        pipeline.withEmbeddedBroker();
      } else {
        pipeline.withConnection(connection.connection());
      }
      pipeline
          .withTopics(partitions, trainers)
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
      out.flush();
      Pipeline.submit(pipeline.connection(), spec);
      ProgressLine progress = new ProgressLine(out, spec);
      StudyReport report =
          StudyWatcher.watch(pipeline.connection(), spec, timeout, progress::update);
      progress.finish();
      report.write(output, System.currentTimeMillis());
      printSummary(out, report, (System.nanoTime() - t0) / 1e9);
      return 0;
    }
  }

  private void printSummary(PrintWriter out, StudyReport report, double seconds) {
    out.printf("Finished %d trials in %.1f s.%n", report.finished(), seconds);
    TrialResult best = report.best().orElse(null);
    if (best == null) {
      out.println("No trial completed; see " + output + " for errors.");
    } else {
      out.printf(
          "Best %s = %.6g in %s%n  %s%n",
          report.metricName(), best.getValue(), best.getTrialId(), StudyReport.formatParams(best));
      if (!best.getExtraMetrics().isEmpty()) {
        out.printf("  %s%n", best.getExtraMetrics());
      }
    }
    out.println("Results written to " + output.toAbsolutePath());
    out.flush();
  }
}
