package io.streamtune.monitor.replay;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplayMainTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ReplayMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void shouldPrintTableAndWriteJsonWhenReplayingFixture() throws IOException {
    // Given a fixture of 24 synthetic accuracy curves
    Path fixture = dir.resolve("synthetic.jsonl.gz");
    CurveFixtures.write(
        fixture, SyntheticCurves.powerLaw("synthetic", 5, 24, 15, 0.01, true), "accuracy");
    Path json = dir.resolve("replay.json");
    // When
    int status =
        run(
            "--curves",
            fixture.toString(),
            "--rule",
            "none",
            "--rule",
            "median:min_trials=3",
            "--rule",
            "asha:eta=3",
            "--rule",
            "hyperband",
            "--seeds",
            "2",
            "--json",
            json.toString());
    // Then
    assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
    String table = out.toString(StandardCharsets.UTF_8);
    assertThat(table)
        .contains(
            "synthetic: 24 trials, up to 15 epochs, maximize; parallelism 4, 2 arrival orders")
        .contains("median:min_trials=3")
        .contains("asha:eta=3")
        .contains("regret max");
    JsonNode report = new ObjectMapper().readTree(json.toFile());
    JsonNode rules = report.get(0).get("rules");
    assertThat(rules).hasSize(4);
    assertThat(rules.get(0).get("speedup").asDouble()).isEqualTo(1.0);
    assertThat(rules.get(0).get("bestKept").asInt()).isEqualTo(2);
    assertThat(rules.get(2).get("savedFraction").asDouble()).isGreaterThan(0.3);
    assertThat(rules.get(2).get("results")).hasSize(2);
  }

  @Test
  void shouldFailWithMessageWhenOptionIsBad() {
    assertThat(run("--synthetic", "8", "--rule", "asha:eta=1")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("eta must be > 1 but was 1");
    assertThat(run("--bogus", "1")).isEqualTo(2);
    assertThat(run()).isEqualTo(2);
  }
}
