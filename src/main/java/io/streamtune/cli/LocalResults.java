package io.streamtune.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The results files a {@code run} wrote in the working directory ({@code STUDY-results.json},
 * {@code STUDY-results-2.json}, …; see {@link ResultsTarget}): after a run on the embedded broker
 * the cluster is gone, and these files are what is left of the study.
 */
final class LocalResults {

  private LocalResults() {}

  /** The newest of the study's results files in a directory; fails naming what to pass instead. */
  static Path latest(Path dir, String studyId) {
    try (Stream<Path> files = Files.list(dir)) {
      Optional<Path> newest =
          files
              .filter(f -> ResultsTarget.isDefaultName(studyId, f.getFileName().toString()))
              .filter(Files::isRegularFile)
              .max(Comparator.comparing(LocalResults::modified));
      return newest
          .map(f -> dir.toString().isEmpty() ? f.getFileName() : f)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no cluster named and no "
                          + studyId
                          + "-results.json here: pass --bootstrap HOST:PORT (or set"
                          + " STREAMTUNE_BOOTSTRAP) to read the study from its cluster, or --from FILE"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long modified(Path f) {
    try {
      return Files.getLastModifiedTime(f).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }
}
