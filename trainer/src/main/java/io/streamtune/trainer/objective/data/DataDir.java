package io.streamtune.trainer.objective.data;

import io.streamtune.trainer.objective.TrialContext;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the data directory (the repository's {@code data/}, holding {@code mnist/}, {@code
 * peptides/} and {@code stock/}). Data files stay out of the jar, so trainers on other machines can
 * point at their own copy. Order: the objective option {@code data_dir}, the environment variable
 * {@value #ENV}, {@code ./data} under the working directory, then a {@code data/} folder next to
 * the jar (or classes folder) or in any folder above it.
 */
public final class DataDir {

  public static final String ENV = "STREAMTUNE_DATA_DIR";
  public static final String OPTION = "data_dir";

  private DataDir() {}

  /** The path of {@code relative} (e.g. {@code mnist/t10k-labels-idx1-ubyte.gz}) for this trial. */
  public static Path locate(TrialContext ctx, String relative) {
    return locate(
        ctx.option(OPTION, (String) null),
        System.getenv(ENV),
        Path.of("").toAbsolutePath(),
        codeLocation(),
        relative);
  }

  /**
   * Resolves {@code relative}. An explicit option or environment variable is used as given (a typo
   * there should fail loudly, not fall through to another copy); the implicit places are searched
   * for the first one that holds the file.
   */
  static Path locate(
      String option, String env, Path workingDir, Optional<Path> code, String relative) {
    if (option != null && !option.isBlank()) {
      return require(Path.of(option), relative, "the objective option data_dir");
    }
    if (env != null && !env.isBlank()) {
      return require(Path.of(env), relative, "the environment variable " + ENV);
    }
    List<Path> tried = new ArrayList<>();
    tried.add(workingDir.resolve("data"));
    code.ifPresent(
        start -> {
          for (Path p = start; p != null; p = p.getParent()) {
            tried.add(p.resolve("data"));
          }
        });
    for (Path dir : tried) {
      if (Files.isRegularFile(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new DataMissingException(
        "data file '"
            + relative
            + "' not found; looked in "
            + tried
            + ". Set the objective option data_dir in the study spec (objective: {options: {data_dir: ...}})"
            + " or the environment variable "
            + ENV
            + " to the folder that holds mnist/, peptides/ and stock/"
            + " (the repository's data/ directory).");
  }

  private static Path require(Path dir, String relative, String source) {
    Path file = dir.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new DataMissingException(
          "data file '"
              + relative
              + "' not found in "
              + dir.toAbsolutePath()
              + " (set by "
              + source
              + "); point it at the folder that holds mnist/, peptides/ and stock/"
              + " (the repository's data/ directory).");
    }
    return file;
  }

  private static Optional<Path> codeLocation() {
    try {
      var source = DataDir.class.getProtectionDomain().getCodeSource();
      return source == null
          ? Optional.empty()
          : Optional.of(Path.of(source.getLocation().toURI()).toAbsolutePath());
    } catch (URISyntaxException | RuntimeException e) {
      return Optional.empty(); // an odd class loader: the other places still apply
    }
  }

  /** A required data file is missing; the message says where it looked and how to fix it. */
  public static final class DataMissingException extends IllegalStateException {
    public DataMissingException(String message) {
      super(message);
    }
  }
}
