package io.streamtune.cli;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.StudySpec;
import io.streamtune.spec.SpecException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "validate",
    header = "Check a study spec and print what it means.",
    description = "Exit code 2 if it is invalid, with every problem named.")
final class ValidateCommand implements Callable<Integer> {

  @Parameters(paramLabel = "SPEC", description = "Study spec (YAML).")
  Path file;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() {
    StudySpec spec;
    try {
      spec = SpecFiles.read(file);
    } catch (SpecException e) {
      cmd.commandLine().getErr().println(file + ": " + e.getMessage());
      return 2;
    }
    var out = cmd.commandLine().getOut();
    out.printf("%s: valid%n", file);
    out.printf("  study       %s%n", spec.getStudyId());
    out.printf(
        "  objective   %s %s%n", spec.getObjective().getName(), spec.getObjective().getOptions());
    out.printf(
        "  metric      %s (%s)%n",
        spec.getMetric().getName(),
        spec.getMetric().getDirection().name().toLowerCase(Locale.ROOT));
    out.printf(
        "  trials      %d, %d in parallel, %d epochs each at most%n",
        spec.getNTrials(), spec.getParallelism(), spec.getMaxEpochs());
    out.printf(
        "  algorithm   %s (acq %s, %d initial points, %s design, seed %d)%n",
        spec.getAlgorithm().getName(),
        spec.getAlgorithm().getAcqFunc(),
        spec.getAlgorithm().getNInitialPoints(),
        spec.getAlgorithm().getInitialDesign(),
        spec.getAlgorithm().getSeed());
    out.printf(
        "  stopping    %s %s%n", spec.getStopping().getRule(), spec.getStopping().getOptions());
    for (Dimension d : spec.getSpace()) {
      out.printf(
          "  %-11s %s%n",
          d.getName(),
          switch (d.getType()) {
            case CATEGORICAL -> "categorical " + d.getCategories();
            case INTEGER -> "integer [" + (long) d.getLow() + ", " + (long) d.getHigh() + "]";
            case REAL ->
                "real ["
                    + d.getLow()
                    + ", "
                    + d.getHigh()
                    + "] "
                    + d.getPrior().name().toLowerCase(Locale.ROOT);
          });
    }
    return 0;
  }
}
