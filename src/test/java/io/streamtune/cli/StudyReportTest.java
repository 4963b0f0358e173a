package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.StudySpecParser;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which trial a study's report calls the best. */
class StudyReportTest {

  private static final StudySpec SPEC =
      StudySpecParser.parse(
          """
          study: report
          objective: branin
          metric: {name: acc, direction: maximize}
          n_trials: 4
          max_epochs: 10
          space:
            x1: {type: real, low: 0, high: 1}
            x2: {type: real, low: 0, high: 1}
          early_stop: {patience: 2, restore_best: true}
          """);

  private static TrialResult result(int n, TrialStatus status, double value, String rule) {
    return TrialResult.newBuilder()
        .setStudyId("report")
        .setTrialId("report-t000" + n)
        .setTrialNumber(n)
        .setParams(Map.of("x1", 0.5, "x2", 0.5))
        .setStatus(status)
        .setValue(value)
        .setEpochsRun(status == TrialStatus.COMPLETED ? 10 : 5)
        .setMaxEpochs(10)
        .setStopRule(rule)
        .build();
  }

  @Test
  void shouldCallATrialThatPatienceEndedTheBestWhenItsFinalValueIsBest() {
    // Given a completed trial at 0.8, one that patience ended at 0.9, one the monitor cut at 0.95
    StudyReport report = new StudyReport(SPEC, 0L);
    report.add(result(0, TrialStatus.COMPLETED, 0.8, ""));
    report.add(result(1, TrialStatus.PRUNED, 0.9, "patience"));
    report.add(result(2, TrialStatus.PRUNED, 0.95, "median"));
    // When / Then the best is the patience-ended trial: the pruned one's value is only partial
    assertThat(report.best()).get().extracting(TrialResult::getTrialId).isEqualTo("report-t0001");
  }
}
