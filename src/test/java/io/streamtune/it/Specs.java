package io.streamtune.it;

import io.streamtune.avro.StudySpec;
import io.streamtune.spec.StudySpecParser;

/** Study specs for the integration tests, written as a user would write them. */
final class Specs {

  private Specs() {}

  static StudySpec branin(
      String study, int trials, int parallelism, String extraOptions, String stopping) {
    return StudySpecParser.parse(
        """
        study: %s
        objective:
          name: branin
          options: {epoch_ms: 15, %s}
        n_trials: %d
        parallelism: %d
        max_epochs: 15
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        algorithm: {name: random, seed: 7}
        stopping: %s
        """
            .formatted(study, extraOptions, trials, parallelism, stopping));
  }
}
