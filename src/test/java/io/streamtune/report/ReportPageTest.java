package io.streamtune.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.results.BaselineJson;
import io.streamtune.results.ResultsFile;
import io.streamtune.study.StudyRecords;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page holds every section, its data and its charting library, and nothing from the network.
 */
class ReportPageTest {

  private static final Pattern DATA =
      Pattern.compile(
          "<script type=\"application/json\" id=\"report-data\">(.*?)</script>", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void shouldHoldEverySectionWhenRenderedFromAFixtureStudy() throws Exception {
    // When
    String html = ReportPage.html(Fixtures.quickstart());
    // Then
    for (String section :
        new String[] {
          "summary",
          "convergence",
          "curves",
          "importance",
          "dependence",
          "parallel",
          "evaluations",
          "trials"
        }) {
      assertThat(html).contains("<section id=\"" + section + "\">");
    }
    assertThat(html)
        .contains("id=\"chart-convergence\"", "id=\"chart-curves\"", "id=\"chart-parallel\"")
        .contains(
            "id=\"chart-evaluations\"",
            "id=\"trial-table\"",
            "<title>Study quickstart-branin</title>")
        .contains("id=\"chart-importance\"", "id=\"chart-dependence\"");
    JsonNode data = data(html);
    assertThat(data.get("convergence").get("points")).hasSize(26);
    assertThat(data.get("convergence").get("partial")).hasSize(4);
    assertThat(data.get("curves")).hasSize(30);
    assertThat(data.get("best").get("number").asInt()).isEqualTo(28);
    assertThat(data.get("summary").toString()).contains("Epochs saved by early stopping");
    assertThat(data.get("surrogate").get("importance").get("effects")).hasSize(2);
    assertThat(data.get("surrogate").get("dependence").get("surfaces")).hasSize(1);
  }

  @Test
  void shouldInlineEChartsAndLinkNothingWhenWritten() {
    String html = ReportPage.html(Fixtures.quickstart());
    // ECharts itself is in the file, and no script, style or image comes from elsewhere
    assertThat(html).contains("echarts.init", "Apache ECharts " + ReportPage.echartsVersion());
    assertThat(html)
        .doesNotContainPattern("(?i)<script[^>]+src=")
        .doesNotContainPattern("(?i)<link[^>]+href=");
    assertThat(html).doesNotContainPattern("(?i)(src|href)=\"https?:");
    assertThat(html.length()).isGreaterThan(1_000_000);
  }

  @Test
  void shouldNotCloseTheDataScriptEarlyWhenAReasonHoldsMarkup() throws Exception {
    // Given a stop reason that would end a script element if written as it is
    StudyResults study = Fixtures.synthetic(3, 12);
    JsonNode before = new ObjectMapper().readTree(ReportPage.data(study));
    String html = ReportPage.html(withReason(study, "</script><script>alert(1)</script>"));
    // Then the data still reads back, reason included, and the tag appears nowhere raw
    assertThat(data(html).get("trials").toString()).contains("</script><script>alert(1)");
    assertThat(html).doesNotContain("<script>alert(1)");
    assertThat(before.get("trials")).hasSize(12);
  }

  @Test
  void shouldGiveTheSameReportWhenReadFromTheStudyOrItsResultsFile() throws Exception {
    // Given a study as the cluster holds it, and the results file a run wrote of it
    StudyRecords records = StudyRecords.finishedMaximised();
    Path file = dir.resolve("results.json");
    ResultsFile.write(records.view(), file);
    // When
    String fromCluster = ReportPage.data(StudyResults.of(ResultsFile.of(records.view())));
    String fromFile = ReportPage.data(StudyResults.of(ResultsFile.read(file)));
    // Then
    assertThat(fromFile).isEqualTo(fromCluster);
  }

  @Test
  void shouldOverlayTheBaselineWhenTheResultsFileCarriesOne() throws Exception {
    // Given a study's results file, and a random-search study of the same space that did worse
    ObjectNode study = ResultsFile.of(StudyRecords.finishedMaximised().view());
    ObjectNode random = study.deepCopy();
    random.put("study", "demo-random").put("algorithm", "random");
    for (JsonNode t : random.withArray("trials")) {
      if (t.path("value").isNumber()) {
        ((ObjectNode) t).put("value", t.path("value").asDouble() - 0.1);
      }
    }
    assertThat(BaselineJson.comparable(study, random)).isTrue();
    study.set("baseline", BaselineJson.of(random, "demo-random-results.json"));
    // When
    JsonNode data = new ObjectMapper().readTree(ReportPage.data(StudyResults.of(study)));
    // Then the convergence holds the baseline's best so far, one point per final value
    JsonNode baseline = data.get("convergence").get("baseline");
    assertThat(baseline.get("study").asText()).isEqualTo("demo-random");
    assertThat(baseline.get("points")).hasSameSizeAs(study.get("func_vals"));
    assertThat(baseline.get("best").asDouble())
        .isCloseTo(study.get("best").get("value").asDouble() - 0.1, within(1e-12));
    assertThat(baseline.get("verdict").asText())
        .startsWith("Bayesian optimisation (gp)")
        .contains("found a better acc than random search");
    assertThat(data.get("summary").toString()).contains("Baseline: random search");
    assertThat(ReportPage.html(StudyResults.of(study))).contains("id=\"convergence-verdict\"");
  }

  @Test
  void shouldRefuseABaselineWhenItsSpaceDiffers() {
    ObjectNode study = ResultsFile.of(StudyRecords.finishedMaximised().view());
    ObjectNode other = study.deepCopy();
    other.put("algorithm", "random");
    ((ObjectNode) other.withArray("space").get(0)).put("high", 99);
    assertThat(BaselineJson.comparable(study, other)).isFalse();
    assertThat(BaselineJson.comparable(study, study.deepCopy())).isFalse();
  }

  static JsonNode data(String html) throws Exception {
    Matcher m = DATA.matcher(html);
    assertThat(m.find()).as("the report's data element").isTrue();
    return new ObjectMapper().readTree(m.group(1));
  }

  private static StudyResults withReason(StudyResults s, String reason) {
    var trials =
        s.trials().stream()
            .map(
                t ->
                    new StudyResults.Trial(
                        t.number(),
                        t.trialId(),
                        t.status(),
                        t.value(),
                        t.partial(),
                        t.params(),
                        t.epochsRun(),
                        t.maxEpochs(),
                        t.attempt(),
                        t.worker(),
                        t.durationSeconds(),
                        new StudyResults.Stop("median", 3, reason),
                        t.error(),
                        t.extraMetrics(),
                        t.curve()))
            .toList();
    return Fixtures.copy(s, trials, s.baselineRun().orElse(null));
  }
}
