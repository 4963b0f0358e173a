package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.StudySpec;
import io.streamtune.spec.StudySpecParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --baseline}: the baseline's spec, and where a report finds a run's results. */
class BaselineRunTest {

  private static final String SPEC =
      """
      study: %s
      objective: {name: branin}
      n_trials: 12
      space:
        x1: {type: real, low: -5, high: 10}
        x2: {type: real, low: 0, high: 15}
      algorithm: {name: %s, n_initial_points: 4, seed: 9}
      stopping: {rule: median}
      """;

  @TempDir Path dir;

  @Test
  void shouldChangeOnlyTheIdAndTheAlgorithmWhenMakingARandomBaseline() {
    // Given a Bayesian study
    StudySpec spec = parse("bo", "gp");
    // When
    StudySpec baseline = BaselineRun.spec(spec, "random");
    // Then it is the same study but for its id and search
    assertThat(baseline.getStudyId()).isEqualTo("bo-random");
    assertThat(baseline.getAlgorithm().getName()).isEqualTo("random");
    assertThat(baseline.getAlgorithm().getSeed()).isEqualTo(9);
    assertThat(baseline.getSpace()).isEqualTo(spec.getSpace());
    assertThat(baseline.getStopping()).isEqualTo(spec.getStopping());
    assertThat(baseline.getNTrials()).isEqualTo(spec.getNTrials());
    assertThat(spec.getStudyId()).isEqualTo("bo");
  }

  @Test
  void shouldRefuseABaselineWhenItIsNotRandomOrTheStudyIsRandomAlready() {
    assertThatThrownBy(() -> BaselineRun.spec(parse("bo", "gp"), "grid"))
        .hasMessageContaining("only 'random' (random search) is a baseline, not 'grid'");
    assertThatThrownBy(() -> BaselineRun.spec(parse("rs", "random"), "random"))
        .hasMessageContaining("study rs already searches at random");
    assertThatThrownBy(() -> BaselineRun.spec(parse("x".repeat(125), "gp"), "random"))
        .hasMessageContaining("too long");
  }

  @Test
  void shouldPickTheNewestResultsFileWhenARunWroteSeveral() throws Exception {
    // Given two runs' files of the study, the numbered one newer, and another study's file
    Path first = Files.writeString(dir.resolve("s-results.json"), "{}");
    Path second = Files.writeString(dir.resolve("s-results-2.json"), "{}");
    Files.writeString(dir.resolve("s-random-results.json"), "{}");
    Files.setLastModifiedTime(first, FileTime.fromMillis(1_000_000));
    Files.setLastModifiedTime(second, FileTime.fromMillis(2_000_000));
    // Then
    assertThat(LocalResults.latest(dir, "s")).isEqualTo(second);
    assertThat(LocalResults.latest(dir, "s-random").getFileName())
        .isEqualTo(Path.of("s-random-results.json"));
    assertThatThrownBy(() -> LocalResults.latest(dir, "other"))
        .hasMessageContaining("no cluster named and no other-results.json here")
        .hasMessageContaining("--bootstrap");
  }

  private static StudySpec parse(String id, String algorithm) {
    return StudySpecParser.parse(SPEC.formatted(id, algorithm));
  }
}
