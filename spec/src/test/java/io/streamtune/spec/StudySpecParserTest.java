package io.streamtune.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.streamtune.avro.AlgorithmSpec;
import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Direction;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.Prior;
import io.streamtune.avro.StoppingSpec;
import io.streamtune.avro.StudySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StudySpecParserTest {

  /** A complete, valid spec; each bad-field test replaces one line of it. */
  private static final String VALID =
      """
      study: demo-1
      objective:
        name: branin
        options:
          epoch_ms: 0
      metric:
        name: accuracy
        direction: maximize
      n_trials: 12
      parallelism: 3
      max_epochs: 15
      space:
        x1: {type: real, low: -5, high: 10}
        lr: {type: real, low: 1e-4, high: 1e-1, prior: log-uniform}
        layers: {type: integer, low: 1, high: 4}
        act: {type: categorical, values: [relu, tanh]}
      algorithm:
        name: gp
        acq_func: EI
        n_initial_points: 5
        initial_design: sobol
        seed: 7
        x0:
          - {x1: 0.5, lr: 0.01, layers: 2, act: tanh}
      stopping:
        rule: median
        min_trials: 4
        min_step: 2
      """;

  private static String replace(String from, String to) {
    assertThat(VALID).contains(from);
    return VALID.replace(from, to);
  }

  private static SpecException rejected(String yaml) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> StudySpecParser.parse(yaml));
    assertThat(e).as("spec should be rejected:%n%s", yaml).isNotNull();
    return e;
  }

  /**
   * The one problem about {@code field}; others may follow from it (n_trails also leaves n_trials
   * missing).
   */
  private static AbstractStringAssert<?> problemAbout(SpecException e, String field) {
    List<String> about = e.problems().stream().filter(p -> p.startsWith(field)).toList();
    assertThat(about).as("problems about %s in %s", field, e.problems()).hasSize(1);
    return assertThat(about.get(0));
  }

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
            .setObjective(new ObjectiveSpec("branin", Map.of("epoch_ms", "0")))
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
          x1: {type: real, low: 0, high: 1}
        """;
    // When
    StudySpec spec = StudySpecParser.parse(yaml);
    // Then
    assertThat(spec.getParallelism()).isEqualTo(1);
    assertThat(spec.getMaxEpochs()).isEqualTo(20);
    assertThat(spec.getMetric()).isEqualTo(new MetricSpec("loss", Direction.MINIMIZE));
    assertThat(spec.getAlgorithm()).isEqualTo(AlgorithmSpec.newBuilder().build());
    assertThat(spec.getStopping()).isEqualTo(new StoppingSpec("none", Map.of()));
    assertThat(spec.getObjective().getName()).isEqualTo("branin");
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
  void shouldNameDimensionWhenRangeIsInverted() {
    SpecException e =
        rejected(
            replace("x1: {type: real, low: -5, high: 10}", "x1: {type: real, low: 10, high: -5}"));
    problemAbout(e, "space.x1:").contains("low (10.0) must be < high (-5.0)");
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
  void shouldNameDimensionWhenRealRangeIsEmpty() {
    SpecException e =
        rejected(
            replace("x1: {type: real, low: -5, high: 10}", "x1: {type: real, low: 3, high: 3}"));
    problemAbout(e, "space.x1:");
  }

  @Test
  void shouldNameDimensionWhenIntegerRangeIsNegative() {
    SpecException e =
        rejected(
            replace(
                "layers: {type: integer, low: 1, high: 4}",
                "layers: {type: integer, low: 4, high: -1}"));
    problemAbout(e, "space.layers:").contains("<=");
  }

  @Test
  void shouldRejectLogUniformWhenLowIsNotPositive() {
    for (String low : List.of("0", "-1e-3")) {
      SpecException e =
          rejected(replace("lr: {type: real, low: 1e-4,", "lr: {type: real, low: " + low + ","));
      problemAbout(e, "space.lr.low:").contains("log-uniform").contains("low > 0");
    }
  }

  @Test
  void shouldRejectIntegerDimensionWhenBoundsAreFractional() {
    SpecException e =
        rejected(
            replace(
                "layers: {type: integer, low: 1, high: 4}",
                "layers: {type: integer, low: 1.5, high: 4}"));
    problemAbout(e, "space.layers:").contains("whole numbers").contains("1.5");
  }

  @Test
  void shouldSuggestTypeWhenDimensionTypeIsUnknown() {
    SpecException e = rejected(replace("x1: {type: real,", "x1: {type: reall,"));
    problemAbout(e, "space.x1.type:").contains("'reall'").contains("did you mean 'real'?");
  }

  @Test
  void shouldRejectCategoricalWhenValuesAreEmpty() {
    SpecException e = rejected(replace("values: [relu, tanh]", "values: []"));
    problemAbout(e, "space.act.values:").contains("non-empty");
  }

  @Test
  void shouldNameDuplicateWhenCategoriesRepeat() {
    SpecException e = rejected(replace("values: [relu, tanh]", "values: [relu, tanh, relu]"));
    problemAbout(e, "space.act.values:").contains("duplicate").contains("relu");
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
        VALID.replace("objective:\n  name: branin\n  options:\n    epoch_ms: 0\n", "");
    assertThat(noObjective).doesNotContain("branin");
    assertThat(rejected(noObjective).problems())
        .singleElement()
        .asString()
        .startsWith("objective: required");
    String noSpace = VALID.substring(0, VALID.indexOf("space:")) + "stopping: none\n";
    assertThat(rejected(noSpace).problems())
        .anySatisfy(p -> assertThat(p).startsWith("space: required"));
  }

  @Test
  void shouldRejectParallelismWhenZero() {
    SpecException e = rejected(replace("parallelism: 3", "parallelism: 0"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("parallelism")
        .contains("must be >= 1 but was 0");
  }

  @Test
  void shouldRejectNTrialsWhenNotWholeNumber() {
    SpecException e = rejected(replace("n_trials: 12", "n_trials: 2.5"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("n_trials:")
        .contains("whole number");
  }

  @Test
  void shouldRejectStudyIdWhenItHasIllegalCharacters() {
    SpecException e = rejected(replace("study: demo-1", "study: 'demo 1/x'"));
    assertThat(e.problems()).singleElement().asString().startsWith("study:").contains("demo 1/x");
  }

  @Test
  void shouldNameDirectionWhenItIsNeitherMinimizeNorMaximize() {
    SpecException e = rejected(replace("direction: maximize", "direction: upwards"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("metric.direction:")
        .contains("'upwards'");
  }

  @Test
  void shouldSuggestAlgorithmWhenNameIsUnknown() {
    SpecException e = rejected(replace("name: gp\n", "name: rnadom\n"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("algorithm.name:")
        .contains("'rnadom'")
        .contains("did you mean 'random'?");
  }

  @Test
  void shouldSuggestAcquisitionWhenAcqFuncIsUnknown() {
    SpecException e = rejected(replace("acq_func: EI", "acq_func: gp_hegde"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("algorithm.acq_func:")
        .contains("did you mean 'gp_hedge'?");
  }

  @Test
  void shouldSuggestInitialDesignWhenUnknown() {
    SpecException e = rejected(replace("initial_design: sobol", "initial_design: sobel"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("algorithm.initial_design:")
        .contains("did you mean 'sobol'?");
  }

  @Test
  void shouldSuggestRuleWhenStoppingRuleIsUnknown() {
    SpecException e = rejected(replace("rule: median", "rule: medain"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("stopping.rule:")
        .contains("'medain'")
        .contains("did you mean 'median'?");
  }

  @Test
  void shouldNameOptionWhenStoppingOptionIsUnknownForRule() {
    SpecException e = rejected(replace("min_step: 2", "min_stepz: 2"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("stopping.min_stepz:")
        .contains("unknown field")
        .contains("did you mean 'min_step'?");
  }

  @Test
  void shouldRejectStoppingOptionWhenNegative() {
    SpecException e = rejected(replace("min_trials: 4", "min_trials: -4"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("stopping.min_trials:")
        .contains(">= 0");
  }

  @Test
  void shouldNameDimensionWhenX0ValueIsOutOfRange() {
    SpecException e = rejected(replace("layers: 2, act", "layers: 9, act"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("algorithm.x0[0].layers:")
        .contains("[1, 4]")
        .contains("9");
  }

  @Test
  void shouldNameCategoryWhenX0ValueIsNotACategory() {
    SpecException e = rejected(replace("act: tanh}", "act: gelu}"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("algorithm.x0[0].act:")
        .contains("gelu");
  }

  @Test
  void shouldNameDimensionWhenX0PointMissesIt() {
    SpecException e =
        rejected(
            replace(
                "{x1: 0.5, lr: 0.01, layers: 2, act: tanh}", "{x1: 0.5, layers: 2, act: tanh}"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("algorithm.x0[0].lr:")
        .contains("missing");
  }

  @Test
  void shouldNameUnknownDimensionWhenX0HasExtraKey() {
    SpecException e = rejected(replace("act: tanh}", "act: tanh, x9: 1}"));
    assertThat(e.problems())
        .singleElement()
        .asString()
        .startsWith("algorithm.x0[0].x9:")
        .contains("unknown field");
  }

  @Test
  void shouldReportLineWhenYamlIsInvalid() {
    SpecException e = rejected("study: demo\nspace: {x1: [unclosed\n");
    assertThat(e.getMessage()).contains("not valid YAML").contains("line");
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
