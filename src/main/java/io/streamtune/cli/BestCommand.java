package io.streamtune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.streamtune.results.ResultsFile;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialView;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "best",
    header = "Print a study's best parameters as YAML or JSON, for scripts.",
    description =
        "Prints the best trial of a study (the best final value in the metric's"
            + " direction; a value the monitor cut short never counts): its parameters under"
            + " 'params', with the study, trial, metric and value beside them. Exit 1 when no"
            + " trial has a final value yet.")
final class BestCommand implements Callable<Integer> {

  @Parameters(paramLabel = "STUDY", description = "The study id.")
  String study;

  @Mixin ConnectionOptions connection;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "yaml",
      converter = FormatConverter.class,
      description = "yaml or json (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    if (format == OutputFormat.CSV) {
      throw new IllegalArgumentException("--format must be yaml or json for best");
    }
    StudyView view = StudyLookup.existing(connection.connection(), study);
    TrialView best =
        view.best()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "study "
                            + study
                            + " has no trial with a final value yet ("
                            + view.finished()
                            + "/"
                            + view.nTrials()
                            + " trials, "
                            + view.state()
                            + ")"));
    ObjectNode doc = ResultsFile.bestNode(view, best);
    ObjectMapper mapper =
        format == OutputFormat.JSON
            ? new ObjectMapper()
            : new ObjectMapper(
                YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .build());
    PrintWriter out = cmd.commandLine().getOut();
    if (format == OutputFormat.YAML) {
      out.printf(
          Locale.ROOT,
          "# best %s of study %s (%s): trial %d of %d%n",
          view.metricName(),
          study,
          view.state().toLowerCase(Locale.ROOT),
          best.number(),
          view.nTrials());
    }
    out.print(mapper.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
    if (format == OutputFormat.JSON) {
      out.println();
    }
    out.flush();
    return 0;
  }
}
