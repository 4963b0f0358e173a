package io.streamtune.monitor;

import static io.streamtune.monitor.MonitorDriver.STUDY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.StudySpecParser;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trials that their trainer's patience ended ({@code early_stop}), through the topology: their
 * curves are references for the median rule up to their last epoch, and their end makes no
 * decision.
 */
class MonitorPatienceTopologyTest {

  private static final int EPOCHS = 10;

  /** The median rule with one reference trial from step 2. */
  private static final String MEDIAN = "{rule: median, min_trials: 1, min_step: 2}";

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

  private void submit(String earlyStop) {
    submit(MEDIAN, earlyStop);
  }

  private void submit(String stopping, String earlyStop) {
    StudySpec spec =
        StudySpecParser.parse(
            """
            study: %s
            objective: branin
            n_trials: %d
            max_epochs: %d
            space:
              x1: {type: real, low: 0, high: 1}
              x2: {type: real, low: 0, high: 1}
            stopping: %s
            %s
            """
                .formatted(STUDY, MonitorDriver.N_TRIALS, EPOCHS, stopping, earlyStop));
    monitor.studies.pipeInput(STUDY, spec);
  }

  /** The result of a trial that ran {@code epochs} and was pruned by {@code rule}. */
  private void pruned(String name, int epochs, String rule) {
    TrialResult r = monitor.trialResult(monitor.id(name), TrialStatus.PRUNED, epochs, EPOCHS);
    r.setStopRule(rule);
    r.setStopStep(epochs);
    monitor.send(STUDY, r);
  }

  @Test
  void shouldJudgeLaterTrialsAgainstAPatienceStoppedCurveWhenItsResultHasArrived() {
    // Given a study with patience 2, and a trial whose loss flattens at 0.5 and that its trainer
    // stopped at epoch 4
    submit("early_stop: {patience: 2}");
    monitor.curve("p", EPOCHS, 1.0, 0.5, 0.5, 0.5);
    pruned("p", 4, "patience");
    // Then its end is no decision of the monitor's, and its curve is kept as a reference
    assertThat(monitor.decisions()).isEmpty();
    assertThat(monitor.trial("p").status).isEqualTo(CurveBook.Status.COMPLETED);
    // When a trial worse than its running average (0.75 at step 2) reports two epochs
    monitor.curve("t", EPOCHS, 3.0, 3.0);
    // Then the median rule stops it against that one reference
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getTrialId()).isEqualTo(monitor.id("t"));
              assertThat(d.getRule()).isEqualTo("median");
              assertThat(d.getStep()).isEqualTo(2);
              assertThat(d.getThreshold()).isCloseTo(0.75, within(1e-12));
              assertThat(d.getReason()).contains("of 1 completed trials");
            });
  }

  @Test
  void shouldUseAPatienceStoppedCurveOnlyUpToItsLastEpochWhenLaterStepsAreJudged() {
    // Given the median rule from step 5, and a reference that patience ended at epoch 4
    submit("{rule: median, min_trials: 1, min_step: 5}", "early_stop: {patience: 2}");
    monitor.curve("p", EPOCHS, 1.0, 0.5, 0.5, 0.5);
    pruned("p", 4, "patience");
    // When a clearly worse trial reports six epochs
    monitor.curve("t", EPOCHS, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0);
    // Then nothing is stopped: the reference has no running average at steps 5 and 6
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldKeepTheLastMetricsWhenThePatienceResultOvertakesThem() {
    // Given a patience result that arrives before the last epoch's metric (another topic)
    submit("early_stop: {patience: 2}");
    monitor.curve("p", EPOCHS, 1.0, 0.5, 0.5);
    pruned("p", 4, "patience");
    // When the metric of epoch 4 arrives after it
    monitor.metric("p", 1, 4, 0.5, EPOCHS);
    // Then the curve is completed with it, and it is not judged
    assertThat(monitor.trial("p").values).containsExactly(1.0, 0.5, 0.5, 0.5);
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldNotUseACurveAsAReferenceWhenTheMonitorPrunedIt() {
    // Given a trial pruned by a rule, not by patience: its curve is no reference, as before
    submit("early_stop: {patience: 2}");
    monitor.curve("p", EPOCHS, 1.0, 0.5, 0.5, 0.5);
    pruned("p", 4, "median");
    monitor.curve("t", EPOCHS, 3.0, 3.0);
    assertThat(monitor.trial("p").status).isEqualTo(CurveBook.Status.PRUNED);
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldNotBelieveAPatienceResultWhenTheStudyHasNoEarlyStop() {
    // No trainer of this study can have ended a trial by patience
    submit("");
    monitor.curve("p", EPOCHS, 1.0, 0.5, 0.5, 0.5);
    pruned("p", 4, "patience");
    assertThat(monitor.trial("p").status).isEqualTo(CurveBook.Status.PRUNED);
  }

  @Test
  void shouldKeepATrialTheMonitorStoppedOutOfTheReferencesWhenPatienceEndedItToo() {
    // Given a completed reference at 1.0, and a trial the median rule stops at step 2
    submit("early_stop: {patience: 2}");
    monitor.completed("c", EPOCHS, MonitorDriver.flat(EPOCHS, 1.0));
    monitor.curve("p", EPOCHS, 3.0, 3.0);
    StopDecision stopped = monitor.decisions().get(0);
    assertThat(stopped.getTrialId()).isEqualTo(monitor.id("p"));
    // When its trainer reports that patience ended it at epoch 3, before the decision landed
    monitor.metric("p", 1, 3, 3.0, EPOCHS);
    pruned("p", 3, "patience");
    // Then a rule judged it worse than others, so it stays out of the references
    assertThat(monitor.trial("p").status).isEqualTo(CurveBook.Status.PRUNED);
    assertThat(monitor.decisions()).isEmpty();
  }
}
