package io.streamtune.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.assertj.core.api.AbstractStringAssert;

/** Valid specs that tests change one line of, and how they look at the problems. */
final class TestSpecs {

  /**
   * A complete, valid spec with every kind of dimension; {@code command} is the objective because
   * it is the one that takes any parameters.
   */
  static final String VALID =
      """
      study: demo-1
      objective:
        name: command
        options:
          cmd: ./train.sh
      metric:
        name: accuracy
        direction: maximize
      n_trials: 12
      parallelism: 3
      max_epochs: 15
      space:
        x1: {type: real, low: -5, high: 10}
        lr: {type: real, low: 1e-4, high: 1e-1, prior: log-uniform}
        layers: {type: integer, low: 1, high: 4}
        act: {type: categorical, values: [relu, tanh]}
      algorithm:
        name: gp
        acq_func: EI
        n_initial_points: 5
        initial_design: sobol
        seed: 7
        x0:
          - {x1: 0.5, lr: 0.01, layers: 2, act: tanh}
      stopping:
        rule: median
        min_trials: 4
        min_step: 2
      """;

  /** A valid spec of a built-in objective with fixed parameters and numeric options. */
  static final String BRANIN =
      """
      study: branin-1
      objective:
        name: branin
        options:
          epoch_ms: 0
          fail_rate: 0.1
      n_trials: 12
      space:
        x1: {type: real, low: -5, high: 10}
        x2: {type: real, low: 0, high: 15}
      """;

  private TestSpecs() {}

  /** {@code base} with {@code from} replaced, which must occur in it. */
  static String replace(String base, String from, String to) {
    assertThat(base).contains(from);
    return base.replace(from, to);
  }

  static String replace(String from, String to) {
    return replace(VALID, from, to);
  }

  static SpecException rejected(String yaml) {
    SpecException e = catchThrowableOfType(SpecException.class, () -> StudySpecParser.parse(yaml));
    assertThat(e).as("spec should be rejected:%n%s", yaml).isNotNull();
    return e;
  }

  /**
   * The one problem about {@code field}; others may follow from it (n_trails also leaves n_trials
   * missing).
   */
  static AbstractStringAssert<?> problemAbout(SpecException e, String field) {
    List<String> about = e.problems().stream().filter(p -> p.startsWith(field)).toList();
    assertThat(about).as("problems about %s in %s", field, e.problems()).hasSize(1);
    return assertThat(about.get(0));
  }
}
