package io.streamtune.it;

import io.streamtune.avro.StudySpec;
import io.streamtune.spec.StudySpecParser;

/** Study specs for the integration tests, written as a user would write them. */
final class Specs {

  private Specs() {}

  /**
   * A Branin study whose epochs take 40 ms: long enough that a stop decision can land before a
   * trial's end on a loaded 2-core machine (at 15 ms a whole trial took 225 ms and under load no
   * decision came in time), short enough to keep the tests quick.
   */
  static StudySpec branin(
      String study, int trials, int parallelism, String extraOptions, String stopping) {
    return StudySpecParser.parse(
        """
        study: %s
        objective:
          name: branin
          options: {%s}
        n_trials: %d
        parallelism: %d
        max_epochs: 15
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        algorithm: {name: random, seed: 7}
        stopping: %s
        """
            .formatted(study, options(extraOptions), trials, parallelism, stopping));
  }

  /** The objective's options: 40 ms epochs unless the caller sets epoch_ms itself. */
  private static String options(String extra) {
    if (extra.contains("epoch_ms")) {
      return extra;
    }
    return extra.isBlank() ? "epoch_ms: 40" : "epoch_ms: 40, " + extra;
  }
}
