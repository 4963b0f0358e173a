package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.study.StudyRecords;
import io.streamtune.study.StudyView;
import org.junit.jupiter.api.Test;

/** What {@code run} and {@code submit} do with a study id the cluster may already know. */
class SubmitDecisionTest {

  private static final String CLUSTER = "kafka:9092";

  @Test
  void shouldSubmitWhenTheIdIsNew() {
    StudyRecords s = new StudyRecords("minimize");
    StudyView nothing = new StudyView(StudyRecords.STUDY);
    assertThat(SubmitDecision.decide(nothing, s.spec(), false, CLUSTER))
        .isEqualTo(SubmitDecision.Action.SUBMIT);
  }

  @Test
  void shouldRefuseToResumeWhenTheIdIsNew() {
    StudyRecords s = new StudyRecords("minimize");
    assertThatThrownBy(
            () -> SubmitDecision.decide(new StudyView(StudyRecords.STUDY), s.spec(), true, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no study 'demo' on kafka:9092")
        .hasMessageContaining("drop --resume");
  }

  @Test
  void shouldNameTheChoicesWhenTheIdExistsWithoutResume() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).status(StudyState.RUNNING, "");
    assertThatThrownBy(() -> SubmitDecision.decide(s.view(), s.spec(), false, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("study 'demo' already exists on kafka:9092 (RUNNING")
        .hasMessageContaining("--resume")
        .hasMessageContaining("study: demo-2");
  }

  @Test
  void shouldNameTheFieldsThatDifferWhenResumedWithAnotherSpec() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).status(StudyState.RUNNING, "");
    StudySpec changed = StudySpec.newBuilder(s.spec()).setNTrials(99).setSubmittedAt(42).build();
    assertThatThrownBy(() -> SubmitDecision.decide(s.view(), changed, true, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("differs")
        .hasMessageContaining("n_trials")
        .hasMessageNotContaining("submitted_at");
  }

  @Test
  void shouldFollowResumeOrReportWhenResumedByItsState() {
    StudyRecords running = new StudyRecords("minimize");
    running.request(0, 1).status(StudyState.RUNNING, "");
    assertThat(SubmitDecision.decide(running.view(), running.spec(), true, CLUSTER))
        .isEqualTo(SubmitDecision.Action.FOLLOW);

    StudyRecords cancelled = new StudyRecords("minimize");
    cancelled.request(0, 1).cancel("stop").status(StudyState.CANCELLED, "cancelled: stop");
    assertThat(SubmitDecision.decide(cancelled.view(), cancelled.spec(), true, CLUSTER))
        .isEqualTo(SubmitDecision.Action.RESUME);

    StudyRecords done = StudyRecords.finishedMaximised();
    assertThat(SubmitDecision.decide(done.view(), done.spec(), true, CLUSTER))
        .isEqualTo(SubmitDecision.Action.FINISHED);
  }

  @Test
  void shouldRefuseToResumeWhenTheStudyFailed() {
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).status(StudyState.FAILED, "every trial failed");
    assertThatThrownBy(() -> SubmitDecision.decide(s.view(), s.spec(), true, CLUSTER))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FAILED (every trial failed)")
        .hasMessageContaining("new id");
  }
}
