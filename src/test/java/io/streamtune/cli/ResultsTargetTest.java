package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A results file never replaces another run's results without being asked to. */
class ResultsTargetTest {

  @TempDir Path dir;

  @Test
  void shouldWriteToTheGivenFileWhenItDoesNotExist() {
    Path file = dir.resolve("r.json");
    assertThat(ResultsTarget.choose(file, false, "demo", false).path()).isEqualTo(file);
  }

  @Test
  void shouldRefuseAnExistingFileWhenNotToldToOverwrite() throws IOException {
    Path file = Files.writeString(dir.resolve("r.json"), "{\"study\": \"other\"}");
    assertThatThrownBy(() -> ResultsTarget.choose(file, false, "demo", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("exists (results of study other")
        .hasMessageContaining("--overwrite");
    assertThat(ResultsTarget.choose(file, true, "demo", false).path()).isEqualTo(file);
  }

  @Test
  void shouldReplaceTheStudysOwnFileWhenItIsResumed() throws IOException {
    Path file = Files.writeString(dir.resolve("r.json"), "{\"study\": \"demo\"}");
    assertThat(ResultsTarget.choose(file, false, "demo", true).path()).isEqualTo(file);
    assertThatThrownBy(() -> ResultsTarget.choose(file, false, "other", true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldRefuseADirectoryWhenGivenOne() {
    assertThatThrownBy(() -> ResultsTarget.choose(dir, true, "demo", false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a directory");
  }
}
