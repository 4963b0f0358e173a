package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.results.ResultsFile;
import io.streamtune.study.StudyRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code streamtune report --from}: a results file in, one HTML file out; bad input exits 2. */
class ReportCommandTest {

  @TempDir Path dir;

  @Test
  void shouldWriteTheReportWhenGivenAResultsFile() throws Exception {
    // Given the results file of a finished study
    Path results = dir.resolve("results.json");
    ResultsFile.write(StudyRecords.finishedMaximised().view(), results);
    Path html = dir.resolve("out").resolve("report.html");
    // When
    CliRun run = CliRun.of("report", "--from", results.toString(), "-o", html.toString());
    // Then
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).contains("Wrote " + html.toAbsolutePath());
    assertThat(Files.readString(html)).contains("<title>Study demo</title>", "id=\"report-data\"");
  }

  @Test
  void shouldExit2WhenNeitherAStudyNorAFileIsNamed() {
    CliRun run = CliRun.of("report", "-o", dir.resolve("r.html").toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("name a STUDY on the cluster or a results file with --from");
  }

  @Test
  void shouldExit2WhenBothAStudyAndAFileAreNamed() throws Exception {
    Path results = dir.resolve("results.json");
    Files.writeString(results, "{}");
    CliRun run = CliRun.of("report", "demo", "--from", results.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("not both");
  }

  @Test
  void shouldExit2NamingTheFileWhenItIsNotAResultsFile() throws Exception {
    Path notJson = dir.resolve("notes.txt");
    Files.writeString(notJson, "hello");
    Path otherJson = dir.resolve("other.json");
    Files.writeString(otherJson, "{\"a\": 1}");
    CliRun a =
        CliRun.of("report", "--from", notJson.toString(), "-o", dir.resolve("a.html").toString());
    CliRun b =
        CliRun.of("report", "--from", otherJson.toString(), "-o", dir.resolve("b.html").toString());
    CliRun c = CliRun.of("report", "--from", dir.resolve("missing.json").toString());
    assertThat(a.exitCode()).isEqualTo(2);
    assertThat(a.err()).contains("results file " + notJson + " is not JSON");
    assertThat(b.exitCode()).isEqualTo(2);
    assertThat(b.err()).contains(otherJson + " is not a StreamTune results file");
    assertThat(c.exitCode()).isEqualTo(2);
    assertThat(c.err()).contains("results file not found");
    assertThat(dir.resolve("a.html")).doesNotExist();
  }
}
