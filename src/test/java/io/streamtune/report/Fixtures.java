package io.streamtune.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamtune.report.StudyResults.Dim;
import io.streamtune.report.StudyResults.Epoch;
import io.streamtune.report.StudyResults.Stop;
import io.streamtune.report.StudyResults.Trial;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Studies for the report's tests. */
final class Fixtures {

  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  /** The results file of a real quickstart run (Branin, 30 trials, median stopping). */
  static StudyResults quickstart() {
    try (InputStream in = Fixtures.class.getResourceAsStream("quickstart-results.json")) {
      return StudyResults.of(JSON.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A study whose trials have the given final values, in trial order, and nothing else. */
  static StudyResults withValues(boolean maximize, double... values) {
    List<Trial> trials = new ArrayList<>();
    for (int n = 0; n < values.length; n++) {
      trials.add(trial(n, "COMPLETED", values[n], false, 10, 10, null, List.of()));
    }
    return study(maximize, List.of(new Dim("x", "real", 0, 1, false, List.of())), trials);
  }

  static Trial trial(
      int n,
      String status,
      Double value,
      boolean partial,
      int epochs,
      int max,
      Stop stop,
      List<Epoch> curve) {
    return new Trial(
        n,
        "s-t" + n,
        status,
        value,
        partial,
        Map.of("x", 0.1 * n),
        epochs,
        max,
        1,
        "trainer-1",
        1.5,
        stop,
        null,
        Map.of(),
        curve);
  }

  /** The same study with a baseline beside it. */
  static StudyResults withBaseline(StudyResults s, StudyResults.Baseline baseline) {
    return copy(s, s.trials(), baseline);
  }

  /** The same study with other trials and another baseline. */
  static StudyResults copy(StudyResults s, List<Trial> trials, StudyResults.Baseline baseline) {
    return new StudyResults(
        s.study(),
        s.state(),
        s.metric(),
        s.maximize(),
        s.objective(),
        s.algorithm(),
        s.stopping(),
        s.nTrials(),
        s.startedAt(),
        s.endedAt(),
        s.wallSeconds(),
        s.epochsRun(),
        s.epochsBudget(),
        s.space(),
        trials,
        s.spec(),
        baseline);
  }

  static StudyResults study(boolean maximize, List<Dim> space, List<Trial> trials) {
    return new StudyResults(
        "s",
        "COMPLETED",
        "acc",
        maximize,
        "branin",
        "gp",
        "median",
        trials.size(),
        "2026-01-01T00:00:00Z",
        "2026-01-01T00:01:00Z",
        60,
        0,
        0,
        space,
        trials,
        JsonNodeFactory.instance.objectNode(),
        null);
  }

  /**
   * A maximised study over a log-uniform, an integer and a categorical dimension: accuracy curves
   * that rise to a value set by the parameters, some stopped early by a rule (partial), one by
   * patience, one failed. Seeded, so every run is the same.
   */
  static StudyResults synthetic(long seed, int n) {
    Random rnd = new Random(seed);
    List<Dim> space =
        List.of(
            new Dim("lr", "real", 1e-4, 1e-1, true, List.of()),
            new Dim("layers", "integer", 1, 6, false, List.of()),
            new Dim("activation", "categorical", 0, 0, false, List.of("relu", "tanh", "gelu")));
    List<Trial> trials = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lr = Math.exp(Math.log(1e-4) + rnd.nextDouble() * Math.log(1e3));
      long layers = 1 + rnd.nextInt(6);
      String act = List.of("relu", "tanh", "gelu").get(rnd.nextInt(3));
      double target =
          0.97
              - 0.08 * Math.abs(Math.log10(lr) + 2.5)
              - 0.015 * Math.abs(layers - 3)
              - (act.equals("tanh") ? 0.03 : 0)
              + 0.01 * rnd.nextGaussian();
      int max = 20;
      boolean failed = i == 7;
      boolean pruned = !failed && i > 5 && target < 0.85 && rnd.nextDouble() < 0.7;
      boolean patience = !failed && !pruned && i == 11;
      int epochs = failed ? 2 : pruned ? 4 + rnd.nextInt(3) : patience ? 12 : max;
      List<Epoch> curve = new ArrayList<>();
      for (int e = 1; e <= epochs; e++) {
        curve.add(new Epoch(e, target * (1 - Math.exp(-e / 3.0)) + 0.005 * rnd.nextGaussian()));
      }
      Double value = failed ? null : curve.get(curve.size() - 1).value();
      Stop stop =
          pruned
              ? new Stop(
                  "median", 3, "best so far is worse than the median of completed trials at step 3")
              : patience ? new Stop("patience", 12, "no improvement in 2 epochs") : null;
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("lr", lr);
      params.put("layers", (double) layers);
      params.put("activation", act);
      trials.add(
          new Trial(
              i,
              "syn-t" + i,
              failed ? "FAILED" : pruned ? "PRUNED" : patience ? "PRUNED" : "COMPLETED",
              value,
              pruned,
              params,
              epochs,
              max,
              i == 9 ? 2 : 1,
              "trainer-" + (i % 3),
              0.4 * epochs,
              stop,
              failed ? "CUDA out of memory" : null,
              failed ? Map.of() : Map.of("test_acc", value - 0.01),
              curve));
    }
    long run = trials.stream().mapToLong(Trial::epochsRun).sum();
    return new StudyResults(
        "synthetic-mlp",
        "COMPLETED",
        "val_accuracy",
        true,
        "command",
        "gp",
        "median",
        n,
        "2026-12-07T10:00:00Z",
        "2026-12-07T10:42:17Z",
        2537,
        run,
        20L * n,
        space,
        trials,
        spec(),
        null);
  }

  private static JsonNode spec() {
    try {
      return JSON.readTree(
          """
          {"objective": {"name": "command", "options": {"cmd": "python3 train.py"}},
           "n_trials": 40, "parallelism": 3, "max_epochs": 20,
           "algorithm": {"name": "gp", "acq_func": "gp_hedge", "n_initial_points": 10, "seed": 7, "x0": []},
           "stopping": {"rule": "median", "options": {"min_trials": 5.0, "min_step": 3.0}},
           "early_stop": {"patience": 2, "min_delta": 0.0}}
          """);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
