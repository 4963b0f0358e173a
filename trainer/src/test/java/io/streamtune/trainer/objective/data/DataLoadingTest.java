package io.streamtune.trainer.objective.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.trainer.objective.Contexts;
import io.streamtune.trainer.objective.TrialContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the repository's data/ (found by walking up from the test classes, as the trainer does).
 */
class DataLoadingTest {

  private static final TrialContext CTX =
      Contexts.of(Map.of(), Map.of(), 1, new Contexts.Recorder());

  @Test
  void shouldReadMnistShapesAndLabelCountsWhenTheIdxFilesAreGzipped() throws Exception {
    // When
    var images = IdxReader.read(DataDir.locate(CTX, "mnist/t10k-images-idx3-ubyte.gz"));
    var labels = IdxReader.read(DataDir.locate(CTX, "mnist/t10k-labels-idx1-ubyte.gz"));

    // Then: 10k 28x28 images; label counts as published for t10k
    assertThat(images.dims()).containsExactly(10_000, 28, 28);
    assertThat(images.itemSize()).isEqualTo(784);
    int[] counts = new int[10];
    for (int i = 0; i < labels.count(); i++) {
      counts[labels.unsigned(i, 0)]++;
    }
    assertThat(counts).containsExactly(980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009);
  }

  @Test
  void shouldReadPeptideShapesWhenTheNpzMemberIsDeflated() throws Exception {
    // When
    var positive =
        NpyReader.readNpz(DataDir.locate(CTX, "peptides/hemo-positive.npz"), "arr_0.npy");
    var negative =
        NpyReader.readNpz(DataDir.locate(CTX, "peptides/hemo-negative.npz"), "arr_0.npy");

    // Then
    assertThat(positive.shape()).containsExactly(1826, 190);
    assertThat(negative.shape()).containsExactly(7490, 190);
    assertThat(Arrays.stream(negative.data()).min().orElseThrow()).isZero();
    assertThat(Arrays.stream(negative.data()).max().orElseThrow()).isEqualTo(20);
    assertThat(positive.get(0, 0))
        .isPositive(); // sequences start at column 0, padding is on the right
  }

  @Test
  void shouldReadCloseAndVolumeWhenTheCsvHasAHeader() throws Exception {
    // When
    double[][] columns =
        CsvColumns.read(DataDir.locate(CTX, "stock/GSPC_1927-2020.csv"), "Close", "Volume");

    // Then: 23,212 days; the first close is 17.66 and volume starts at 0
    assertThat(columns[0]).hasSize(23_212);
    assertThat(columns[1]).hasSize(23_212);
    assertThat(columns[0][0]).isEqualTo(17.66);
    assertThat(columns[1][0]).isZero();
    assertThat(Arrays.stream(columns[0]).max().orElseThrow())
        .isEqualTo(3386.149902, Offset.offset(1e-6));
  }

  @Test
  void shouldReadBigEndianHeaderWhenGivenASmallIdxStream() throws Exception {
    // Given a 2x3 ubyte array written by hand
    var bytes = new ByteArrayOutputStream();
    var out = new DataOutputStream(bytes);
    out.writeInt(0x00000802);
    out.writeInt(2);
    out.writeInt(3);
    out.write(new byte[] {1, 2, 3, 4, 5, (byte) 255});

    // When
    var array = IdxReader.read(new ByteArrayInputStream(bytes.toByteArray()), "hand-made");

    // Then
    assertThat(array.dims()).containsExactly(2, 3);
    assertThat(array.unsigned(1, 2)).isEqualTo(255);
  }

  @Test
  void shouldSplitTheSameWayWhenTheSeedIsTheSame() {
    // When
    var a = Splits.shuffled(1000, 0.1, 0.2, 42);
    var b = Splits.shuffled(1000, 0.1, 0.2, 42);
    var c = Splits.shuffled(1000, 0.1, 0.2, 43);

    // Then: same parts under one seed, a different order under another, and a partition of 0..999
    assertThat(a.train()).containsExactly(b.train());
    assertThat(a.validation()).containsExactly(b.validation());
    assertThat(a.test()).containsExactly(b.test());
    assertThat(a.train()).isNotEqualTo(c.train());
    assertThat(a.train()).hasSize(700);
    assertThat(a.validation()).hasSize(100);
    assertThat(a.test()).hasSize(200);
    int[] all =
        IntStream.concat(
                IntStream.concat(Arrays.stream(a.train()), Arrays.stream(a.validation())),
                Arrays.stream(a.test()))
            .sorted()
            .toArray();
    assertThat(all).containsExactly(IntStream.range(0, 1000).toArray());
  }

  @Test
  void shouldKeepAPrefixWhenSubsampling() {
    var split = Splits.shuffled(100, 0.1, 0.1, 7);

    var limited = split.limit(20, 0, 5);

    assertThat(limited.train()).containsExactly(Arrays.copyOf(split.train(), 20));
    assertThat(limited.validation()).isSameAs(split.validation());
    assertThat(limited.test()).hasSize(5);
  }

  @Test
  void shouldKeepTimeOrderWhenSplittingChronologically() {
    var split = Splits.chronological(10, 0.2, 0.1);

    assertThat(split.train()).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(split.validation()).containsExactly(7, 8);
    assertThat(split.test()).containsExactly(9);
  }

  @Test
  void shouldPreferTheOptionWhenBothOptionAndEnvironmentAreSet(@TempDir Path dir) throws Exception {
    // Given a data dir with one file
    Files.createDirectories(dir.resolve("mnist"));
    Files.writeString(dir.resolve("mnist/x.gz"), "x");

    // When / Then
    assertThat(
            DataDir.locate(
                dir.toString(), "/nowhere", Path.of("/"), Optional.empty(), "mnist/x.gz"))
        .isEqualTo(dir.resolve("mnist/x.gz"));
    assertThat(DataDir.locate(null, dir.toString(), Path.of("/"), Optional.empty(), "mnist/x.gz"))
        .isEqualTo(dir.resolve("mnist/x.gz"));
  }

  @Test
  void shouldFindDataAboveTheCodeLocationWhenNothingIsSet(@TempDir Path root) throws Exception {
    // Given root/data/stock/a.csv and code in root/app/target/x.jar
    Files.createDirectories(root.resolve("data/stock"));
    Files.writeString(root.resolve("data/stock/a.csv"), "Close\n1\n");
    Path jar = root.resolve("app/target/x.jar");

    // When / Then
    assertThat(
            DataDir.locate(null, null, root.resolve("elsewhere"), Optional.of(jar), "stock/a.csv"))
        .isEqualTo(root.resolve("data/stock/a.csv"));
  }

  @Test
  void shouldNameTheFileAndTheFixWhenDataIsMissing(@TempDir Path empty) {
    assertThatThrownBy(() -> DataDir.locate(null, null, empty, Optional.empty(), "mnist/none.gz"))
        .isInstanceOf(DataDir.DataMissingException.class)
        .hasMessageContaining("mnist/none.gz")
        .hasMessageContaining("data_dir")
        .hasMessageContaining("STREAMTUNE_DATA_DIR");
    assertThatThrownBy(
            () -> DataDir.locate(empty.toString(), null, empty, Optional.empty(), "mnist/none.gz"))
        .hasMessageContaining("set by the objective option data_dir");
  }
}
