package io.streamtune.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.report.ReportPage;
import io.streamtune.report.StudyResults;
import io.streamtune.results.BaselineJson;
import io.streamtune.results.ResultsFile;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.spec.SpecValidation;
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
            + " study read from the cluster is first made into its results file. A random-search"
            + " baseline (run --baseline random, study STUDY-random) is overlaid on the convergence"
            + " plot, and both final bests are stated.")
final class ReportCommand implements Callable<Integer> {

  @Parameters(
      paramLabel = "STUDY",
      arity = "0..1",
      description =
          "The study id, read from the cluster; with no cluster named, from the newest"
              + " STUDY-results*.json here (what run wrote). Leave it out with --from.")
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
    if (from == null && !connection.hasCluster()) {
      from = LocalResults.latest(Path.of(""), study);
      cmd.commandLine()
          .getErr()
          .println(
              "No cluster named (--bootstrap, STREAMTUNE_BOOTSTRAP): reporting study "
                  + study
                  + " from "
                  + from
                  + ", the results file its run wrote here.");
    }
    JsonNode results = from != null ? read(from) : fromCluster(study);
    if (!results.path("trials").isArray() || !results.path("space").isArray()) {
      throw new IllegalArgumentException(
          from + " is not a StreamTune results file (no trials or space)");
    }
    ReportPage.write(StudyResults.of(results), output);
    cmd.commandLine().getErr().println("Wrote " + output.toAbsolutePath());
    return 0;
  }

  /**
   * The study's results file made from the cluster, with its random-search baseline ({@code
   * STUDY-random}) attached when the cluster holds one for the same objective, metric and space.
   */
  private JsonNode fromCluster(String studyId) {
    KafkaConnection kafka = connection.connection();
    ObjectNode results = ResultsFile.of(StudyLookup.existing(kafka, studyId));
    String baselineId = BaselineJson.studyId(studyId, BaselineRun.RANDOM);
    if (SpecValidation.isStudyId(baselineId)) {
      StudyLookup.find(kafka, baselineId)
          .map(ResultsFile::of)
          .filter(b -> BaselineJson.comparable(results, b))
          .ifPresent(b -> results.set("baseline", BaselineJson.of(b, null)));
    }
    return results;
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
