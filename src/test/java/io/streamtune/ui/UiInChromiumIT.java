package io.streamtune.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.it.KafkaFixture;
import io.streamtune.report.ReportInChromiumTest;
import io.streamtune.spec.StudySpecParser;
import io.streamtune.trainer.BuiltinObjectives;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live UI in headless Chromium while a study runs on a real broker: each trial appears within 2
 * s of its result, no script fails, every chart draws, and the list of studies and the report
 * download work. Screenshots at 1280 px wide go to {@code target/ui-screenshots/}.
 */
@Tag("integration")
class UiInChromiumIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path SHOTS = Path.of("target", "ui-screenshots");
  private static final String STUDY = "ui-live";
  private static final List<String> CHARTS = ReportInChromiumTest.CHARTS;

  private static KafkaFixture kafka;
  private static Pipeline services;

  @TempDir Path dir;

  @BeforeAll
  static void startServices() throws Exception {
    kafka = KafkaFixture.start();
    services =
        new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry(false))
            .withConnection(kafka.connection())
            .withTopics(3, 2)
            .withTrainers(2, false)
            .withSuggester()
            .withMonitor(Duration.ofMillis(100));
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (services != null) {
      services.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldShowEachTrialWithinTwoSecondsOfItsResultWhenAStudyRuns() throws Exception {
    assumeTrue(HeadlessChromium.installed(), "Debian's chromium is not installed");
    LiveStudies live = new LiveStudies(kafka.connection());
    Thread reader = new Thread(live, "ui-reader");
    reader.start();
    try (UiServer ui = UiServer.start(live, "127.0.0.1", 0);
        HeadlessChromium browser = HeadlessChromium.start(dir.resolve("profile"), 1280, 1000)) {
      String base = "http://localhost:" + ui.port();
      // Given a study that runs for several seconds, its page opened while it runs
      Pipeline.submit(kafka.connection(), StudySpecParser.parse(spec()));
      await(() -> live.study(STUDY).isPresent(), Duration.ofSeconds(30));
      browser.open(base + "/studies/" + STUDY);
      long ready = System.currentTimeMillis();
      await(
          () ->
              Integer.parseInt(evaluate(browser, "document.body.dataset.trialsShown || '0'")) >= 7
                  || state(live).equals("COMPLETED"),
          Duration.ofSeconds(120));
      if (state(live).equals("RUNNING")) {
        browser.screenshot(SHOTS.resolve("ui-study-running.png"), 1280, 1250);
        int curves =
            Integer.parseInt(evaluate(browser, "document.getElementById('curves').offsetTop"));
        browser.screenshot(SHOTS.resolve("ui-curves-running.png"), curves, 1280, 600);
      }

      // And a reader sorts the table by value, highest first, and filters it, while it runs
      browser.evaluate(
          "(function () { var th = document.querySelector('#trial-table th[data-col=\"2\"]');"
              + " th.click(); document.querySelector('#trial-table th[data-col=\"2\"]').click();"
              + " var f = document.getElementById('trial-filter'); f.value = 'trainer-1';"
              + " f.dispatchEvent(new Event('input')); return true; })()");

      // When the study ends, and the page has had time for the last change
      await(() -> state(live).equals("COMPLETED"), Duration.ofSeconds(120));
      Thread.sleep(2_500);

      // Then every trial that finished after the page opened was shown within 2 s of its result
      JsonNode seen =
          JSON.readTree(browser.evaluate("JSON.stringify(window.streamtuneSeen)").asText());
      List<Long> latencies = new ArrayList<>();
      for (JsonNode t : live.study(STUDY).orElseThrow().results().path("trials")) {
        String finished = t.path("finished_at").asText(null);
        if (finished == null || Instant.parse(finished).toEpochMilli() <= ready) {
          continue;
        }
        JsonNode shown = seen.get(t.path("number").asText());
        assertThat(shown).as("trial #%s was never shown", t.path("number")).isNotNull();
        latencies.add(shown.asLong() - Instant.parse(finished).toEpochMilli());
      }
      assertThat(latencies)
          .as("trials that finished while the page was open")
          .hasSizeGreaterThan(4);
      assertThat(latencies).as("ms from each result to the page").allMatch(ms -> ms <= 2_000);
      System.out.println("UI latency from result to page, ms: " + latencies);

      // And no script failed, and every chart drew
      assertThat(browser.errors()).isEmpty();
      assertThat(browser.evaluate("document.body.getAttribute('data-errors')").isNull()).isTrue();
      JsonNode drawn =
          JSON.readTree(browser.evaluate("document.body.getAttribute('data-drawn')").asText());
      for (String chart : CHARTS) {
        assertThat(drawn.path(chart).asInt()).as(chart + " painted pixels").isPositive();
      }
      // Then the redraws kept the reader's sort and filter
      assertThat(browser.evaluate("document.getElementById('trial-filter').value").asText())
          .isEqualTo("trainer-1");
      assertThat(
              browser
                  .evaluate(
                      "document.querySelector('#trial-table th[data-col=\"2\"]')"
                          + ".getAttribute('aria-sort')")
                  .asText())
          .isEqualTo("descending");
      assertThat(browser.evaluate("document.getElementById('trial-count').textContent").asText())
          .matches("([1-9]|1[0-3]) of 14 trials");
      browser.evaluate(
          "(function () { var f = document.getElementById('trial-filter'); f.value = '';"
              + " f.dispatchEvent(new Event('input')); return true; })()");
      assertThat(browser.evaluate("document.getElementById('trial-count').textContent").asText())
          .isEqualTo("14 of 14 trials");
      assertThat(browser.evaluate("document.getElementById('live-state').textContent").asText())
          .startsWith("completed");
      browser.screenshot(SHOTS.resolve("ui-study.png"));

      // And the list of studies shows it, and its report downloads
      browser.open(base + "/");
      await(
          () -> evaluate(browser, "document.body.getAttribute('data-studies')").equals("1"),
          Duration.ofSeconds(10));
      assertThat(evaluate(browser, "document.querySelector('#studies tbody').textContent"))
          .contains(STUDY, "completed", "14 of 14");
      assertThat(browser.errors()).isEmpty();
      browser.screenshot(SHOTS.resolve("ui-studies.png"), 1280, 240);
      HttpResponse<String> report =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(base + "/studies/" + STUDY + "/report.html"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(report.statusCode()).isEqualTo(200);
      assertThat(report.headers().firstValue("Content-Disposition"))
          .contains("attachment; filename=\"" + STUDY + "-report.html\"");
      assertThat(report.body()).contains("<title>Study " + STUDY + "</title>");
    } finally {
      live.close();
      reader.join(10_000);
    }
  }

  private static String spec() {
    return """
        study: %s
        objective:
          name: branin
          options: {epoch_ms: 60}
        n_trials: 14
        parallelism: 2
        max_epochs: 10
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        algorithm: {name: gp, n_initial_points: 5, seed: 3}
        stopping: {rule: median, min_trials: 5, min_step: 3}
        """
        .formatted(STUDY);
  }

  private static String state(LiveStudies live) {
    return live.study(STUDY).map(s -> s.row().path("state").asText()).orElse("");
  }

  private static String evaluate(HeadlessChromium browser, String expression) {
    try {
      return browser.evaluate(expression).asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void await(BooleanSupplier condition, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met within " + timeout);
      }
      Thread.sleep(50);
    }
  }
}
