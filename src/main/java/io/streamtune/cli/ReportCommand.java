package io.streamtune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.report.ReportPage;
import io.streamtune.report.StudyResults;
import io.streamtune.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "report",
    header = "Write a study's report: one HTML file with its charts and trial table.",
    description =
        "Reads a study from the cluster (STUDY) or from a results file (--from) and writes one"
            + " self-contained HTML file that opens offline: a summary, convergence, learning"
            + " curves with each early stop marked, parameter importance and partial dependence"
            + " (from a Gaussian process fitted to the results), parallel coordinates, the"
            + " sampled points and a sortable, filterable trial table. Both sources give the same report: a"
            + " study read from the cluster is first made into its results file.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "STUDY",
      arity = "0..1",
      description = "The study id, read from the cluster; leave it out with --from.")
  String study;

  @Option(
      names = "--from",
      paramLabel = "FILE",
      description = "A results file (written by run, submit --wait or export) to report instead.")
  Path from;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      defaultValue = "report.html",
      description =
          "Where to write the report; an existing file is replaced (default ${DEFAULT-VALUE}).")
  Path output;

  @Mixin ConnectionOptions connection;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws IOException {
    if ((study == null) == (from == null)) {
      throw new IllegalArgumentException(
          "name a STUDY on the cluster or a results file with --from, not "
              + (study == null ? "neither" : "both"));
    }
    JsonNode results =
        from != null
            ? read(from)
            : ResultsFile.of(StudyLookup.existing(connection.connection(), study));
    if (!results.path("trials").isArray() || !results.path("space").isArray()) {
      throw new IllegalArgumentException(
          from + " is not a StreamTune results file (no trials or space)");
    }
    ReportPage.write(StudyResults.of(results), output);
    cmd.commandLine().getErr().println("Wrote " + output.toAbsolutePath());
    return 0;
  }

  private static JsonNode read(Path file) throws IOException {
    try {
      return ResultsFile.read(InputFiles.requireReadable(file, "results file"));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "results file " + file + " is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
