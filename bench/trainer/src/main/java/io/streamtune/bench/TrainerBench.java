package io.streamtune.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.optimizer.space.Space;
import io.streamtune.spec.StudySpecParser;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.suggester.SpecMapping;
import io.streamtune.trainer.BuiltinObjectives;
import io.streamtune.trainer.objective.Objective;
import io.streamtune.trainer.objective.TrialContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Two trainer figures, measured in one run:
 *
 * <ol>
 *   <li>epochs per second of each objective, from the example specs, on random configurations and
 *       without Kafka (the first epoch, which includes data loading, is reported apart);
 *   <li>trial throughput of a synthetic study through the whole pipeline on the embedded broker
 *       with 1, 2 and 3 trainers, and its ratio to 1 trainer.
 * </ol>
 *
 * Prints tables and writes JSON ({@code results/trainer.json} by default).
 */
public final class TrainerBench {

  public static void main(String[] args) throws Exception {
    int trials = 24;
    int epochMs = 50;
    int epochsPerObjective = 3;
    Path examples = Path.of("../../examples");
    Path out = Path.of("results/trainer.json");
    List<String> objectives = List.of("quickstart", "mlp-mnist", "cnn-peptides", "lstm-stock");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--trials" -> trials = Integer.parseInt(args[++i]);
        case "--epoch-ms" -> epochMs = Integer.parseInt(args[++i]);
        case "--epochs" -> epochsPerObjective = Integer.parseInt(args[++i]);
        case "--examples" -> examples = Path.of(args[++i]);
        case "--objectives" -> objectives = List.of(args[++i].split(","));
        case "--json" -> out = Path.of(args[++i]);
        default ->
            throw new IllegalArgumentException(
                "unknown argument "
                    + args[i]
                    + "; use --trials N --epoch-ms MS --epochs N --objectives a,b --examples DIR --json FILE");
      }
    }
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = json.createObjectNode();

    System.out.printf("%-14s %10s %12s %12s%n", "objective", "epochs", "first s", "epochs/s");
    ArrayNode speed = root.putArray("epochs_per_second");
    for (String name : objectives) {
      Path file = examples.resolve(name + ".yaml");
      if (!Files.exists(file)) {
        System.out.printf("%-14s (no %s)%n", name, file);
        continue;
      }
      double[] r = epochsPerSecond(StudySpecParser.parse(file), epochsPerObjective);
      speed
          .addObject()
          .put("spec", name)
          .put("epochs", (int) r[0])
          .put("first_epoch_s", r[1])
          .put("epochs_per_s", r[2]);
      System.out.printf("%-14s %10d %12.2f %12.2f%n", name, (int) r[0], r[1], r[2]);
    }

    System.out.printf("%n%-10s %10s %12s %10s%n", "trainers", "trials", "trials/s", "vs 1");
    ArrayNode scaling = root.putArray("throughput");
    double base = 0;
    for (int n = 1; n <= 3; n++) {
      double tps = throughput(n, trials, epochMs);
      base = n == 1 ? tps : base;
      scaling
          .addObject()
          .put("trainers", n)
          .put("trials", trials)
          .put("trials_per_s", tps)
          .put("ratio_to_1", tps / base);
      System.out.printf("%-10d %10d %12.3f %10.2f%n", n, trials, tps, tps / base);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), root);
    System.out.println("wrote " + out.toAbsolutePath());
    System.exit(0);
  }

  /** Returns {epochs timed, seconds of the first epoch, epochs per second after the first}. */
  private static double[] epochsPerSecond(StudySpec spec, int epochsPerConfig) throws Exception {
    Space space = SpecMapping.space(spec);
    Objective objective = BuiltinObjectives.registry().create(spec.getObjective().getName());
    SplittableRandom rng = new SplittableRandom(11);
    double first = 0;
    double rest = 0;
    int counted = 0;
    for (int c = 0; c < 3; c++) {
      Map<String, Object> params = space.sample(rng);
      List<Long> stamps = new ArrayList<>();
      long start = System.nanoTime();
      stamps.add(start);
      int budget = Math.min(epochsPerConfig + 1, spec.getMaxEpochs());
      TrialContext ctx =
          new TrialContext(
              "bench-" + c,
              params,
              spec.getObjective().getOptions(),
              budget,
              c,
              (epoch, value) -> {
                stamps.add(System.nanoTime());
                return true;
              },
              () -> false);
      objective.run(ctx);
      if (c == 0) {
        first = (stamps.get(1) - stamps.get(0)) / 1e9;
      }
      for (int i = 2; i < stamps.size(); i++) {
        rest += (stamps.get(i) - stamps.get(i - 1)) / 1e9;
        counted++;
      }
    }
    return new double[] {counted, first, counted / rest};
  }

  private static double throughput(int trainers, int trials, int epochMs) throws Exception {
    StudySpec spec =
        StudySpecParser.parse(
            """
        study: throughput-%d
        objective: {name: branin, options: {epoch_ms: %d}}
        n_trials: %d
        parallelism: %d
        max_epochs: 15
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        algorithm: {name: random, seed: 3}
        """
                .formatted(trainers, epochMs, trials, trainers));
    try (Pipeline p =
        new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry())
            .withEmbeddedBroker()
            .withTopics(3, trainers)
            .withTrainers(trainers, false)
            .withSuggester()
            .withMonitor(Duration.ofMillis(100))) {
      Thread.sleep(
          3000); // let the group settle so a rebalance does not land inside the measurement
      long start = System.nanoTime();
      Pipeline.submit(p.connection(), spec);
      StudyView report = StudyFollow.await(p.connection(), spec, Duration.ofMinutes(10), r -> {});
      return report.finished() / ((System.nanoTime() - start) / 1e9);
    }
  }
}
