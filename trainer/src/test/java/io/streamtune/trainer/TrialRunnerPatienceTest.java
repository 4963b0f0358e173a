package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.Direction;
import io.streamtune.avro.EarlyStopSpec;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.MetricSpec;
import io.streamtune.avro.ObjectiveSpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.trainer.objective.ObjectiveRegistry;
import io.streamtune.trainer.objective.ObjectiveResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** The request's early_stop, applied by the runner to the curve an objective reports. */
class TrialRunnerPatienceTest {

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);
  private static final BooleanSupplier NEVER = () -> false;

  /** A loss that is best (0.25) at epoch 3 and worse after: patience 2 runs out at epoch 5. */
  private static final double[] PLATEAU = {1.0, 0.5, 0.25, 0.375, 0.5, 0.25, 0.125, 0.0625};

  private final List<EpochMetric> seen = new ArrayList<>();

  /** Reports {@code curve} epoch by epoch, as objectives do, and stops when told to. */
  private static ObjectiveRegistry scripted(double[] curve) {
    return new ObjectiveRegistry()
        .register(
            "script",
            () ->
                ctx -> {
                  for (int e = 1; e <= ctx.maxEpochs(); e++) {
                    if (!ctx.reportEpoch(e, curve[e - 1])) {
                      return new ObjectiveResult(curve[e - 1], e, true, Map.of());
                    }
                  }
                  return new ObjectiveResult(
                      curve[ctx.maxEpochs() - 1], ctx.maxEpochs(), false, Map.of());
                });
  }

  private static TrialRequest request(EarlyStopSpec earlyStop, Direction direction, int epochs) {
    return TrialRequest.newBuilder()
        .setStudyId("s")
        .setTrialId("s-t0004")
        .setTrialNumber(4)
        .setParams(Map.of("x", 1.0))
        .setObjective(new ObjectiveSpec("script", Map.of()))
        .setMetric(new MetricSpec(direction == Direction.MINIMIZE ? "loss" : "acc", direction))
        .setMaxEpochs(epochs)
        .setEarlyStop(earlyStop)
        .build();
  }

  private TrialResult run(double[] curve, TrialRequest request, BooleanSupplier stop) {
    return new TrialRunner(scripted(curve), "w", CLOCK).run(request, 1, seen::add, stop);
  }

  @Test
  void shouldPruneByPatienceWithTheLastValueWhenTheLossStopsImproving() {
    // Given patience 2 over a loss that is best at epoch 3
    TrialRequest request = request(new EarlyStopSpec(2, 0.0, false), Direction.MINIMIZE, 8);
    // When
    TrialResult r = run(PLATEAU, request, NEVER);
    // Then the trial ends at epoch 5 by its own rule, with the last value, every epoch published
    assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
    assertThat(r.getEpochsRun()).isEqualTo(5);
    assertThat(r.getValue()).isEqualTo(0.5);
    assertThat(r.getStopRule()).isEqualTo("patience");
    assertThat(r.getStopStep()).isEqualTo(5);
    assertThat(r.getStopReason())
        .isEqualTo("no improvement of more than 0 in loss for 2 epochs; best 0.25 at epoch 3");
    assertThat(seen).extracting(EpochMetric::getEpoch).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void shouldReportTheBestEpochsValueWhenRestoreBestIsOn() {
    TrialRequest request = request(new EarlyStopSpec(2, 0.0, true), Direction.MINIMIZE, 8);
    TrialResult r = run(PLATEAU, request, NEVER);
    assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
    assertThat(r.getValue()).isEqualTo(0.25);
    assertThat(r.getStopReason()).endsWith("best 0.25 at epoch 3, restored as the trial's value");
  }

  @Test
  void shouldRunEveryEpochWhenEarlyStopIsOff() {
    TrialResult r = run(PLATEAU, request(null, Direction.MINIMIZE, 8), NEVER);
    assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(r.getEpochsRun()).isEqualTo(8);
    assertThat(r.getValue()).isEqualTo(0.0625);
    assertThat(r.getStopRule()).isEmpty();
  }

  @Test
  void shouldCountInTheMetricsDirectionWhenItIsMaximised() {
    // Given the same numbers as an accuracy: it rises at every epoch up to 1.0, then falls
    double[] accuracy = {0.25, 0.5, 1.0, 0.5, 0.75, 0.875, 0.9375, 0.96875};
    TrialRequest request = request(new EarlyStopSpec(2, 0.0, true), Direction.MAXIMIZE, 8);
    // When
    TrialResult r = run(accuracy, request, NEVER);
    // Then epochs 4 and 5 are below the best 1.0 at epoch 3, and 1.0 is the value
    assertThat(r.getStopStep()).isEqualTo(5);
    assertThat(r.getValue()).isEqualTo(1.0);
    assertThat(r.getStopReason()).contains("in acc for 2 epochs; best 1 at epoch 3");
  }

  @Test
  void shouldFailRatherThanPruneWhenAnEpochIsNaN() {
    // Given patience 1 and a NaN at epoch 2, which would otherwise be "no improvement"
    double[] curve = {1.0, Double.NaN, 0.5, 0.5};
    TrialResult r =
        run(curve, request(new EarlyStopSpec(1, 0.0, true), Direction.MINIMIZE, 4), NEVER);
    // Then the trial fails as before, and the NaN is not published
    assertThat(r.getStatus()).isEqualTo(TrialStatus.FAILED);
    assertThat(r.getError()).contains("NaN").contains("epoch 2");
    assertThat(r.getStopRule()).isEmpty();
    assertThat(seen).extracting(EpochMetric::getEpoch).containsExactly(1);
  }

  @Test
  void shouldLeaveTheRuleToTheReporterWhenAStopFromOutsideComesFirst() {
    // Given a stop (the monitor's) once two epochs were published, before patience runs out
    BooleanSupplier afterTwo = () -> seen.size() >= 2;
    TrialRequest request = request(new EarlyStopSpec(2, 0.0, true), Direction.MINIMIZE, 8);
    // When
    TrialResult r = run(PLATEAU, request, afterTwo);
    // Then it is pruned at epoch 2 with its last value, and no rule of the runner's
    assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
    assertThat(r.getEpochsRun()).isEqualTo(2);
    assertThat(r.getValue()).as("restore_best is patience's, not the monitor's").isEqualTo(0.5);
    assertThat(r.getStopRule()).isEmpty();
  }

  @Test
  void shouldNamePatienceWhenItRunsOutAtTheEpochAStopArrives() {
    // Given a stop from outside that is there when epoch 5, patience's last, is reported
    BooleanSupplier atFive = () -> seen.size() >= 5;
    TrialRequest request = request(new EarlyStopSpec(2, 0.0, false), Direction.MINIMIZE, 8);
    // When
    TrialResult r = run(PLATEAU, request, atFive);
    // Then the trial's own rule ended it
    assertThat(r.getStopRule()).isEqualTo("patience");
    assertThat(r.getStopStep()).isEqualTo(5);
  }

  @Test
  void shouldCompleteWhenPatienceRunsOutAtTheLastEpoch() {
    // Given a budget of 5 epochs: patience 2 runs out with the last one, which saves nothing
    TrialRequest request = request(new EarlyStopSpec(2, 0.0, true), Direction.MINIMIZE, 5);
    // When
    TrialResult r = run(PLATEAU, request, NEVER);
    // Then the trial completed, with the objective's own final value
    assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(r.getEpochsRun()).isEqualTo(5);
    assertThat(r.getValue()).isEqualTo(0.5);
    assertThat(r.getStopRule()).isEmpty();
  }
}
