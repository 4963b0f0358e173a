package io.streamtune.spec;

import static io.streamtune.spec.TestSpecs.rejected;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectiveCatalogTest {

  /** The mlp-mnist example's objective and space, with one line to change. */
  private static final String MLP =
      """
      study: mlp
      objective: {name: mlp-mnist, options: {train_size: 500}}
      n_trials: 5
      space:
        learning_rate: {type: real, low: 1.0e-4, high: 1.0e-2, prior: log-uniform}
        num_dense_layers: {type: integer, low: 1, high: 5}
        num_input_nodes: {type: integer, low: 1, high: 512}
        num_dense_nodes: {type: integer, low: 1, high: 28}
        activation: {type: categorical, values: [relu, sigmoid]}
        batch_size: {type: integer, low: 1, high: 128}
        adam_decay: {type: real, low: 1.0e-6, high: 1.0e-2}
      """;

  @Test
  void shouldListEveryBuiltInObjectiveWhenAskedForNames() {
    assertThat(ObjectiveCatalog.names())
        .containsExactly(
            "branin",
            "cnn-peptides",
            "command",
            "external",
            "hartmann6",
            "lstm-stock",
            "mlp-mnist");
  }

  @Test
  void shouldDescribeWhatAnObjectiveReadsWhenFound() {
    ObjectiveCatalog.Entry branin = ObjectiveCatalog.find("branin").orElseThrow();
    assertThat(branin.parameters()).containsExactly("x1", "x2");
    assertThat(branin.acceptsAnyParameters()).isFalse();
    assertThat(branin.options()).containsExactly("c", "epoch_ms", "fail_rate", "noise", "tau");
    ObjectiveCatalog.Entry command = ObjectiveCatalog.find("command").orElseThrow();
    assertThat(command.acceptsAnyParameters()).isTrue();
    assertThat(command.parameters()).isEmpty();
    assertThat(command.requiredOptions()).containsExactly("cmd");
    assertThat(ObjectiveCatalog.find("nope")).isEmpty();
    assertThat(ObjectiveCatalog.find(null)).isEmpty();
  }

  @Test
  void shouldAcceptCommandWhenSpaceHasAnyParameters() {
    String yaml =
        TestSpecs.replace(
                TestSpecs.VALID, "  x1: {", "  anything: {type: integer, low: 0, high: 3}\n  x1: {")
            .replace("{x1: 0.5,", "{anything: 1, x1: 0.5,");
    assertThat(StudySpecParser.parse(yaml).getSpace()).hasSize(5);
  }

  @Test
  void shouldAcceptMlpMnistWhenSpaceIsTheExamples() {
    assertThat(StudySpecParser.parse(MLP).getObjective().getName()).isEqualTo("mlp-mnist");
  }

  @Test
  void shouldRequireCategoricalWhenObjectiveReadsAChoice() {
    SpecException e =
        rejected(
            TestSpecs.replace(
                MLP,
                "activation: {type: categorical, values: [relu, sigmoid]}",
                "activation: {type: integer, low: 0, high: 1}"));
    assertThat(e.problems())
        .containsExactly(
            "space.activation.type: objective 'mlp-mnist' reads this parameter as one of"
                + " [relu, sigmoid], so it must be categorical");
  }

  @Test
  void shouldNameTheValueWhenObjectiveDoesNotUnderstandACategory() {
    SpecException e = rejected(TestSpecs.replace(MLP, "[relu, sigmoid]", "[relu, tanh]"));
    assertThat(e.problems())
        .containsExactly(
            "space.activation.values: objective 'mlp-mnist' accepts [relu, sigmoid] but not 'tanh'");
  }

  @Test
  void shouldAcceptNumericCategoriesWhenObjectiveReadsANumber() {
    // skopt-style categorical batch sizes: the trainer parses "32" as a number
    String numeric =
        TestSpecs.replace(
            MLP,
            "batch_size: {type: integer, low: 1, high: 128}",
            "batch_size: {type: categorical, values: [16, 32, 64]}");
    assertThat(StudySpecParser.parse(numeric).getSpace()).hasSize(7);
    SpecException e = rejected(numeric.replace("[16, 32, 64]", "[16, big]"));
    assertThat(e.problems())
        .containsExactly(
            "space.batch_size.values: objective 'mlp-mnist' reads this parameter as a number but"
                + " 'big' is not one");
  }

  @Test
  void shouldRefuseFractionsWhenTheyLeaveNothingToTrainOn() throws IOException {
    String cnn = example("cnn-peptides").replace("test_fraction: 0.1", "test_fraction: 0.9");
    assertThat(rejected(cnn).problems())
        .containsExactly(
            "objective.options: validation_fraction + test_fraction must be < 1 (the rest trains)"
                + " but is 1.0");
  }

  @Test
  void shouldSuggestChoiceWhenOptionValueIsMisspelt() throws IOException {
    String lstm = example("lstm-stock").replace("target: level", "target: levle");
    assertThat(rejected(lstm).problems())
        .singleElement()
        .asString()
        .isEqualTo(
            "objective.options.target: must be one of [level, change] but was 'levle'"
                + " (did you mean 'level'?)");
  }

  @Test
  void shouldRequireWholeNumberWhenObjectiveCastsTheOption() {
    SpecException e = rejected(MLP.replace("train_size: 500", "train_size: 50.5"));
    assertThat(e.problems())
        .containsExactly("objective.options.train_size: must be a whole number but was 50.5");
  }

  static Stream<Path> examples() throws Exception {
    try (Stream<Path> files = Files.list(Path.of("..", "examples"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @ParameterizedTest
  @MethodSource("examples")
  void shouldValidateEveryExampleWhenReadFromRepository(Path example) {
    // Surefire runs in the module directory, so the examples are one level up
    assertThat(SpecValidation.problems(StudySpecParser.parse(example))).isEmpty();
  }

  @Test
  void shouldFindEveryExampleWhenListingTheDirectory() throws Exception {
    assertThat(examples().map(p -> p.getFileName().toString()))
        .contains("quickstart.yaml", "command.yaml", "mlp-mnist.yaml", "lstm-stock.yaml");
  }

  private static String example(String name) throws IOException {
    return Files.readString(Path.of("..", "examples", name.toLowerCase(Locale.ROOT) + ".yaml"));
  }

  @Test
  void shouldAcceptAnyParametersAndOptionsWhenTheObjectiveIsExternal() {
    // A trainer outside StreamTune reads its own options and parameters
    String yaml =
        """
        study: digits
        objective:
          name: external
          options: {task: sklearn-digits, data: /srv/digits.npz}
        n_trials: 4
        space:
          alpha: {type: real, low: 1.0e-6, high: 1.0e-1, prior: log-uniform}
          activation: {type: categorical, values: [relu, tanh]}
        """;
    assertThat(StudySpecParser.parse(yaml).getObjective().getOptions())
        .containsEntry("task", "sklearn-digits");
  }
}
