package io.streamtune.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.avro.Direction;
import io.streamtune.avro.StudySpec;
import io.streamtune.monitor.replay.CurveFixtures;
import io.streamtune.optimizer.space.Space;
import io.streamtune.suggester.SpecMapping;
import io.streamtune.trainer.BuiltinObjectives;
import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.TrialContext;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Records full-length learning curves of a spec's objective for random configurations, with no
 * early stopping, as a fixture for the monitor's replay simulator. Curves are appended one line at
 * a time, so an interrupted recording keeps what it has and {@code --resume} continues it.
 */
@Command(
    name = "record-curves",
    header = "Record full-length learning curves of a spec's objective.",
    description =
        "Runs random configurations of the objective to the full budget, with no early stopping,"
            + " and writes their learning curves (JSON lines, the replay fixture format; gzip"
            + " with a .gz name after recording).")
final class RecordCurvesCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(
      paramLabel = "SPEC",
      description = "Study spec whose objective, options, space and max_epochs are used.")
  Path file;

  @Option(
      names = "--trials",
      paramLabel = "N",
      defaultValue = "60",
      description = "Curves to record (default ${DEFAULT-VALUE}).")
  int trials;

  @Option(
      names = "--seed",
      paramLabel = "N",
      defaultValue = "1",
      description = "Seed of the random configurations (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      required = true,
      description = "JSON-lines file to write.")
  Path output;

  @Option(
      names = "--resume",
      description = "Keep curves already in --output and record only the missing ones.")
  boolean resume;

  @Option(names = "--allow-command", description = "Allow the 'command' objective.")
  boolean allowCommand;

  @Spec picocli.CommandLine.Model.CommandSpec cmd;

  @Override
  public Integer call() throws Exception {
    StudySpec spec = SpecFiles.read(file);
    Space space = SpecMapping.space(spec);
    Objective objective =
        BuiltinObjectives.registry(allowCommand).create(spec.getObjective().getName());
    PrintWriter out = cmd.commandLine().getOut();
    Set<String> done = resume && Files.exists(output) ? recorded(output) : Set.of();
    if (done.isEmpty()) {
      ObjectNode header =
          CurveFixtures.header(
              spec.getObjective().getName(),
              spec.getMetric().getName(),
              spec.getMetric().getDirection() == Direction.MAXIMIZE);
      Files.writeString(output, JSON.writeValueAsString(header) + "\n", StandardCharsets.UTF_8);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    long t0 = System.nanoTime();
    for (int i = 0; i < trials; i++) {
      Map<String, Object> params =
          space.sample(rng); // drawn even when skipped, so --resume keeps the sequence
      String trial = String.format(Locale.ROOT, "%s-c%03d", spec.getObjective().getName(), i);
      if (done.contains(trial)) {
        continue;
      }
      List<Double> values = new ArrayList<>();
      TrialContext ctx =
          new TrialContext(
              trial,
              params,
              spec.getObjective().getOptions(),
              spec.getMaxEpochs(),
              seed * 1_000_003L + i,
              (epoch, value) -> values.add(value),
              () -> false);
      String error = null;
      try {
        objective.run(ctx);
      } catch (Exception e) {
        error = e.toString();
      }
      ObjectNode line =
          CurveFixtures.curve(trial, values.stream().mapToDouble(Double::doubleValue).toArray());
      line.set("params", JSON.valueToTree(params));
      if (error != null) {
        line.put("error", error);
      }
      try (BufferedWriter w =
          Files.newBufferedWriter(output, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
        w.write(JSON.writeValueAsString(line));
        w.write('\n');
      }
      double elapsed = (System.nanoTime() - t0) / 1e9;
      out.printf(
          "[%d/%d] %s: %d epochs, last %s=%.5g (%.0fs elapsed)%n",
          i + 1,
          trials,
          trial,
          values.size(),
          spec.getMetric().getName(),
          values.isEmpty() ? Double.NaN : values.get(values.size() - 1),
          elapsed);
      out.flush();
    }
    out.printf("Wrote %s (%d curves).%n", output, CurveFixtures.read(output).curves().size());
    return 0;
  }

  private static Set<String> recorded(Path file) throws IOException {
    Set<String> names = new HashSet<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      var node = JSON.readTree(line);
      if (node.has("trial")) {
        names.add(node.get("trial").asText());
      }
    }
    return names;
  }
}
