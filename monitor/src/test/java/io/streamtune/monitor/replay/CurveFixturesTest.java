package io.streamtune.monitor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurveFixturesTest {

  @TempDir Path dir;

  @Test
  void shouldRoundTripCurvesWhenGzipped() {
    var set =
        new LearningCurves(
            "mlp",
            true,
            List.of(
                new LearningCurves.Curve("t0", new double[] {0.5, 0.75, Double.NaN}),
                new LearningCurves.Curve("t1", new double[] {0.25})));
    Path file = dir.resolve("mlp.jsonl.gz");
    CurveFixtures.write(file, set, "val_accuracy");
    LearningCurves back = CurveFixtures.read(file);
    assertThat(back.name()).isEqualTo("mlp");
    assertThat(back.maximize()).isTrue();
    assertThat(back.curves()).hasSize(2);
    assertThat(back.curves().get(0).values()).containsExactly(0.5, 0.75, Double.NaN);
    assertThat(back.curves().get(1).trial()).isEqualTo("t1");
  }

  @Test
  void shouldReadPlainAndGzippedJsonLinesWhateverTheName() throws IOException {
    String text =
        """
        {"set":"cnn","metric":"loss","direction":"minimize"}

        {"trial":"a","values":[2.0,1.5,null,"NaN"],"params":{"lr":0.01}}
        {"trial":"b","values":[1.0]}
        """;
    Path plain = dir.resolve("plain.jsonl");
    Files.writeString(plain, text);
    Path zipped = dir.resolve("zipped.jsonl");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(zipped))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    for (Path p : List.of(plain, zipped)) {
      LearningCurves set = CurveFixtures.read(p);
      assertThat(set.maximize()).isFalse();
      assertThat(set.curves().get(0).values()).containsExactly(2.0, 1.5, Double.NaN, Double.NaN);
      assertThat(set.totalEpochs()).isEqualTo(5);
    }
  }

  @Test
  void shouldExplainWhenHeaderOrLineIsMalformed() throws IOException {
    Path noHeader = dir.resolve("a.jsonl");
    Files.writeString(noHeader, "{\"trial\":\"a\",\"values\":[1]}\n");
    assertThatThrownBy(() -> CurveFixtures.read(noHeader))
        .hasMessageContaining("first line must be a header with \"direction\"");
    Path badLine = dir.resolve("b.jsonl");
    Files.writeString(badLine, "{\"direction\":\"minimize\"}\n{\"trial\":\"a\"}\n");
    assertThatThrownBy(() -> CurveFixtures.read(badLine)).hasMessageContaining("line 2");
    Path badDirection = dir.resolve("c.jsonl");
    Files.writeString(badDirection, "{\"direction\":\"up\"}\n{\"trial\":\"a\",\"values\":[1]}\n");
    assertThatThrownBy(() -> CurveFixtures.read(badDirection))
        .hasMessage("direction must be maximize or minimize but was up");
  }
}
