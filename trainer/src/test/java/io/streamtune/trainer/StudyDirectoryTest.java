package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.spec.Cancellation;
import org.junit.jupiter.api.Test;

/** Which record of a known study the trainers' directory keeps. */
class StudyDirectoryTest {

  private static final CancelRequest CANCEL = new CancelRequest(3L, "budget", "alice");

  @Test
  void shouldKeepTheLatestRecordWhenTheStudyIsCancelledAndResumed() {
    // Given a known study
    StudySpec submitted = TrainerHarness.spec("curve", 5, "median");
    // When it is cancelled, then resumed
    StudySpec cancelled =
        StudyDirectory.latest(submitted, Cancellation.withCancel(submitted, CANCEL));
    StudySpec resumed = StudyDirectory.latest(cancelled, Cancellation.withCancel(submitted, null));
    // Then the directory follows it
    assertThat(cancelled.getCancel()).isEqualTo(CANCEL);
    assertThat(resumed.getCancel()).isNull();
  }

  @Test
  void shouldKeepTheKnownSpecWhenAnotherSpecArrivesUnderItsId() {
    // Given a known study, and another spec under its id that also carries a cancel
    StudySpec known = TrainerHarness.spec("curve", 5, "median");
    StudySpec other = Cancellation.withCancel(TrainerHarness.spec("command", 5, "median"), CANCEL);
    // When / Then the other spec changes nothing: neither the objective nor the standing
    assertThat(StudyDirectory.latest(known, other)).isSameAs(known);
  }
}
