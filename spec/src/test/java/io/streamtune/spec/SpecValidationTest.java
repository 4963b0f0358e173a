package io.streamtune.spec;

import static io.streamtune.spec.TestSpecs.BRANIN;
import static io.streamtune.spec.TestSpecs.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.Prior;
import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.Topics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The rules on the Avro record itself, as a service applies them to a spec it reads from Kafka: a
 * record produced without the YAML parser must meet the same rules.
 */
class SpecValidationTest {

  /** A spec as a service reads it: encoded by a producer, decoded from the topic. */
  private static StudySpec fromTopic(StudySpec spec) {
    byte[] bytes = Topics.STUDIES.valueSerde().serializer().serialize("studies", spec);
    return Topics.STUDIES.valueSerde().deserializer().deserialize("studies", bytes);
  }

  private static StudySpec valid() {
    return StudySpecParser.parse(VALID);
  }

  @Test
  void shouldFindNoProblemWhenSpecCameFromTheParser() {
    assertThat(SpecValidation.problems(valid())).isEmpty();
    assertThatCode(() -> SpecValidation.check(fromTopic(valid()))).doesNotThrowAnyException();
  }

  @Test
  void shouldRejectRawSpecWhenNTrialsAndParallelismAreNotPositive() {
    // Given a record a producer wrote without the parser
    StudySpec raw = valid();
    raw.setNTrials(0);
    raw.setParallelism(-3);
    // When
    List<String> problems = SpecValidation.problems(fromTopic(raw));
    // Then
    assertThat(problems)
        .containsExactly(
            "n_trials: must be >= 1 but was 0", "parallelism: must be >= 1 but was -3");
  }

  @Test
  void shouldThrowEveryProblemWhenCheckFindsSome() {
    StudySpec raw = valid();
    raw.setMaxEpochs(20_000);
    raw.getStopping().setRule("medain");
    assertThatThrownBy(() -> SpecValidation.check(raw))
        .isInstanceOf(SpecException.class)
        .hasMessageContaining("max_epochs: must be <= 10000 but was 20000")
        .hasMessageContaining("stopping.rule: must be one of")
        .hasMessageContaining("did you mean 'median'?");
  }

  @Test
  void shouldNameEachMissingFieldWhenRecordIsEmpty() {
    // Given a record with no field set (possible in code, never from the topic)
    List<String> problems = SpecValidation.problems(new StudySpec());
    // Then every required field is named, and nothing throws
    assertThat(problems)
        .contains(
            "study: required (the study id, for example 'study: quickstart')",
            "objective: required (for example 'objective: {name: branin}')",
            "metric: required",
            "n_trials: must be >= 1 but was 0",
            "space: required (a mapping from parameter name to its range)",
            "algorithm: required",
            "stopping: required");
  }

  @Test
  void shouldAcceptEarlyStopWhenItIsOffOrLeavesAnEpochToSave() {
    // Given max_epochs 15: patience 13 stops at epoch 14 at the earliest, one before the last
    StudySpec spec = valid();
    spec.setEarlyStop(null);
    assertThat(SpecValidation.problems(fromTopic(spec))).isEmpty();
    spec.setEarlyStop(new EarlyStopSpec(13, 0.0, true));
    assertThat(SpecValidation.problems(fromTopic(spec))).isEmpty();
  }

  @Test
  void shouldRejectRawEarlyStopWhenItCouldStopNothingOrIsOutOfRange() {
    // Given records a producer wrote without the parser
    StudySpec spec = valid();
    // When / Then each is refused under its field
    spec.setEarlyStop(new EarlyStopSpec(0, 0.0, false));
    assertThat(SpecValidation.problems(fromTopic(spec)))
        .containsExactly(
            "early_stop.patience: must be >= 1 but was 0 (leave out early_stop for none)");
    spec.setEarlyStop(new EarlyStopSpec(-1, 0.0, true));
    assertThat(SpecValidation.problems(fromTopic(spec)))
        .singleElement()
        .asString()
        .startsWith("early_stop.patience: must be >= 1 but was -1");
    spec.setEarlyStop(new EarlyStopSpec(14, 0.0, false));
    assertThat(SpecValidation.problems(fromTopic(spec)))
        .singleElement()
        .asString()
        .startsWith("early_stop.patience: must be <= max_epochs - 2 (13) but was 14");
    spec.setEarlyStop(new EarlyStopSpec(3, Double.NaN, false));
    assertThat(SpecValidation.problems(fromTopic(spec)))
        .containsExactly("early_stop.min_delta: must be a finite number but was NaN");
    spec.setEarlyStop(new EarlyStopSpec(3, -0.5, false));
    assertThat(SpecValidation.problems(fromTopic(spec)))
        .containsExactly("early_stop.min_delta: must be >= 0 but was -0.5");
  }

  @Test
  void shouldNotJudgePatienceAgainstMaxEpochsWhenMaxEpochsIsItselfBad() {
    // The one problem is max_epochs; patience is not also blamed for it
    StudySpec spec = valid();
    spec.setMaxEpochs(0);
    spec.setEarlyStop(new EarlyStopSpec(3, 0.0, false));
    assertThat(SpecValidation.problems(spec)).containsExactly("max_epochs: must be >= 1 but was 0");
  }

  @Test
  void shouldNameNoMonitorRuleAsPatienceWhenResultsNameWhatEndedATrial() {
    assertThat(SpecVocabulary.STOPPING_RULES).doesNotContainKey(EarlyStop.RULE);
  }

  @Test
  void shouldNameNaNBoundWhenRawDimensionHasOne() {
    StudySpec raw = valid();
    raw.getSpace().get(0).setLow(Double.NaN);
    assertThat(SpecValidation.problems(raw))
        .containsExactly("space.x1.low: must be a finite number but was NaN");
  }

  @Test
  void shouldRejectDuplicateNamesWhenRawSpaceRepeatsADimension() {
    // YAML cannot say this (a duplicate key is refused earlier); a raw record can
    StudySpec raw = valid();
    List<Dimension> space = new ArrayList<>(raw.getSpace());
    space.add(space.get(0));
    raw.setSpace(space);
    assertThat(SpecValidation.problems(raw)).containsExactly("space.x1: duplicate dimension name");
  }

  @Test
  void shouldRejectObjectiveWhenRawSpecNamesAnUnknownOne() {
    StudySpec raw = StudySpecParser.parse(BRANIN);
    raw.getObjective().setName("bogus");
    assertThat(SpecValidation.problems(raw))
        .singleElement()
        .asString()
        .startsWith("objective.name: unknown objective 'bogus'")
        .contains("branin", "command");
  }

  @Test
  void shouldRejectSpecWhenItEncodesAboveTheLimit() {
    // Given dimensions within every per-field limit whose sum is too large: 5 x 1000 x 200 chars
    StudySpec raw = valid();
    List<Dimension> space = new ArrayList<>(raw.getSpace());
    Random random = new Random(42);
    for (int i = 0; i < 5; i++) {
      space.add(categorical("c" + i, 1000, random));
    }
    raw.setSpace(space);
    raw.getAlgorithm().setX0(List.of());
    // When
    List<String> problems = SpecValidation.problems(raw);
    // Then
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("spec: encodes to ")
        .endsWith("; a spec may be at most 512 KiB");
  }

  @Test
  void shouldAcceptManyLargeRequestsInFlightWhenEachStateRecordHoldsOne() {
    // Given requests of about 20 KiB (long options) and 1000 of them in flight: 20 MiB in all
    StudySpec raw = valid();
    Map<String, String> options = new LinkedHashMap<>(raw.getObjective().getOptions());
    options.put("args", "a".repeat(4000));
    for (String o : List.of("metric", "metric_regex", "final_regex", "workdir")) {
      options.put(o, "b".repeat(4000));
    }
    raw.getObjective().setOptions(options);
    raw.setNTrials(5000);
    raw.setParallelism(SpecLimits.MAX_PARALLELISM);
    // When / Then the suggester keeps one state record per trial, so each is small
    assertThat(SpecValidation.problems(raw)).isEmpty();
    assertThat(RecordSizes.suggesterState(raw)).isLessThan(64L * 1024);
  }

  @Test
  void shouldMeasureTheLargestStateRecordAsTheSpecOrOneRequestWhicheverIsLarger() {
    StudySpec spec = valid();
    assertThat(RecordSizes.suggesterState(spec))
        .isGreaterThan(RecordSizes.trialRequest(spec))
        .isGreaterThan(RecordSizes.studySpec(spec))
        .isLessThan(Math.max(RecordSizes.trialRequest(spec), RecordSizes.studySpec(spec)) + 64L);
  }

  @Test
  void shouldAcceptParallelismAboveNTrialsWhenBothAreInRange() {
    // The suggester never has more than n_trials in flight, so a larger parallelism is harmless
    StudySpec spec = valid();
    spec.setNTrials(30);
    spec.setParallelism(50);
    assertThat(SpecValidation.problems(spec)).isEmpty();
  }

  @Test
  void shouldAgreeWithParserWhenStudyIdIsChecked() {
    assertThat(SpecValidation.isStudyId("quickstart-branin.v2_1")).isTrue();
    assertThat(SpecValidation.isStudyId("s".repeat(128))).isTrue();
    assertThat(SpecValidation.isStudyId("s".repeat(129))).isFalse();
    assertThat(SpecValidation.isStudyId("a|b")).isFalse();
    assertThat(SpecValidation.isStudyId("")).isFalse();
    assertThat(StudySpecParser.isStudyId("a b")).isFalse();
  }

  private static Dimension categorical(String name, int n, Random random) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      StringBuilder v = new StringBuilder(SpecLimits.MAX_CATEGORY_LENGTH);
      for (int j = 0; j < SpecLimits.MAX_CATEGORY_LENGTH - 5; j++) {
        v.append((char) ('a' + random.nextInt(26)));
      }
      values.add(v.append(i).toString());
    }
    return Dimension.newBuilder()
        .setName(name)
        .setType(DimensionType.CATEGORICAL)
        .setLow(0)
        .setHigh(0)
        .setPrior(Prior.UNIFORM)
        .setCategories(values)
        .build();
  }
}
