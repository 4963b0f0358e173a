package io.streamtune.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every service reads the same way about a cancel: messages, the rule name, the limits. */
class CancellationTest {

  private static StudySpec spec() {
    return StudySpecParser.parse(TestSpecs.VALID);
  }

  private static TrialResult result(TrialStatus status, String stopRule) {
    return TrialResult.newBuilder()
        .setStudyId("demo-1")
        .setTrialId("demo-1-t0000")
        .setTrialNumber(0)
        .setParams(Map.of())
        .setStatus(status)
        .setEpochsRun(2)
        .setMaxEpochs(15)
        .setStopRule(stopRule)
        .build();
  }

  @Test
  void shouldNameTheReasonInTheStatusAndStopReasonWhenTheCancelGivesOne() {
    CancelRequest withReason = new CancelRequest(5L, "out of budget", "alice");
    CancelRequest without = new CancelRequest(5L, "", "alice");
    assertThat(Cancellation.statusMessage(withReason)).isEqualTo("cancelled: out of budget");
    assertThat(Cancellation.statusMessage(without)).isEqualTo("cancelled");
    assertThat(Cancellation.stopReason(withReason)).isEqualTo("study cancelled: out of budget");
    assertThat(Cancellation.stopReason(without)).isEqualTo("study cancelled");
  }

  @Test
  void shouldChangeOnlyTheCancelWhenASpecIsRepublishedToCancelOrResumeIt() {
    // Given a submitted spec
    StudySpec spec = spec();
    spec.setSubmittedAt(42L);
    CancelRequest cancel = new CancelRequest(5L, "why", "bob");
    // When it is cancelled and then resumed
    StudySpec cancelled = Cancellation.withCancel(spec, cancel);
    StudySpec resumed = Cancellation.withCancel(cancelled, null);
    // Then only cancel changed, and the original is untouched
    assertThat(Cancellation.isCancelled(cancelled)).isTrue();
    assertThat(cancelled.getCancel()).isEqualTo(cancel);
    assertThat(Cancellation.isCancelled(spec)).isFalse();
    assertThat(resumed).isEqualTo(spec);
    assertThat(resumed).isNotSameAs(spec);
  }

  @Test
  void shouldRecogniseACancelledTrialOnlyWhenItWasPrunedByTheCancel() {
    assertThat(Cancellation.endedByCancel(result(TrialStatus.PRUNED, "cancelled"))).isTrue();
    assertThat(Cancellation.endedByCancel(result(TrialStatus.PRUNED, "median"))).isFalse();
    assertThat(Cancellation.endedByCancel(result(TrialStatus.COMPLETED, "cancelled"))).isFalse();
    assertThat(EarlyStop.hasFinalValue(result(TrialStatus.PRUNED, "cancelled"))).isFalse();
  }

  @Test
  void shouldNameNoMonitorRuleNorPatienceAsTheCancelWhenResultsNameWhatEndedATrial() {
    assertThat(SpecVocabulary.STOPPING_RULES).doesNotContainKey(Cancellation.RULE);
    assertThat(EarlyStop.RULE).isNotEqualTo(Cancellation.RULE);
  }

  @Test
  void shouldRejectACancelWhenItsReasonOrRequesterIsTooLong() {
    // Given a cancel within the limits, and one beyond them
    StudySpec spec = spec();
    String longest = "r".repeat(SpecLimits.MAX_CANCEL_TEXT_LENGTH);
    spec.setCancel(new CancelRequest(1L, longest, longest));
    assertThat(SpecValidation.problems(spec)).isEmpty();
    spec.setCancel(new CancelRequest(1L, longest + "r", longest + "rr"));
    // When / Then each string is refused under its field
    assertThat(SpecValidation.problems(spec))
        .containsExactly(
            "cancel.reason: at most 1000 characters but has 1001",
            "cancel.requested_by: at most 1000 characters but has 1002");
  }
}
