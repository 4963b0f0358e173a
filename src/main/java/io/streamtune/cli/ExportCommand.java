package io.streamtune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.streamtune.results.ResultsFile;
import io.streamtune.results.TrialsCsv;
import io.streamtune.study.StudyView;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "export",
    header = "Export a study's results: the results file as JSON, or one CSV row per trial.",
    description =
        "Rebuilds a study's results from the cluster and writes them to standard output"
            + " or -o: json is the results file a run writes (scikit-optimize's OptimizeResult"
            + " fields x, fun, x_iters, func_vals, space and specs, and every trial with its"
            + " curve); csv is one row per trial, with a column per parameter (param_NAME) and"
            + " per extra metric (metric_NAME).")
final class ExportCommand implements Callable<Integer> {

  @Parameters(paramLabel = "STUDY", description = "The study id.")
  String study;

  @Mixin ConnectionOptions connection;

  @Option(
      names = {"-f", "--format"},
      paramLabel = "FORMAT",
      defaultValue = "json",
      converter = FormatConverter.class,
      description = "json or csv (default ${DEFAULT-VALUE}).")
  OutputFormat format;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write here instead of standard output; an existing file is replaced.")
  Path output;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    if (format == OutputFormat.YAML) {
      throw new IllegalArgumentException("--format must be json or csv for export");
    }
    StudyView view = StudyLookup.existing(connection.connection(), study);
    if (format == OutputFormat.JSON && output != null) {
      ResultsFile.write(view, output);
      cmd.commandLine().getErr().println("Wrote " + output.toAbsolutePath());
      return 0;
    }
    String text =
        format == OutputFormat.CSV
            ? TrialsCsv.of(view)
            : new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(ResultsFile.of(view))
                + System.lineSeparator();
    if (output != null) {
      Files.writeString(output, text, StandardCharsets.UTF_8);
      cmd.commandLine().getErr().println("Wrote " + output.toAbsolutePath());
    } else {
      PrintWriter out = cmd.commandLine().getOut();
      out.print(text);
      out.flush();
    }
    return 0;
  }
}
