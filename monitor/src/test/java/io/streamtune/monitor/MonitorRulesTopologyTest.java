package io.streamtune.monitor;

import static io.streamtune.monitor.MonitorDriver.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.avro.Direction;
import io.streamtune.avro.StopDecision;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each stopping rule a spec can name, selected by the spec and applied end to end through the
 * topology.
 */
class MonitorRulesTopologyTest {

  private static final int EPOCHS = 10;

  @TempDir Path stateDir;
  private MonitorDriver monitor;

  @BeforeEach
  void start() {
    monitor = new MonitorDriver(stateDir);
  }

  @AfterEach
  void stop() {
    monitor.close();
  }

  @Test
  void shouldStopAtPercentileWhenSpecSelectsPercentileRule() {
    // Given the 25th percentile after 2 warm-up steps, and five completed flat curves 1..5
    monitor.submit(
        Direction.MINIMIZE,
        EPOCHS,
        "{rule: percentile, percentile: 25, n_startup_trials: 5, n_warmup_steps: 2}");
    for (int k = 0; k < 5; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1 + k));
    }
    // When a trial at 2.5 (better than the median 3, worse than the 25th percentile 2) reports 3
    // epochs
    monitor.curve("t", EPOCHS, 2.5);
    assertThat(monitor.decisions()).as("warm-up").isEmpty();
    monitor.curve("t", EPOCHS, 2.5, 2.5);
    // Then it is stopped at step 2 against the numpy-style percentile of the values at that step
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getRule()).isEqualTo("percentile");
              assertThat(d.getStep()).isEqualTo(2);
              assertThat(d.getValue()).isEqualTo(2.5);
              assertThat(d.getThreshold()).isCloseTo(2.0, within(1e-12));
            });
  }

  @Test
  void shouldStopByExtrapolationWhenSpecSelectsCurveRule() {
    // Given one completed trial whose final loss is 0.3, and the curve rule judged from step 12
    int epochs = 50;
    monitor.submit(Direction.MINIMIZE, epochs, "{rule: curve, start_step: 12}");
    double[] best = new double[epochs];
    for (int i = 0; i < epochs; i++) {
      best[i] = 0.3 + 2.0 * Math.exp(-0.2 * (i + 1));
    }
    monitor.completed("c0", epochs, best);
    // When a trial that plateaus near 1.0 reports 12 epochs
    Random random = new Random(1);
    double[] plateau = new double[12];
    for (int i = 0; i < plateau.length; i++) {
      plateau[i] = 1.0 + 1.5 * Math.exp(-0.5 * (i + 1)) + 0.005 * random.nextGaussian();
    }
    monitor.curve("t", epochs, Arrays.copyOf(plateau, 11));
    assertThat(monitor.decisions()).as("before start_step").isEmpty();
    monitor.metric("t", 1, 12, plateau[11], epochs);
    // Then it is stopped at step 12, reporting the predicted final value against the best
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getRule()).isEqualTo("curve");
              assertThat(d.getStep()).isEqualTo(12);
              assertThat(d.getValue()).isBetween(0.85, 1.0); // the predicted median final
              assertThat(d.getThreshold()).isCloseTo(best[epochs - 1], within(1e-12));
            });
  }

  @Test
  void shouldStopAtRungWhenSpecSelectsAsha() {
    // Given ASHA with rungs at 1, 2, 4, 8 (min_resource 1, eta 2) and no completed trial
    monitor.submit(Direction.MAXIMIZE, EPOCHS, "{rule: asha, min_resource: 1, eta: 2}");
    // When the first trial reaches rung 1 with accuracy 0.8, then a second with 0.6, then a third
    // with 0.9
    monitor.curve("a", EPOCHS, 0.8);
    monitor.curve("b", EPOCHS, 0.6);
    monitor.curve("c", EPOCHS, 0.9);
    // Then only b is stopped: it is not in the top half of {0.8, 0.6}; c is the best of three
    StopDecision d =
        monitor.decisions().stream()
            .reduce(
                (x, y) -> {
                  throw new AssertionError("more than one decision: " + x + ", " + y);
                })
            .orElseThrow();
    assertThat(d.getTrialId()).isEqualTo(monitor.id("b"));
    assertThat(d.getRule()).isEqualTo("asha");
    assertThat(d.getStep()).isEqualTo(1);
    assertThat(d.getValue()).isEqualTo(0.6);
    assertThat(d.getThreshold()).isEqualTo(0.8);
    // And between rungs nothing is judged: a's bad step 3 passes until rung 4
    monitor.metric("a", 1, 2, 0.1, EPOCHS);
    monitor.metric("a", 1, 3, 0.1, EPOCHS);
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldStopAtRungWhenSpecSelectsHyperband() {
    // Given Hyperband with eta 3 (bracket 0 rungs at 1 and 3 below 10 epochs)
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: hyperband, min_resource: 1, eta: 3}");
    // When three trials reach rung 1 with losses 2.0, 1.0, 3.0
    monitor.curve("a", EPOCHS, 2.0);
    monitor.curve("b", EPOCHS, 1.0);
    monitor.curve("c", EPOCHS, 3.0);
    // Then a trial that is not the best of a rung smaller than eta is stopped, c among the top 1 of
    // 3 is not
    assertThat(monitor.decisions())
        .extracting(StopDecision::getTrialId)
        .containsExactly(monitor.id("c"));
    monitor.curve("d", EPOCHS, 0.5);
    assertThat(monitor.decisions()).isEmpty();
  }
}
