package io.streamtune.cli;

import io.streamtune.avro.StudySpec;
import io.streamtune.spec.StudySpecParser;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a spec file for a command, stamped with the submission time. */
final class SpecFiles {

  private SpecFiles() {}

  static StudySpec read(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("spec file not found: " + file);
    }
    StudySpec spec = StudySpecParser.parse(file);
    spec.setSubmittedAt(System.currentTimeMillis());
    return spec;
  }
}
