package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.StudyPartitioner;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A request is run only if its study could have issued it. */
class RequestCheckTest {

  private static final StudySpec SPEC = TrainerHarness.spec("curve", 5, "median");
  private static final int PARTITIONS = TrainerHarness.STUDY_PARTITIONS;

  private static TrialRequest valid() {
    return TrainerHarness.request("s-t0007", "curve", 5);
  }

  @Test
  void shouldAcceptARequestThatMatchesItsSpecWhenTheSuggesterIssuedIt() {
    assertThat(RequestCheck.problem(valid(), SPEC, PARTITIONS)).isNull();
    TrialRequest old = valid();
    old.setStudyPartition(-1); // written before requests named their partition
    assertThat(RequestCheck.problem(old, SPEC, PARTITIONS)).isNull();
  }

  @Test
  void shouldCheckEarlyStopAgainstTheSpecsWhenTheStudyHasPatience() {
    // Given a study with patience 3 and min_delta 0.01
    StudySpec patient = TrainerHarness.spec("curve", 5, "median");
    patient.setEarlyStop(new EarlyStopSpec(3, 0.01, true));
    TrialRequest request = valid();
    // When / Then a request without it, or with another, is refused; a copy of it is run
    assertThat(RequestCheck.problem(request, patient, PARTITIONS))
        .startsWith("early_stop ")
        .contains("differs from the study's");
    request.setEarlyStop(new EarlyStopSpec(3, 0.02, true));
    assertThat(RequestCheck.problem(request, patient, PARTITIONS)).contains("early_stop");
    request.setEarlyStop(new EarlyStopSpec(3, 0.01, true));
    assertThat(RequestCheck.problem(request, patient, PARTITIONS)).isNull();
  }

  static Stream<Arguments> forgeries() {
    int wrong = (StudyPartitioner.partition("s", PARTITIONS) + 1) % PARTITIONS;
    return Stream.of(
        forgery(
            "objective",
            r ->
                r.setObjective(
                    ObjectiveSpec.newBuilder()
                        .setName("command")
                        .setOptions(Map.of("cmd", "touch pwned"))
                        .build())),
        forgery(
            "objective",
            r ->
                r.setObjective(
                    ObjectiveSpec.newBuilder()
                        .setName("curve")
                        .setOptions(Map.of("epoch_ms", "1"))
                        .build())),
        forgery("max_epochs", r -> r.setMaxEpochs(6)),
        forgery("early_stop", r -> r.setEarlyStop(new EarlyStopSpec(2, 0.0, false))),
        forgery("trial_number", r -> r.setTrialNumber(100)),
        forgery("trial_number", r -> r.setTrialNumber(-1)),
        forgery("trial_id", r -> r.setTrialId("s-t7")),
        forgery("attempt", r -> r.setAttempt(0)),
        forgery("attempt", r -> r.setAttempt(1001)),
        forgery("study_partition", r -> r.setStudyPartition(wrong)),
        forgery("bracket", r -> r.setBracket(-2)),
        forgery("params.x", r -> r.setParams(Map.of("x", 2.5))),
        forgery("params.x", r -> r.setParams(Map.of("x", "one"))),
        forgery("params lack 'x'", r -> r.setParams(Map.of())),
        forgery("params.y", r -> r.setParams(Map.of("x", 1.0, "y", 1.0))));
  }

  private static Arguments forgery(String named, Consumer<TrialRequest> change) {
    return Arguments.of(named, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgeries")
  void shouldNameTheFieldWhenARequestCannotHaveComeFromItsStudy(
      String named, Consumer<TrialRequest> change) {
    TrialRequest r = valid();
    change.accept(r);
    assertThat(RequestCheck.problem(r, SPEC, PARTITIONS)).contains(named);
  }
}
