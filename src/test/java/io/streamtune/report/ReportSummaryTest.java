package io.streamtune.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.report.StudyResults.Dim;
import io.streamtune.report.StudyResults.Epoch;
import io.streamtune.report.StudyResults.Stop;
import io.streamtune.report.StudyResults.Trial;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportSummaryTest {

  private static final List<Dim> X = List.of(new Dim("x", "real", 0, 1, false, List.of()));

  @Test
  void shouldCountTheEpochsARuleSparedWhenTrialsWereStopped() {
    // Given budgets of 10: a completed trial, one stopped by median at 3, one by patience at 6,
    // a failed one and one cancelled with its study at 4
    StudyResults study =
        Fixtures.study(
            false,
            X,
            List.of(
                Fixtures.trial(0, "COMPLETED", 1.0, false, 10, 10, null, List.of()),
                Fixtures.trial(
                    1, "PRUNED", 2.0, true, 3, 10, new Stop("median", 3, "r"), List.of()),
                Fixtures.trial(
                    2, "PRUNED", 0.5, false, 6, 10, new Stop("patience", 6, "r"), List.of()),
                Fixtures.trial(3, "FAILED", null, false, 2, 10, null, List.of()),
                Fixtures.trial(
                    4, "CANCELLED", 3.0, true, 4, 10, new Stop("cancelled", 4, "r"), List.of())));
    // When
    ReportSummary s = ReportSummary.of(study);
    // Then 7 + 4 epochs were saved; failures and cancels save nothing
    assertThat(s.epochsSaved()).isEqualTo(11);
    assertThat(s.best()).map(Trial::number).contains(2);
    assertThat(s.trialsFinished()).isEqualTo(5);
    assertThat(s.statusCounts()).containsEntry("PRUNED", 2).containsEntry("FAILED", 1);
  }

  @Test
  void shouldPickTheHighestFinalValueWhenMaximisedAndIgnorePartialOnes() {
    StudyResults study =
        Fixtures.study(
            true,
            X,
            List.of(
                Fixtures.trial(0, "COMPLETED", 0.8, false, 10, 10, null, List.of()),
                Fixtures.trial(
                    1, "PRUNED", 0.99, true, 3, 10, new Stop("median", 3, "r"), List.of()),
                Fixtures.trial(2, "COMPLETED", 0.85, false, 10, 10, null, List.of())));
    assertThat(ReportSummary.of(study).best()).map(Trial::number).contains(2);
  }

  @Test
  void shouldPlaceTheStopMarkerOnTheCurveWhenTheTrialRanPastItsStopStep() {
    // Given a trial stopped at epoch 3 that ran 5 epochs before it saw the decision
    Trial t =
        Fixtures.trial(
            0,
            "PRUNED",
            0.2,
            true,
            5,
            10,
            new Stop("median", 3, "r"),
            List.of(
                new Epoch(1, 0.9),
                new Epoch(2, 0.5),
                new Epoch(3, 0.4),
                new Epoch(4, 0.3),
                new Epoch(5, 0.2)));
    // Then the marker sits at epoch 3's value, not the last one
    assertThat(ReportData.valueAt(t, 3)).isEqualTo(0.4);
  }

  @Test
  void shouldFormatFiveSignificantDigitsWhenShowingNumbers() {
    assertThat(SummaryRows.num(0.7671084300435226)).isEqualTo("0.76711");
    assertThat(SummaryRows.num(20.0)).isEqualTo("20");
    assertThat(SummaryRows.num(1.5e-5)).isEqualTo("1.5e-05");
    assertThat(SummaryRows.num(1e-6)).isEqualTo("1e-06");
    assertThat(SummaryRows.num(1e-4)).isEqualTo("0.0001");
    assertThat(SummaryRows.num(2.5e7)).isEqualTo("2.5e+07");
    assertThat(SummaryRows.duration(3725)).isEqualTo("1h 02m");
  }
}
