package io.streamtune.study;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.TrialStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a reader makes of a study's records: trials, phases, the best, the study's end. */
class StudyViewTest {

  @Test
  void shouldCallATrialThatPatienceEndedTheBestWhenItsFinalValueIsBest() {
    // Given completed 0.8, patience-ended 0.9, monitor-pruned 0.95 (partial), maximised
    StudyView v = StudyRecords.finishedMaximised().view();
    // Then the best is the patience-ended trial: the pruned one's value is only partial
    assertThat(v.best()).get().extracting(TrialView::number).isEqualTo(1);
    assertThat(v.complete()).isTrue();
  }

  @Test
  void shouldPickTheLowestFinalValueWhenTheMetricIsMinimised() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).request(1, 1).request(2, 1);
    s.result(0, TrialStatus.COMPLETED, 0.5, 10, "")
        .result(1, TrialStatus.COMPLETED, 0.2, 10, "")
        .result(2, TrialStatus.PRUNED, 0.1, 3, "median");
    assertThat(s.view().best()).get().extracting(TrialView::number).isEqualTo(1);
  }

  @Test
  void shouldNeverCallADivergedTrialTheBestWhenItsValueIsNotFinite() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).request(1, 1);
    s.result(0, TrialStatus.COMPLETED, Double.NaN, 10, "")
        .result(1, TrialStatus.COMPLETED, 0.7, 10, "");
    assertThat(s.view().best()).get().extracting(TrialView::number).isEqualTo(1);
  }

  @Test
  void shouldShowPhasesWhenTrialsWaitRunAndFinish() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).request(1, 1).request(2, 1);
    s.claim(0, 1, "trainer-a", ClaimEvent.CLAIMED).metric(0, 1, 4, 0.3);
    s.claim(1, 1, "trainer-b", ClaimEvent.CLAIMED).claim(1, 1, "trainer-b", ClaimEvent.RELEASED);
    StudyView v = s.view();
    assertThat(v.trials())
        .extracting(t -> t.phase(false))
        .containsExactly(TrialPhase.RUNNING, TrialPhase.WAITING, TrialPhase.WAITING);
    assertThat(v.running())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.worker()).isEqualTo("trainer-a");
              assertThat(t.epochs()).isEqualTo(4);
              assertThat(t.latestValue()).contains(0.3);
            });
  }

  @Test
  void shouldKeepARunningTrialRunningWhenItsStudyIsCancelledUntilItReports() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).request(1, 1).claim(0, 1, "trainer-a", ClaimEvent.CLAIMED);
    s.cancel("by me").status(StudyState.CANCELLED, "cancelled: by me");
    StudyView v = s.view();
    assertThat(v.cancelled()).isTrue();
    assertThat(v.trials())
        .extracting(t -> t.phase(true))
        .containsExactly(TrialPhase.RUNNING, TrialPhase.CANCELLED);
    s.result(0, TrialStatus.PRUNED, 0.4, 3, "cancelled");
    assertThat(v.running()).isEmpty();
    assertThat(v.count(TrialPhase.PRUNED)).isEqualTo(1);
  }

  @Test
  void shouldRunAgainWhenTheSpecIsResumedBeforeTheSuggesterAnswers() {
    // Given a cancelled study
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).cancel("by me").status(StudyState.CANCELLED, "cancelled: by me");
    assertThat(s.view().ended()).isTrue();
    // When its spec is republished without the cancel, and the status still says CANCELLED
    s.cancel(null);
    // Then it runs: a follower of the resume must not take the old status for its end
    StudyView v = s.view();
    assertThat(v.cancelled()).isFalse();
    assertThat(v.ended()).isFalse();
    assertThat(v.state()).isEqualTo("RUNNING");
    // And a new cancel's status ends it again
    s.cancel("again").status(StudyState.CANCELLED, "cancelled: again");
    assertThat(s.view().cancelled()).isTrue();
  }

  @Test
  void shouldIgnoreClaimsAndMetricsWhenTheSuggesterNeverIssuedTheTrial() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1);
    s.claim(9, 1, "forger", ClaimEvent.CLAIMED).metric(9, 1, 1, -1e9);
    assertThat(s.view().trials()).extracting(TrialView::number).containsExactly(0);
  }

  @Test
  void shouldShowTheCurrentAttemptsCurveWhenATrialWasIssuedAgain() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1)
        .claim(0, 1, "dead", ClaimEvent.CLAIMED)
        .metric(0, 1, 1, 9.0)
        .metric(0, 1, 2, 8.0);
    s.request(0, 2).claim(0, 2, "alive", ClaimEvent.CLAIMED).metric(0, 2, 1, 5.0);
    TrialView t = s.view().trials().get(0);
    assertThat(t.attempt()).isEqualTo(2);
    assertThat(t.lostAttempts()).isEqualTo(1);
    assertThat(t.worker()).isEqualTo("alive");
    assertThat(t.curve()).containsExactly(Map.entry(1, 5.0));
  }

  @Test
  void shouldNotBeCompleteWhenTheStatusSaysCompletedButResultsAreStillUnread() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).result(0, TrialStatus.COMPLETED, 0.5, 10, "").status(StudyState.COMPLETED, "");
    assertThat(s.view().complete()).isFalse(); // 1 of 4 results read
    assertThat(StudyFollow.over(s.view())).isFalse();
  }

  @Test
  void shouldForgetAStudyWhenItsSpecIsWithdrawn() {
    StudyRecords s = new StudyRecords("minimize");
    s.view().onSpec(null, 5);
    assertThat(s.view().specDeleted()).isTrue();
    assertThat(s.view().spec()).isEmpty();
    assertThat(s.view().exists()).isFalse();
  }
}
