package io.streamtune.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.Direction;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.schemas.Topics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Which differences make a spec under a known study id another study. */
class StudyIdentityTest {

  private static StudySpec spec() {
    return StudySpecParser.parse(TestSpecs.VALID);
  }

  /** A spec as a service reads it from the topic. */
  private static StudySpec fromTopic(StudySpec spec) {
    byte[] bytes = Topics.STUDIES.valueSerde().serializer().serialize("studies", spec);
    return Topics.STUDIES.valueSerde().deserializer().deserialize("studies", bytes);
  }

  /** One change per field that makes another study, each to a spec that is otherwise the same. */
  private static final Map<String, Consumer<StudySpec>> OTHER_STUDY = new LinkedHashMap<>();

  static {
    OTHER_STUDY.put("study_id", s -> s.setStudyId("demo-2"));
    OTHER_STUDY.put(
        "objective",
        s -> {
          Map<String, String> options = new HashMap<>(s.getObjective().getOptions());
          options.put("cmd", "./train2.sh");
          s.getObjective().setOptions(options);
        });
    OTHER_STUDY.put("metric", s -> s.getMetric().setDirection(Direction.MINIMIZE));
    OTHER_STUDY.put(
        "space",
        s -> {
          s.setSpace(new ArrayList<>(s.getSpace()));
          s.getSpace().get(0).setHigh(11.0);
        });
    OTHER_STUDY.put("n_trials", s -> s.setNTrials(13));
    OTHER_STUDY.put("parallelism", s -> s.setParallelism(4));
    OTHER_STUDY.put("max_epochs", s -> s.setMaxEpochs(16));
    OTHER_STUDY.put("algorithm", s -> s.getAlgorithm().setSeed(8L));
    OTHER_STUDY.put("stopping", s -> s.getStopping().setRule("none"));
    OTHER_STUDY.put("early_stop", s -> s.setEarlyStop(new EarlyStopSpec(3, 0.0, false)));
  }

  @Test
  void shouldBeTheSameStudyWhenOnlySubmittedAtOrCancelDiffers() {
    // Given a study as it was submitted, and as it is republished to cancel and resume it
    StudySpec submitted = spec();
    StudySpec again = fromTopic(spec());
    again.setSubmittedAt(1_234L);
    StudySpec cancelled =
        Cancellation.withCancel(fromTopic(spec()), new CancelRequest(99L, "budget", "alice"));
    StudySpec resumed = Cancellation.withCancel(cancelled, null);
    // When / Then every one of them is the same study, in either order
    for (StudySpec other : List.of(again, cancelled, resumed)) {
      assertThat(StudyIdentity.sameStudy(submitted, other)).isTrue();
      assertThat(StudyIdentity.sameStudy(other, submitted)).isTrue();
    }
  }

  @Test
  void shouldBeAnotherStudyWhenAnyFieldThatDecidesItsTrialsDiffers() {
    for (Map.Entry<String, Consumer<StudySpec>> change : OTHER_STUDY.entrySet()) {
      // Given the spec with one field changed (and cancelled, which alone would not count)
      StudySpec other = spec();
      change.getValue().accept(other);
      other.setCancel(new CancelRequest(1L, "", ""));
      // When / Then it is another study
      assertThat(StudyIdentity.sameStudy(spec(), fromTopic(other)))
          .as("a spec with another %s", change.getKey())
          .isFalse();
    }
  }

  @Test
  void shouldCountEveryFieldOfTheSchemaButTwoWhenTheSchemaGrows() {
    // A field added to StudySpec counts unless it is named in NOT_IDENTITY; this test then needs a
    // change for it, so that someone decides.
    List<String> fields =
        StudySpec.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
    List<String> counted = new ArrayList<>(fields);
    counted.removeAll(StudyIdentity.NOT_IDENTITY);
    assertThat(OTHER_STUDY.keySet()).containsExactlyInAnyOrderElementsOf(counted);
    assertThat(fields).containsAll(StudyIdentity.NOT_IDENTITY);
  }
}
