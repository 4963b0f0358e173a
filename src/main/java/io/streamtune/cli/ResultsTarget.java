package io.streamtune.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.streamtune.results.ResultsFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Where a run writes its results: {@code -o FILE}, or {@code STUDY-results.json} in the working
 * directory. A file that holds another run's results is never replaced silently: a default name
 * moves on to {@code STUDY-results-2.json} and so on, and an explicit one needs {@code
 * --overwrite}. A resumed study may replace its own file.
 */
record ResultsTarget(Path path, String notice) {

  static ResultsTarget choose(Path explicit, boolean overwrite, String studyId, boolean resume) {
    if (explicit != null) {
      if (Files.isDirectory(explicit)) {
        throw new IllegalArgumentException("-o " + explicit + " is a directory, not a file");
      }
      if (!Files.exists(explicit) || overwrite || (resume && holds(explicit, studyId))) {
        return new ResultsTarget(explicit, null);
      }
      throw new IllegalArgumentException(
          "-o "
              + explicit
              + " exists"
              + describe(explicit)
              + "; pass --overwrite to replace it, or choose another file");
    }
    Path first = Path.of(defaultName(studyId, 1));
    if (!Files.exists(first) || (resume && holds(first, studyId))) {
      return new ResultsTarget(first, null);
    }
    for (int n = 2; ; n++) {
      Path next = Path.of(defaultName(studyId, n));
      if (!Files.exists(next)) {
        return new ResultsTarget(
            next, first + " holds an earlier run's results; this run writes " + next);
      }
    }
  }

  /** The n-th run's default file name: STUDY-results.json, then STUDY-results-2.json and on. */
  static String defaultName(String studyId, int n) {
    return studyId + "-results" + (n == 1 ? "" : "-" + n) + ".json";
  }

  /** Whether a file name is one of the study's default names ({@link #defaultName}). */
  static boolean isDefaultName(String studyId, String fileName) {
    return fileName.startsWith(studyId)
        && DEFAULT_SUFFIX.matcher(fileName.substring(studyId.length())).matches();
  }

  private static final Pattern DEFAULT_SUFFIX = Pattern.compile("-results(-\\d+)?\\.json");

  private static boolean holds(Path file, String studyId) {
    try {
      return studyId.equals(ResultsFile.read(file).path("study").asText(null));
    } catch (IOException e) {
      return false;
    }
  }

  private static String describe(Path file) {
    try {
      JsonNode root = ResultsFile.read(file);
      String study = root.path("study").asText("");
      String started = root.path("started_at").asText("");
      return study.isEmpty() ? "" : " (results of study " + study + ", started " + started + ")";
    } catch (IOException e) {
      return "";
    }
  }
}
