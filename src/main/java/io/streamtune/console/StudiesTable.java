package io.streamtune.console;

import io.streamtune.study.StudyView;
import java.util.Collection;
import java.util.List;

/** Every study on a cluster, one line each, as {@code streamtune studies} prints them. */
public final class StudiesTable {

  private StudiesTable() {}

  public static List<String> render(Collection<StudyView> studies, int width) {
    Table t = new Table("STUDY", "STATE", "TRIALS", "BEST", "STARTED", "UPDATED");
    for (StudyView s : studies) {
      if (!s.exists()) {
        continue;
      }
      t.row(
          s.studyId(),
          s.state(),
          s.finished() + "/" + s.nTrials(),
          s.best()
              .map(b -> s.metricName() + " " + Figures.value(b.result().orElseThrow().getValue()))
              .orElse("-"),
          Figures.time(s.startedAt()),
          Figures.time(s.updatedAt()));
    }
    return t.render(width);
  }
}
