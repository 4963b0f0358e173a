package io.streamtune.spec;

import static io.streamtune.spec.TestSpecs.VALID;
import static io.streamtune.spec.TestSpecs.rejected;
import static io.streamtune.spec.TestSpecs.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Direction;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.Prior;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.optimizer.space.IntegerDimension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudySpecParserTest {

  @Test
  void shouldParseEveryFieldWhenSpecIsValid() {
    // Given the valid spec
    // When
    StudySpec spec = StudySpecParser.parse(VALID);
    // Then
    Map<String, Object> x0 = new LinkedHashMap<>();
    x0.put("x1", 0.5);
    x0.put("lr", 0.01);
    x0.put("layers", 2L);
    x0.put("act", "tanh");
    StudySpec expected =
        StudySpec.newBuilder()
            .setStudyId("demo-1")
            .setObjective(new ObjectiveSpec("command", Map.of("cmd", "./train.sh")))
            .setMetric(new MetricSpec("accuracy", Direction.MAXIMIZE))
            .setSpace(
                List.of(
                    Dimension.newBuilder()
                        .setName("x1")
                        .setType(DimensionType.REAL)
                        .setLow(-5)
                        .setHigh(10)
                        .setPrior(Prior.UNIFORM)
                        .setCategories(List.of())
                        .build(),
                    Dimension.newBuilder()
                        .setName("lr")
                        .setType(DimensionType.REAL)
                        .setLow(1e-4)
                        .setHigh(1e-1)
                        .setPrior(Prior.LOG_UNIFORM)
                        .setCategories(List.of())
                        .build(),
                    Dimension.newBuilder()
                        .setName("layers")
                        .setType(DimensionType.INTEGER)
                        .setLow(1)
                        .setHigh(4)
                        .setPrior(Prior.UNIFORM)
                        .setCategories(List.of())
                        .build(),
                    Dimension.newBuilder()
                        .setName("act")
                        .setType(DimensionType.CATEGORICAL)
                        .setLow(0)
                        .setHigh(0)
                        .setPrior(Prior.UNIFORM)
                        .setCategories(List.of("relu", "tanh"))
                        .build()))
            .setNTrials(12)
            .setParallelism(3)
            .setMaxEpochs(15)
            .setAlgorithm(
                AlgorithmSpec.newBuilder()
                    .setName("gp")
                    .setAcqFunc("EI")
                    .setNInitialPoints(5)
                    .setInitialDesign("sobol")
                    .setSeed(7)
                    .setX0(List.of(x0))
                    .build())
            .setStopping(new StoppingSpec("median", Map.of("min_trials", 4.0, "min_step", 2.0)))
            .setSubmittedAt(0L)
            .build();
    assertThat(spec).isEqualTo(expected);
  }

  @Test
  void shouldApplyDefaultsWhenOptionalFieldsAreOmitted() {
    // Given only the required fields
    String yaml =
        """
        study: minimal
        objective: branin
        n_trials: 3
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        """;
    // When
    StudySpec spec = StudySpecParser.parse(yaml);
    // Then
    assertThat(spec.getParallelism()).isEqualTo(1);
    assertThat(spec.getMaxEpochs()).isEqualTo(20);
    assertThat(spec.getMetric()).isEqualTo(new MetricSpec("loss", Direction.MINIMIZE));
    assertThat(spec.getAlgorithm()).isEqualTo(AlgorithmSpec.newBuilder().build());
    assertThat(spec.getStopping()).isEqualTo(new StoppingSpec("none", Map.of()));
    assertThat(spec.getEarlyStop()).as("off").isNull();
    assertThat(spec.getObjective().getName()).isEqualTo("branin");
  }

  @Test
  void shouldReadEarlyStopWhenTheBlockIsGiven() {
    // Given Keras's EarlyStopping(patience=3, min_delta=1e-3, restore_best_weights=True)
    String yaml =
        replace(
            "max_epochs: 15",
            "max_epochs: 15\nearly_stop: {patience: 3, min_delta: 1e-3, restore_best: true}");
    // When
    StudySpec spec = StudySpecParser.parse(yaml);
    // Then
    assertThat(spec.getEarlyStop()).isEqualTo(new EarlyStopSpec(3, 1e-3, true));
    assertThat(EarlyStop.isOn(spec.getEarlyStop())).isTrue();
  }

  @Test
  void shouldDefaultMinDeltaAndRestoreBestWhenOnlyPatienceIsGiven() {
    StudySpec spec =
        StudySpecParser.parse(
            replace("max_epochs: 15", "max_epochs: 15\nearly_stop: {patience: 13}"));
    assertThat(spec.getEarlyStop()).isEqualTo(new EarlyStopSpec(13, 0.0, false));
  }

  @Test
  void shouldParseSpecWhenReadFromFile(@TempDir Path dir) throws Exception {
    // Given the valid spec on disk
    Path file = dir.resolve("spec.yaml");
    Files.writeString(file, VALID);
    // When / Then
    assertThat(StudySpecParser.parse(file).getStudyId()).isEqualTo("demo-1");
  }

  @Test
  void shouldAcceptQuickstartExampleWhenParsedFromRepository() {
    // Given the example a new user runs first (Surefire runs in the module directory)
    Path quickstart = Path.of("..", "examples", "quickstart.yaml");
    assertThat(quickstart).exists();
    // When
    StudySpec spec = StudySpecParser.parse(quickstart);
    // Then
    assertThat(spec.getNTrials()).isEqualTo(30);
    assertThat(spec.getParallelism()).isEqualTo(2);
    assertThat(spec.getStopping().getRule()).isEqualTo("median");
  }

  @Test
  void shouldAcceptTheReadmeExampleWhenTakenFromTheStudySpecSection() throws Exception {
    // Given the first YAML block of the README's "Study spec" section
    String readme = Files.readString(Path.of("..", "README.md"));
    String section = readme.substring(readme.indexOf("## Study spec"));
    int start = section.indexOf("```yaml\n") + "```yaml\n".length();
    String yaml = section.substring(start, section.indexOf("```", start));
    // When
    StudySpec spec = StudySpecParser.parse(yaml);
    // Then
    assertThat(spec.getSpace()).hasSize(5);
    assertThat(OptimizerSpace.of(spec.getSpace()).dimensions())
        .contains(new IntegerDimension("batch", 8, 1024, true));
    assertThat(spec.getEarlyStop()).isEqualTo(new EarlyStopSpec(3, 0.001, true));
  }

  @Test
  void shouldNameFileWhenItCannotBeRead(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> StudySpecParser.parse(missing))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void shouldSuggestNTrialsWhenKeyIsMisspelledNTrails() {
    // Given the typo n_trails instead of n_trials
    String yaml = replace("n_trials: 12", "n_trails: 12");
    // When
    SpecException e = rejected(yaml);
    // Then the unknown key is named with a suggestion, and the missing n_trials is reported too
    assertThat(e.problems())
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("n_trails:")
                    .contains("unknown field")
                    .contains("did you mean 'n_trials'?"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("n_trials: required"));
    assertThat(e.getMessage()).contains("n_trails").contains("n_trials");
  }

  @Test
  void shouldNotReportX0ValueAsUnknownWhenItsDimensionIsRejected() {
    // Given x0 sets x1, whose range is invalid
    SpecException e =
        rejected(
            replace("x1: {type: real, low: -5, high: 10}", "x1: {type: real, low: 10, high: -5}"));
    // Then only the range is reported, not a confusing "x0[0].x1: unknown field (did you mean ...)"
    assertThat(e.problems()).singleElement().asString().startsWith("space.x1:");
  }

  @Test
  void shouldNameMissingFieldWhenRequiredFieldIsAbsent() {
    assertThat(rejected(VALID.replace("study: demo-1\n", "")).problems())
        .singleElement()
        .asString()
        .startsWith("study: required");
    assertThat(rejected(VALID.replace("n_trials: 12\n", "")).problems())
        .singleElement()
        .asString()
        .startsWith("n_trials: required");
    String noObjective =
        VALID.replace("objective:\n  name: command\n  options:\n    cmd: ./train.sh\n", "");
    assertThat(noObjective).doesNotContain("command");
    assertThat(rejected(noObjective).problems())
        .singleElement()
        .asString()
        .startsWith("objective: required");
    String noSpace = VALID.substring(0, VALID.indexOf("space:")) + "stopping: none\n";
    assertThat(rejected(noSpace).problems())
        .anySatisfy(p -> assertThat(p).startsWith("space: required"));
  }

  @Test
  void shouldReportLineWhenYamlIsInvalid() {
    SpecException e = rejected("study: demo\nspace: {x1: [unclosed\n");
    assertThat(e.getMessage()).contains("not valid YAML").contains("line");
  }

  @Test
  void shouldRefuseSecondDocumentWhenTextHasTwo() {
    // Jackson would read the first document and drop the second without a word
    SpecException e = rejected(VALID + "---\nstudy: other\n");
    assertThat(e.problems())
        .containsExactly("the spec must be one YAML document but another starts at line 30");
    assertThat(StudySpecParser.parse("---\n" + VALID).getStudyId()).isEqualTo("demo-1");
  }

  @Test
  void shouldRejectSpecWhenItIsNotAMapping() {
    assertThat(rejected("- just\n- a list\n").getMessage()).contains("must be a YAML mapping");
    assertThat(rejected("").getMessage()).contains("must be a YAML mapping");
  }

  @Test
  void shouldReportEveryProblemWhenSeveralFieldsAreBad() {
    // Given four independent mistakes
    String yaml =
        VALID
            .replace("n_trials: 12", "n_trails: 12")
            .replace("parallelism: 3", "parallelism: 0")
            .replace("x1: {type: real, low: -5, high: 10}", "x1: {type: real, low: 10, high: -5}")
            .replace("rule: median", "rule: medain");
    // When
    SpecException e = rejected(yaml);
    // Then all are listed at once, each naming its field
    assertThat(e.problems())
        .anyMatch(p -> p.startsWith("n_trails:"))
        .anyMatch(p -> p.startsWith("n_trials:"))
        .anyMatch(p -> p.startsWith("parallelism:"))
        .anyMatch(p -> p.startsWith("space.x1:"))
        .anyMatch(p -> p.startsWith("stopping.rule:"));
    assertThat(e.getMessage())
        .startsWith("Invalid study spec (" + e.problems().size() + " problems)");
  }
}
