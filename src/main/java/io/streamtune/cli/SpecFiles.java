package io.streamtune.cli;

import io.streamtune.avro.StudySpec;
import io.streamtune.spec.StudySpecParser;
import java.nio.file.Path;

/** Reads a spec file for a command, stamped with the submission time. */
final class SpecFiles {

  private SpecFiles() {}

  static StudySpec read(Path file) {
    StudySpec spec = StudySpecParser.parse(InputFiles.requireReadable(file, "spec file"));
    spec.setSubmittedAt(System.currentTimeMillis());
    return spec;
  }
}
