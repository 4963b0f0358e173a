package io.streamtune.monitor;

import static io.streamtune.monitor.MonitorDriver.flat;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.Direction;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.SpecVocabulary;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NaN and infinite metrics end to end: a trial that diverges is stopped at once under every rule a
 * spec can name, a trial that completed on a NaN is no one's reference, and a finished trial is
 * never judged again, whatever it still reports.
 */
class MonitorDivergedTopologyTest {

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

  /** Every rule a spec can name that stops anything, with its defaults. */
  static Stream<String> rules() {
    return SpecVocabulary.STOPPING_RULES.keySet().stream().filter(r -> !r.equals("none")).sorted();
  }

  /**
   * Five completed trials with flat accuracies 0.5, 0.45, …, 0.3. ASHA judges them while they
   * report, one after another, and stops some at its first rung before their results complete them;
   * those decisions are read off here, so that a test sees only its own.
   */
  private void fiveCompleted() {
    for (int k = 0; k < 5; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 0.5 - 0.05 * k));
    }
    monitor.decisions();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldStopAtOnceAsDivergedWhenAMaximisedMetricTurnsNaNAfterAGoodStart(String rule) {
    // Given a maximised accuracy, the rule with its defaults and five completed trials
    monitor.submit(Direction.MAXIMIZE, EPOCHS, "{rule: " + rule + "}");
    fiveCompleted();
    // When a trial better than all of them reports 0.9, 0.92, 0.93 and then NaN
    monitor.curve("t", EPOCHS, 0.9, 0.92, 0.93, Double.NaN);
    // Then it is stopped at step 4 as diverged, in accuracies, and once only
    monitor.metric("t", 1, 5, Double.NaN, EPOCHS);
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getTrialId()).isEqualTo(monitor.id("t"));
              assertThat(d.getRule()).isEqualTo("diverged");
              assertThat(d.getStep()).isEqualTo(4);
              assertThat(d.getValue()).isNaN();
              assertThat(d.getThreshold()).isEqualTo(0.93);
              assertThat(d.getReason())
                  .isEqualTo("the metric became NaN at step 4 after a best of 0.93 at step 3");
            });
  }

  @Test
  void shouldRecogniseItsOwnDivergedDecisionWhenItReadsTrialControlBack() {
    // Given a median study and a trial the monitor stopped as diverged
    monitor.submit(Direction.MAXIMIZE, EPOCHS, "{rule: median}");
    fiveCompleted();
    monitor.curve("t", EPOCHS, 0.9, Double.NaN);
    StopDecision own = monitor.decisions().get(0);
    // When the decision comes back on trial-control, as every decision does
    monitor.forged.pipeInput(own.getStudyId(), own);
    // Then it is the monitor's own, though its rule is not the study's
    assertThat(own.getRule()).isEqualTo("diverged");
    assertThat(
            monitor.registry.find("streamtune.monitor.decisions.foreign").counters().stream()
                .mapToDouble(c -> c.count())
                .sum())
        .isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldStopAsDivergedWhenAMaximisedMetricBecomesInfinite(String rule) {
    // Given the same study
    monitor.submit(Direction.MAXIMIZE, EPOCHS, "{rule: " + rule + "}");
    fiveCompleted();
    // When a trial reports 0.9 and then +∞, which would be the best accuracy of all
    monitor.curve("t", EPOCHS, 0.9, Double.POSITIVE_INFINITY);
    // Then it is stopped as diverged, with the value in the metric's own sign
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getRule()).isEqualTo("diverged");
              assertThat(d.getStep()).isEqualTo(2);
              assertThat(d.getValue()).isEqualTo(Double.POSITIVE_INFINITY);
              assertThat(d.getReason())
                  .isEqualTo("the metric became Infinity at step 2 after a best of 0.9 at step 1");
            });
  }

  @Test
  void shouldNotStopAnythingWhenTheRuleIsNone() {
    // Given a study that asked for no early stopping
    monitor.submit(Direction.MAXIMIZE, EPOCHS, "none");
    fiveCompleted();
    // When a trial turns NaN
    monitor.curve("t", EPOCHS, 0.9, Double.NaN, Double.NaN);
    // Then nothing is stopped, a diverged run included: none means none
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldNotCountACompletedTrialAsAReferenceWhenItsFinalValueIsNaN() {
    // Given the median rule needing five references, four completed trials at a loss of 1.0 and a
    // fifth that completed on a NaN (no rule stops at the last step, where nothing is saved)
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median, min_trials: 5, min_step: 1}");
    for (int k = 0; k < 4; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1.0));
    }
    double[] nanAtTheEnd = flat(EPOCHS, 1.0);
    nanAtTheEnd[EPOCHS - 1] = Double.NaN;
    monitor.completed("c4", EPOCHS, nanAtTheEnd);
    assertThat(monitor.decisions()).as("nothing stopped at a last step").isEmpty();
    // When a trial twice as bad reports three epochs
    monitor.curve("t", EPOCHS, 2.0, 2.0, 2.0);
    // Then it continues: only four trials are references, the diverged one is not
    assertThat(monitor.decisions()).isEmpty();
    // And a fifth genuine reference is enough to stop it at its next epoch
    monitor.completed("c5", EPOCHS, flat(EPOCHS, 1.0));
    monitor.metric("t", 1, 4, 2.0, EPOCHS);
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(d -> assertThat(d.getRule()).isEqualTo("median"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void shouldNeverJudgeAFinishedTrialAgainWhenItsMetricsKeepComing(String rule) {
    // Given a minimised study, five completed trials, and a trial that completed too
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: " + rule + "}");
    for (int k = 0; k < 5; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1.0 + 0.1 * k));
    }
    monitor.completed("done", EPOCHS, flat(EPOCHS, 1.0));
    monitor.decisions(); // ASHA's decisions about the references, as they reported
    // When metrics for it keep coming: a repeated epoch, a NaN and a terrible value past its end
    monitor.metric("done", 1, 3, 50.0, EPOCHS);
    monitor.metric("done", 1, 4, Double.NaN, EPOCHS);
    monitor.metric("done", 1, EPOCHS + 1, 50.0, EPOCHS);
    // Then it is never judged again
    assertThat(monitor.decisions()).isEmpty();
    assertThat(monitor.trial("done").status).isEqualTo(CurveBook.Status.COMPLETED);
    // And a trial that was stopped is not stopped twice when it goes on reporting NaN
    monitor.curve("bad", EPOCHS, 1.0, Double.NaN);
    monitor.metric("bad", 1, 3, Double.NaN, EPOCHS);
    monitor.result("bad", TrialStatus.PRUNED, 3, EPOCHS);
    monitor.metric("bad", 1, 4, Double.NaN, EPOCHS);
    assertThat(monitor.decisions()).extracting(StopDecision::getStep).containsExactly(2);
  }
}
