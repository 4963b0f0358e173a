package io.streamtune.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.study.StudyRecords;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The status table: every trial with how it ended, cut to the width given. */
class TrialTableTest {

  @Test
  void shouldListEveryTrialWithItsStopWhenTheStudyFinished() {
    List<String> lines = TrialTable.render(StudyRecords.finishedMaximised().view(), 160);
    assertThat(lines.get(0)).isEqualTo("Study demo: COMPLETED, 4/4 trials");
    assertThat(lines.get(1))
        .isEqualTo("Best acc 0.9 in #1 (demo-t0001): lr=0.002, layers=2, act=tanh");
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("#  STATUS     ACC    EPOCHS"));
    assertThat(lines)
        .anySatisfy(
            l ->
                assertThat(l)
                    .matches(
                        "2  PRUNED +0\\.95\\* +3/10 +1 +trainer-1 +3s +median at epoch 3: reason, with a comma"));
    assertThat(lines).anySatisfy(l -> assertThat(l).contains("FAILED").endsWith("error: boom"));
    assertThat(lines.get(lines.size() - 1)).startsWith("* a value at the epoch");
  }

  @Test
  void shouldCutLinesWhenTheTerminalIs80ColumnsWide() {
    List<String> lines = TrialTable.render(StudyRecords.finishedMaximised().view(), 50);
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(50));
    assertThat(lines).anySatisfy(l -> assertThat(l).endsWith("…"));
  }
}
