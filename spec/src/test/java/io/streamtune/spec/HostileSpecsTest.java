package io.streamtune.spec;

import static io.streamtune.spec.TestSpecs.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.DimensionType;
import io.streamtune.avro.Prior;
import io.streamtune.avro.StudySpec;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Specs written to hurt whoever reads them are refused within 2 s, without reading more than the
 * size limit. Each input is generated here (nothing large is committed).
 */
class HostileSpecsTest {

  private static final Duration LIMIT = Duration.ofSeconds(2);

  /** The problems of {@code parse}, which must fail with a SpecException within the limit. */
  private static List<String> refusedInTime(Supplier<StudySpec> parse) {
    SpecException e =
        assertTimeoutPreemptively(
            LIMIT, () -> catchThrowableOfType(SpecException.class, parse::get));
    assertThat(e).as("the spec should be refused").isNotNull();
    return e.problems();
  }

  @Test
  void shouldRefuseBillionLaughsWhenAliasesNestNineLevels() {
    // Given the classic alias bomb: 9 levels of 9 aliases each, 9^9 strings if expanded
    StringBuilder yaml = new StringBuilder(VALID).append("lol0: &a0 [lol, lol, lol]\n");
    for (int level = 1; level <= 9; level++) {
      yaml.append("lol").append(level).append(": &a").append(level).append(" [");
      yaml.append(String.join(", ", Collections.nCopies(9, "*a" + (level - 1))));
      yaml.append("]\n");
    }
    // When
    List<String> problems = refusedInTime(() -> StudySpecParser.parse(yaml.toString()));
    // Then the aliases are refused by name, never expanded
    assertThat(problems)
        .contains("lol1[0]: YAML aliases (*a0) are not supported; write the value out (line 30)")
        .anySatisfy(p -> assertThat(p).startsWith("lol9: unknown field"));
  }

  @Test
  void shouldRefuseFileUnreadWhenItIs50MiB(@TempDir Path dir) throws IOException {
    // Given a 50 MiB spec: a valid spec followed by a long categorical list
    Path file = dir.resolve("spec.yaml");
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(VALID);
      w.write("# ");
      String line = "x".repeat(1023) + "\n";
      for (int i = 0; i < 50 * 1024; i++) {
        w.write(line);
      }
    }
    assertThat(Files.size(file)).isGreaterThan(50L * 1024 * 1024);
    // When
    List<String> problems = refusedInTime(() -> StudySpecParser.parse(file));
    // Then
    assertThat(problems).containsExactly(file + " is 50 MiB; a spec may be at most 256 KiB");
  }

  @Test
  void shouldRefuseTextWhenItIs50MiB() {
    String yaml = VALID + "#" + "x".repeat(50 * 1024 * 1024);
    assertThat(refusedInTime(() -> StudySpecParser.parse(yaml)))
        .containsExactly("the spec is 50 MiB; a spec may be at most 256 KiB");
  }

  @Test
  void shouldCountDimensionsFirstWhenYamlDeclaresTenThousand() {
    // Given 10,000 dimensions, written short enough to stay under the size limit
    StringBuilder yaml = new StringBuilder(VALID.substring(0, VALID.indexOf("space:")));
    yaml.append("space:\n");
    for (int i = 0; i < 10_000; i++) {
      yaml.append("  d").append(i).append(": {}\n");
    }
    assertThat(yaml.length()).isLessThan(SpecLimits.MAX_YAML_BYTES);
    // When / Then the count is the one problem, not 10,000 about each dimension
    assertThat(refusedInTime(() -> StudySpecParser.parse(yaml.toString())))
        .containsExactly("space: at most 100 dimensions but has 10000");
  }

  @Test
  void shouldCountDimensionsFirstWhenRawSpecHasTenThousand() {
    // Given a raw record with 10,000 dimensions of 1,000 values each
    StudySpec raw = StudySpecParser.parse(VALID);
    List<String> values = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      values.add("v" + i);
    }
    List<Dimension> space = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      space.add(new Dimension("d" + i, DimensionType.CATEGORICAL, 0.0, 0.0, Prior.UNIFORM, values));
    }
    raw.setSpace(space);
    // When
    List<String> problems = assertTimeoutPreemptively(LIMIT, () -> SpecValidation.problems(raw));
    // Then
    assertThat(problems).containsExactly("space: at most 100 dimensions but has 10000");
  }

  @Test
  void shouldRefuseNestingWhenBracketsGoTenThousandDeep() {
    String yaml = VALID + "deep: " + "[".repeat(10_000) + "]".repeat(10_000) + "\n";
    assertThat(refusedInTime(() -> StudySpecParser.parse(yaml)))
        .singleElement()
        .asString()
        .startsWith("not valid YAML: it nests deeper than 16 levels at line 29");
  }

  @Test
  void shouldListAHundredProblemsWhenSpecHasTenThousandUnknownKeys() {
    StringBuilder yaml = new StringBuilder(VALID);
    for (int i = 0; i < 10_000; i++) {
      yaml.append('k').append(i).append(": 1\n");
    }
    List<String> problems = refusedInTime(() -> StudySpecParser.parse(yaml.toString()));
    assertThat(problems).hasSize(SpecLimits.MAX_PROBLEMS + 1);
    assertThat(problems.get(SpecLimits.MAX_PROBLEMS)).isEqualTo("(9900 more problems not shown)");
  }

  @Test
  void shouldNotCompareLongKeyWithEveryNameWhenX0HasOne() {
    // Given a raw spec with 100 long parameter names and an x0 key of 500,000 characters: a
    // suggestion costs length × length per name, billions of steps if it were computed
    StudySpec raw = StudySpecParser.parse(VALID);
    List<Dimension> space = new ArrayList<>();
    Map<String, Object> point = new HashMap<>();
    for (int i = 0; i < SpecLimits.MAX_DIMENSIONS; i++) {
      String name = String.format(Locale.ROOT, "%0100d", i);
      space.add(new Dimension(name, DimensionType.REAL, 0.0, 1.0, Prior.UNIFORM, List.of()));
      point.put(name, 0.5);
    }
    point.put("k".repeat(500_000), 0.5);
    raw.setSpace(space);
    raw.getAlgorithm().setX0(List.of(point));
    // When
    List<String> problems = assertTimeoutPreemptively(LIMIT, () -> SpecValidation.problems(raw));
    // Then the key is named, shortened
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("algorithm.x0[0]." + "k".repeat(100) + "…: unknown field; allowed here");
  }

  @Test
  void shouldReadOnlyTheLimitWhenFileIsASparse4GiB(@TempDir Path dir) throws IOException {
    // Given a file of 4 GiB that takes no disk space: reading it whole would need 4 GiB of heap
    Path file = dir.resolve("sparse.yaml");
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(4L * 1024 * 1024 * 1024);
    }
    // When / Then
    assertThat(refusedInTime(() -> StudySpecParser.parse(file)))
        .containsExactly(file + " is 4096 MiB; a spec may be at most 256 KiB");
  }
}
