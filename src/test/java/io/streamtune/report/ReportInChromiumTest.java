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
public class ReportInChromiumTest {

  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path SHOTS = Path.of("target", "report-screenshots");
  private static final Pattern BODY = Pattern.compile("<body([^>]*)>");

  /** The report's charts, by element id; the live UI's page has the same. */
  public static final List<String> CHARTS =
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
  void shouldSortFilterAndSwitchToALinearScaleWhenTheReaderAsks() throws Exception {
    // Given the quickstart report in a frame of a page that acts as a reader
    assumeTrue(Files.isExecutable(CHROMIUM), "Debian's chromium is not installed");
    ReportPage.write(Fixtures.quickstart(), dir.resolve("report.html"));
    Path reader = dir.resolve("reader.html");
    Files.writeString(reader, READER, StandardCharsets.UTF_8);
    // When it sorts by the metric, filters and unticks the log scale
    String body = body(run(reader, "--dump-dom", "--allow-file-access-from-files"));
    // Then the best trial comes first, the filters count 4 stopped trials, the axis is linear
    assertThat(body)
        .contains("data-first-by-value=\"28\"")
        .contains("data-filtered=\"4 of 30 trials\"")
        .contains("data-by-status=\"4 of 30 trials\"")
        .contains("data-axis=\"log value\"");
  }

  /** Clicks, types and reads in the report's frame, then writes what it saw on its own body. */
  private static final String READER =
      """
      <!DOCTYPE html><html><body>
      <iframe id="f" src="report.html" style="width:1280px;height:900px"></iframe>
      <script>
      document.getElementById('f').addEventListener('load', function () {
        var w = this.contentWindow, d = w.document, b = document.body;
        var conv = w.echarts.getInstanceByDom(d.getElementById('chart-convergence'));
        var before = conv.getOption().yAxis[0].type;
        var log = d.getElementById('convergence-log');
        log.checked = false;
        log.dispatchEvent(new w.Event('change'));
        b.setAttribute('data-axis', before + ' ' + conv.getOption().yAxis[0].type);
        d.querySelector('#trial-table th[data-col="2"]').click();
        b.setAttribute('data-first-by-value',
            d.querySelector('#trial-table tbody tr td').textContent);
        var filter = d.getElementById('trial-filter');
        filter.value = 'median at epoch';
        filter.dispatchEvent(new w.Event('input'));
        b.setAttribute('data-filtered', d.getElementById('trial-count').textContent);
        filter.value = '';
        filter.dispatchEvent(new w.Event('input'));
        var status = d.getElementById('trial-status');
        status.value = 'PRUNED';
        status.dispatchEvent(new w.Event('change'));
        b.setAttribute('data-by-status', d.getElementById('trial-count').textContent);
      });
      </script></body></html>
      """;

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
            .replace("echarts.init(el, null", "echarts.nope(el, null"),
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
