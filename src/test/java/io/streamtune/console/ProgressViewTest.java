package io.streamtune.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.TrialStatus;
import io.streamtune.study.StudyRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The progress display at 80 and 160 columns, and as plain lines for a pipe. */
class ProgressViewTest {

  /** Two of four trials finished, two running with their epochs. */
  private static StudyRecords halfway() {
    StudyRecords s = new StudyRecords("maximize");
    for (int n = 0; n < 4; n++) {
      s.request(n, 1);
    }
    s.result(0, TrialStatus.COMPLETED, 0.8123456, 10, "")
        .result(1, TrialStatus.PRUNED, 0.5, 3, "median");
    s.claim(2, 1, "trainer-1", ClaimEvent.CLAIMED).metric(2, 1, 4, 0.61);
    s.claim(3, 1, "trainer-2", ClaimEvent.CLAIMED).metric(3, 1, 7, 0.75);
    return s;
  }

  @Test
  void shouldFitEveryLineWhenTheTerminalIs80ColumnsWide() {
    List<String> lines = ProgressView.render(halfway().view(), 65_000, 80, true);
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    assertThat(lines.get(0))
        .startsWith("[█")
        .contains("2/4 · 1 completed, 1 pruned, 2 running · 1m05s elapsed, ETA 1m05s");
    assertThat(lines.get(1)).startsWith("best acc 0.81235 in #0: ");
    assertThat(lines.subList(2, 4))
        .containsExactly(
            "  #2    epoch   4/10  acc 0.61       trainer-1",
            "  #3    epoch   7/10  acc 0.75       trainer-2");
  }

  @Test
  void shouldDrawAWiderBarWhenTheTerminalIs160ColumnsWide() {
    List<String> narrow = ProgressView.render(halfway().view(), 65_000, 80, true);
    List<String> wide = ProgressView.render(halfway().view(), 65_000, 160, true);
    assertThat(wide).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(160));
    assertThat(wide.get(0).indexOf(']')).isGreaterThan(narrow.get(0).indexOf(']'));
    assertThat(wide.get(1)).isEqualTo("best acc 0.81235 in #0: lr=0.001, layers=1, act=relu");
  }

  @Test
  void shouldDropTheBarWhenTheTerminalIsTooNarrowForIt() {
    List<String> lines = ProgressView.render(halfway().view(), 65_000, 40, false);
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(40));
    assertThat(lines.get(0)).startsWith("2/4 · 1 completed").endsWith("…");
  }

  @Test
  void shouldCountRunningTrialsOnOneLineWhenThereAreTooManyToList() {
    StudyRecords s = new StudyRecords("minimize");
    for (int n = 0; n < 9; n++) {
      s.request(n, 1).claim(n, 1, "t" + n, ClaimEvent.CLAIMED);
    }
    List<String> lines = ProgressView.render(s.view(), 1_000, 80, true);
    assertThat(lines).hasSize(2 + ProgressView.MAX_RUNNING_LINES);
    assertThat(lines.get(lines.size() - 1)).isEqualTo("  … and 4 more running");
  }

  @Test
  void shouldPrintALinePerFinishedTrialWhenTheOutputIsNotATerminal() {
    StringWriter text = new StringWriter();
    StudyRecords s = new StudyRecords("minimize");
    s.request(0, 1).request(1, 1);
    try (PlainProgress p = new PlainProgress(new PrintWriter(text))) {
      p.update(s.view(), 1_000);
      p.update(s.view(), 1_500); // nothing finished since: no line
      s.result(0, TrialStatus.COMPLETED, 0.25, 10, "");
      p.update(s.view(), 3_000);
    }
    assertThat(text.toString().lines())
        .containsExactly(
            "[0/4] 0 completed, 0 pruned | best acc - (no trial has finished yet) | 1s elapsed, ETA -",
            "[1/4] 1 completed, 0 pruned | best acc 0.25 in #0: lr=0.001, layers=1, act=relu"
                + " | 3s elapsed, ETA 9s");
  }
}
