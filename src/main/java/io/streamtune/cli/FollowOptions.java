package io.streamtune.cli;

import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How {@code run} and {@code submit --wait} follow their study, and where results go. */
final class FollowOptions {

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description =
          "Where to write the results file (default: STUDY-results.json here, or STUDY-results-2.json"
              + " and so on when an earlier run's file is there).")
  Path output;

  @Option(names = "--overwrite", description = "Let -o replace an existing file.")
  boolean overwrite;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "24h",
      description = "Cancel the study after this long, e.g. 90m (default ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      defaultValue = "30s",
      description =
          "After Ctrl-C or --timeout, how long to wait for running trials to stop and report"
              + " (default ${DEFAULT-VALUE}).")
  Duration grace;

  @Option(
      names = "--detach",
      description =
          "On Ctrl-C or --timeout, stop following but leave the study running on the cluster.")
  boolean detach;

  @Option(
      names = "--resume",
      description =
          "Continue the study if its id exists on the cluster (the same spec, its remaining"
              + " budget); without it an existing id is an error.")
  boolean resume;

  ResultsTarget target(String studyId) {
    return ResultsTarget.choose(output, overwrite, studyId, resume);
  }

  StudySession.Settings settings() {
    return new StudySession.Settings(timeout, grace, detach);
  }
}
