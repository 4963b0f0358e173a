package io.streamtune.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files named on the command line, checked before they are read so that the error names the file
 * and what is wrong with it. Pipes and devices pass, so {@code validate <(generate-spec)} works.
 */
final class InputFiles {

  private InputFiles() {}

  /**
   * @param what what the file should be, for the message: "spec file", "--client-config file"
   * @throws IllegalArgumentException if the file is missing, a directory or unreadable
   */
  static Path requireReadable(Path file, String what) {
    if (Files.isDirectory(file)) {
      throw new IllegalArgumentException(file + " is a directory, not a " + what);
    }
    if (!Files.exists(file)) {
      Path parent = file.toAbsolutePath().getParent();
      throw new IllegalArgumentException(
          what
              + " not found: "
              + file
              + (parent != null && !Files.isDirectory(parent)
                  ? " (directory " + parent + " does not exist)"
                  : ""));
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          what + " " + file + " is not readable (permission denied)");
    }
    return file;
  }
}
