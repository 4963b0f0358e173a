package io.streamtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.results.ResultsFile;
import io.streamtune.study.StudyRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in headless Chromium (Debian's, which .ci/run installs): no JavaScript error, and
 * every chart painted its canvas. The page writes what it drew on its body element ({@code
 * data-drawn}, {@code data-errors}), which {@code --dump-dom} prints. Screenshots at 1280 px wide
 * go to {@code target/report-screenshots/}.
 */
class ReportInChromiumTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SHOTS = Path.of("target", "report-screenshots");
  private static final Pattern BODY = Pattern.compile("<body([^>]*)>");
  private static final List<String> CHARTS =
      List.of(
          "chart-convergence",
          "chart-curves",
          "chart-importance",
          "chart-dependence",
          "chart-parallel",
          "chart-evaluations");

  @TempDir Path dir;

  @Test
  void shouldDrawEveryChartWithoutErrorsWhenTheQuickstartReportOpens() throws Exception {
    checkRendered(Fixtures.quickstart(), "quickstart");
  }

  @Test
  void shouldDrawEveryChartWithoutErrorsWhenAStudyHasLogIntegerAndCategoricalDimensions()
      throws Exception {
    checkRendered(Fixtures.synthetic(11, 40), "synthetic");
  }

  @Test
  void shouldOpenWithoutErrorsWhenNoTrialHasFinishedYet() throws Exception {
    // Given a study just started: trials running, one epoch each, no result, no best
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    StudyRecords s = new StudyRecords("maximize");
    s.request(0, 1).claim(0, 1, "trainer-1", ClaimEvent.CLAIMED).metric(0, 1, 1, 0.4);
    s.request(1, 1).claim(1, 1, "trainer-2", ClaimEvent.CLAIMED);
    Path page = dir.resolve("early.html");
    ReportPage.write(StudyResults.of(ResultsFile.of(s.view())), page);
    // When
    String body = body(dumpDom(page));
    // Then it draws what there is and says what is missing, without an error
    assertThat(body).doesNotContain("data-errors").contains("data-render=\"done\"");
    assertThat(dumpDom(page)).contains("No trial has a final value yet", "Needs at least 5 trials");
  }

  @Test
  void shouldReportAnErrorWhenTheDataIsBroken() throws Exception {
    // The check can fail: a page whose data element is not JSON records the error
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    Path page = dir.resolve("broken.html");
    Files.writeString(
        page,
        ReportPage.html(Fixtures.quickstart())
            .replaceFirst("id=\"report-data\">\\{", "id=\"report-data\">{oops"),
        StandardCharsets.UTF_8);
    String body = body(dumpDom(page));
    assertThat(body).contains("data-render=\"pending\"");
  }

  @Test
  void shouldReportAnErrorWhenAChartCannotBeDrawn() throws Exception {
    // The no-error check can fail: a chart library call that throws is caught and recorded
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    Path page = dir.resolve("throws.html");
    Files.writeString(
        page,
        ReportPage.html(Fixtures.quickstart())
            .replace("echarts.init(document", "echarts.nope(document"),
        StandardCharsets.UTF_8);
    String body = body(dumpDom(page));
    assertThat(body).contains("data-render=\"error\"", "data-errors=", "chart-convergence");
  }

  private void checkRendered(StudyResults study, String name) throws Exception {
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    // Given the report written to a file
    Path page = dir.resolve(name + ".html");
    ReportPage.write(study, page);
    // When Chromium opens it
    String body = body(dumpDom(page));
    // Then it finished without an error, and every chart painted pixels
    assertThat(body).doesNotContain("data-errors").contains("data-render=\"done\"");
    Matcher drawn = Pattern.compile("data-drawn=\"([^\"]*)\"").matcher(body);
    assertThat(drawn.find()).isTrue();
    JsonNode counts = new ObjectMapper().readTree(drawn.group(1).replace("&quot;", "\""));
    for (String chart : CHARTS) {
      assertThat(counts.path(chart).asInt()).as(chart + " painted pixels").isGreaterThan(100);
    }
    Files.createDirectories(SHOTS);
    Files.copy(page, SHOTS.resolve(name + ".html"), StandardCopyOption.REPLACE_EXISTING);
    screenshot(page, SHOTS.resolve(name + ".png"));
    assertThat(SHOTS.resolve(name + ".png")).isNotEmptyFile();
  }

  private static String body(String dom) {
    Matcher m = BODY.matcher(dom);
    assertThat(m.find())
        .as("a body element in\n" + dom.substring(0, Math.min(dom.length(), 2000)))
        .isTrue();
    return m.group(1);
  }

  private String dumpDom(Path page) throws IOException, InterruptedException {
    return run(page, "--dump-dom");
  }

  private void screenshot(Path page, Path png) throws IOException, InterruptedException {
    run(
        page,
        "--screenshot=" + png.toAbsolutePath(),
        "--window-size=1280,5200",
        "--hide-scrollbars");
  }

  private String run(Path page, String... extra) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-"),
                "--virtual-time-budget=5000"));
    cmd.addAll(List.of(extra));
    cmd.add(page.toUri().toString());
    Path out = Files.createTempFile(dir, "chromium-", ".out");
    Process p =
        new ProcessBuilder(cmd)
            .redirectOutput(out.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish within 90 s: " + cmd);
    }
    assertThat(p.exitValue()).as("chromium's exit code").isZero();
    return Files.readString(out, StandardCharsets.UTF_8);
  }
}
