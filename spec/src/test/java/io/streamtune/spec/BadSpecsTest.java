package io.streamtune.spec;

import static io.streamtune.spec.TestSpecs.BRANIN;
import static io.streamtune.spec.TestSpecs.VALID;
import static io.streamtune.spec.TestSpecs.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One bad spec per row: a valid spec with one line changed, the field the one problem must name and
 * what the message must say. The problem must be the only one, so a mistake is reported once and
 * under its own name.
 */
class BadSpecsTest {

  private static final String STOP = "rule: median\n  min_trials: 4\n  min_step: 2";
  private static final String X0 = "{x1: 0.5, lr: 0.01, layers: 2, act: tanh}";
  private static final String BRANIN_X2 = "  x2: {type: real, low: 0, high: 15}\n";

  static Stream<Arguments> badSpecs() {
    return Stream.of(
        // The YAML itself: keys, duplicates, aliases, types.
        bad("n_trials: 12", "n_trials: 12\nn_trails: 12", "n_trails", "did you mean 'n_trials'?"),
        bad("  name: accuracy\n", "  name: accuracy\n  name: loss\n", "metric.name", "duplicate"),
        bad("  x1: {", "  x1: {type: real, low: 0, high: 1}\n  x1: {", "space.x1", "key (line 14"),
        custom(
            twice("n_trials: 12", "n_trials: &n 12", "parallelism: 3", "parallelism: *n"),
            "parallelism",
            "YAML aliases (*n) are not supported"),
        bad("low: -5, high", "low: .nan, high", "space.x1.low", "finite number but was NaN"),
        bad("high: 10}", "high: .inf}", "space.x1.high", "finite number but was Infinity"),
        bad("low: -5, high", "low: -.Inf, high", "space.x1.low", "but was -Infinity"),
        bad("low: -5, high", "low: abc, high", "space.x1.low", "must be a number but was 'abc'"),
        bad(", high: 10}", "}", "space.x1.high", "required"),
        bad("x1: {type: real,", "x1: {type: reall,", "space.x1.type", "did you mean 'real'?"),
        bad("high: 10}", "high: 10, lwo: 1}", "space.x1.lwo", "unknown field"),
        bad("prior: log-uniform", "prior: normal", "space.lr.prior", "'normal'"),
        bad("values: [relu, tanh]", "values: relu", "space.act.values", "must be a list"),
        bad("n_trials: 12", "n_trials: 2.5", "n_trials", "whole number but was '2.5'"),
        bad("n_trials: 12", "n_trials: many", "n_trials", "whole number but was 'many'"),
        bad("direction: maximize", "direction: upwards", "metric.direction", "'upwards'"),
        bad("min_trials: 4", "min_trials: four", "stopping.min_trials", "must be a number"),
        bad("seed: 7\n", "seed: 7.5\n", "algorithm.seed", "whole number"),
        bad("    cmd: ./train.sh\n", "    cmd:\n", "objective.options.cmd", "needs a value"),
        // A field the YAML layer could not read is reported once, not again as missing.
        bad("study: demo-1", "study: [demo]", "study", "must be a single value"),
        bad("name: command", "name: [command]", "objective.name", "must be a single value"),
        bad("  options:\n    cmd: ./train.sh", "  options: [cmd]", "objective.options", "mapping"),
        bad("- " + X0, "- 5", "algorithm.x0[0]", "must be a mapping from parameter name"),
        branin(BRANIN.substring(BRANIN.indexOf("space:")), "space: [x1, x2]\n", "space", "mapping"),
        // The values, checked on the Avro record by SpecValidation.
        bad("study: demo-1", "study: 'demo 1/x'", "study", "'demo 1/x'"),
        bad("study: demo-1", "study: " + "s".repeat(129), "study", "at most 128 characters"),
        bad("n_trials: 12", "n_trials: 0", "n_trials", "must be >= 1 but was 0"),
        bad("n_trials: 12", "n_trials: 100001", "n_trials", "must be <= 100000"),
        bad("parallelism: 3", "parallelism: 0", "parallelism", "must be >= 1 but was 0"),
        bad("parallelism: 3", "parallelism: 1001", "parallelism", "must be <= 1000"),
        bad("max_epochs: 15", "max_epochs: 0", "max_epochs", "must be >= 1"),
        bad("max_epochs: 15", "max_epochs: 10001", "max_epochs", "must be <= 10000"),
        bad("low: -5, high: 10", "low: 10, high: -5", "space.x1", "low (10.0) must be < high"),
        bad("low: -5, high: 10", "low: 3, high: 3", "space.x1", "must be < high (3.0)"),
        bad("low: 1, high: 4", "low: 4, high: -1", "space.layers", "must be <= high"),
        bad("low: 1, high: 4", "low: 1.5, high: 4", "space.layers", "whole numbers"),
        bad("low: 1e-4,", "low: 0,", "space.lr.low", "log-uniform prior needs low > 0"),
        bad("low: 1e-4,", "low: -1e-3,", "space.lr.low", "low > 0 but was -0.001"),
        bad("values: [relu, tanh]", "values: []", "space.act.values", "non-empty"),
        bad("values: [relu, tanh]", "values: [relu, tanh, relu]", "space.act.values", "[relu]"),
        bad("[relu, tanh]", "[relu, " + "t".repeat(201) + "]", "space.act.values[1]", "200 char"),
        bad("[relu, tanh]", list(1001), "space.act.values", "at most 1000 values but has 1001"),
        bad("space:\n", "space:\n" + dims(101), "space", "at most 100 dimensions but has 105"),
        bad(
            "  x1: {",
            "  " + "p".repeat(101) + ": {type: real, low: 0, high: 1}\n  x1: {",
            "space[0].name",
            "at most 100 characters but has 101"),
        bad("layers: 2, act", "layers: 9, act", "algorithm.x0[0].layers", "[1, 4]"),
        bad("act: tanh}", "act: gelu}", "algorithm.x0[0].act", "gelu"),
        bad("x1: 0.5, lr: 0.01,", "x1: 0.5,", "algorithm.x0[0].lr", "missing"),
        bad("act: tanh}", "act: tanh, x9: 1}", "algorithm.x0[0].x9", "unknown field"),
        bad("- " + X0, "{x1: 0.5}", "algorithm.x0", "must be a list of points"),
        bad("- " + X0, points(101), "algorithm.x0", "at most 100 points but has 101"),
        bad("name: gp\n", "name: rnadom\n", "algorithm.name", "did you mean 'random'?"),
        bad("acq_func: EI", "acq_func: gp_hegde", "algorithm.acq_func", "'gp_hedge'?"),
        bad(
            "initial_design: sobol",
            "initial_design: sobel",
            "algorithm.initial_design",
            "'sobol'"),
        bad("n_initial_points: 5", "n_initial_points: -1", "algorithm.n_initial_points", ">= 0"),
        bad("rule: median", "rule: medain", "stopping.rule", "did you mean 'median'?"),
        bad("min_step: 2", "min_stepz: 2", "stopping.min_stepz", "did you mean 'min_step'?"),
        bad("min_trials: 4", "min_trials: 0", "stopping.min_trials", "[1, 100000] but was 0"),
        bad(STOP, "rule: percentile\n  percentile: 150", "stopping.percentile", "in [0, 100]"),
        bad(STOP, "rule: asha\n  eta: 1", "stopping.eta", "in [2, 10000] but was 1"),
        bad(STOP, "rule: hyperband\n  eta: 2.5", "stopping.eta", "whole number but was 2.5"),
        bad(STOP, "rule: curve\n  delta: 1", "stopping.delta", "in (0, 1) but was 1"),
        bad(STOP, "rule: curve\n  start_step: 1", "stopping.start_step", "[3, 10000]"),
        bad(STOP, "rule: curve\n  delta: .nan", "stopping.delta", "finite number but was NaN"),
        bad(STOP, "rule: none\n  min_step: 2", "stopping.min_step", "unknown field"),
        // Trial-level patience: the early_stop block.
        early("{patience: 0}", "early_stop.patience", "must be >= 1 but was 0 (leave out"),
        early("{patience: 0, restore_best: true}", "early_stop.patience", ">= 1 but was 0"),
        early("{patience: -2}", "early_stop.patience", "must be >= 1 but was -2"),
        early("{patience: 2.5}", "early_stop.patience", "whole number but was '2.5'"),
        early("{min_delta: 0.1}", "early_stop.patience", "required"),
        early("{patience: 14}", "early_stop.patience", "must be <= max_epochs - 2 (13) but was 14"),
        early("{patience: 3, min_delta: -0.01}", "early_stop.min_delta", ">= 0 but was -0.01"),
        early(
            "{patience: 3, min_delta: .nan}", "early_stop.min_delta", "finite number but was NaN"),
        early("{patience: 3, min_delta: .inf}", "early_stop.min_delta", "but was Infinity"),
        early("{patience: 3, min_delta: tiny}", "early_stop.min_delta", "number but was 'tiny'"),
        early("{patience: 3, min_delta: }", "early_stop.min_delta", "needs a value"),
        early("{patience: 3, restore_best: maybe}", "early_stop.restore_best", "true or false"),
        early("{patience: 3, min_detla: 0.1}", "early_stop.min_detla", "did you mean 'min_delta'?"),
        early("3", "early_stop", "must be a mapping"),
        bad(
            "max_epochs: 15",
            "max_epochs: 15\nearly_stopping: {patience: 3}",
            "early_stopping",
            "'early_stop'?"),
        // The objective: its name, its options and the parameters it reads.
        bad("name: command", "name: comand", "objective.name", "did you mean 'command'?"),
        bad("cmd: ./train.sh", "args: x", "objective.options.cmd", "required by objective"),
        bad("cmd: ./train.sh", "cmd: ' '", "objective.options.cmd", "must not be blank"),
        bad("cmd: ./train.sh", "cmd: x\n    timeout_s: 0", "objective.options.timeout_s", "(0,"),
        bad("cmd: ./train.sh", "cmd: " + "x".repeat(4097), "objective.options.cmd", "4096"),
        bad("cmd: ./train.sh", "cmd: x\n" + options(64), "objective.options", "but has 65"),
        bad(
            "cmd: ./train.sh",
            "cmd: x\n    " + "k".repeat(101) + ": 1",
            "objective.options",
            "a key must have 1 to 100 characters"),
        branin("name: branin", "name: brannin", "objective.name", "did you mean 'branin'?"),
        branin(BRANIN_X2, "", "space", "objective 'branin' needs parameter 'x2'"),
        branin(
            BRANIN_X2,
            BRANIN_X2 + "  foo: {type: real, low: 0, high: 1}\n",
            "space.foo",
            "objective 'branin' does not use it"),
        branin("epoch_ms: 0", "epoch_ms: -5", "objective.options.epoch_ms", "but was -5"),
        branin("fail_rate: 0.1", "fail_rate: 1.5", "objective.options.fail_rate", "[0, 1]"),
        branin("fail_rate: 0.1", "fail_rate: .nan", "objective.options.fail_rate", "finite"),
        branin("epoch_ms: 0", "epoch_sm: 0", "objective.options.epoch_sm", "'epoch_ms'?"),
        branin(
            "n_trials: 12",
            "n_trials: 12\nmetric: {name: '" + "m".repeat(101) + "'}",
            "metric.name",
            "at most 100 characters"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badSpecs")
  void shouldNameTheFieldWhenOneFieldIsBad(Case c) {
    // Given a valid spec with one line changed (the Case)
    // When
    SpecException e = rejected(c.yaml());
    // Then its one problem names the field and says what is wrong
    assertThat(e.problems()).as("problems").hasSize(1);
    assertThat(e.problems().get(0)).startsWith(c.field() + ": ").contains(c.fragment());
  }

  @Test
  void shouldHaveAtLeastFortyRowsWhenTheTableIsRead() {
    assertThat(badSpecs()).hasSizeGreaterThanOrEqualTo(40);
  }

  @Test
  void shouldAcceptEachBaseWhenItIsNotChanged() {
    // Guards the table: the change in a row is what its problem is about.
    assertThat(SpecValidation.problems(StudySpecParser.parse(VALID))).isEmpty();
    assertThat(SpecValidation.problems(StudySpecParser.parse(BRANIN))).isEmpty();
  }

  /** A row, named in the test report by its field and message. */
  record Case(String yaml, String field, String fragment) {
    @Override
    public String toString() {
      return field + ": …" + fragment;
    }
  }

  private static Arguments bad(String from, String to, String field, String fragment) {
    return custom(TestSpecs.replace(from, to), field, fragment);
  }

  /** VALID with an {@code early_stop} block (its max_epochs is 15). */
  private static Arguments early(String block, String field, String fragment) {
    return bad("max_epochs: 15", "max_epochs: 15\nearly_stop: " + block, field, fragment);
  }

  private static Arguments branin(String from, String to, String field, String fragment) {
    return custom(TestSpecs.replace(BRANIN, from, to), field, fragment);
  }

  private static Arguments custom(String yaml, String field, String fragment) {
    return Arguments.of(new Case(yaml, field, fragment));
  }

  private static String twice(String from, String to, String from2, String to2) {
    return TestSpecs.replace(TestSpecs.replace(from, to), from2, to2);
  }

  private static String list(int n) {
    return IntStream.range(0, n).mapToObj(i -> "v" + i).collect(Collectors.joining(", ", "[", "]"));
  }

  private static String dims(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "  p" + i + ": {type: real, low: 0, high: 1}\n")
        .collect(Collectors.joining());
  }

  /** n x0 points in place of the one in VALID, at its indentation. */
  private static String points(int n) {
    return String.join("\n    ", Collections.nCopies(n, "- " + X0));
  }

  private static String options(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> "    o" + i + ": " + i)
        .collect(Collectors.joining("\n"));
  }
}
