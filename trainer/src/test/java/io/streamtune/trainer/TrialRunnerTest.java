package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.streamtune.avro.Direction;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class TrialRunnerTest {

  private static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(1_000), ZoneOffset.UTC);
  private static final BooleanSupplier NEVER = () -> false;

  private final List<EpochMetric> seen = new ArrayList<>();

  private static ObjectiveRegistry registry() {
    return BuiltinObjectives.registry()
        .register(
            "throws",
            () ->
                ctx -> {
                  ctx.reportEpoch(1, 5.0);
                  throw new IllegalStateException(
                      "objective blew up", new ArithmeticException("divide by zero"));
                })
        .register(
            "oom",
            () ->
                ctx -> {
                  throw new OutOfMemoryError("Java heap space");
                })
        .register(
            "nan-epoch",
            () ->
                ctx -> {
                  ctx.reportEpoch(1, 2.0);
                  ctx.reportEpoch(2, Double.NaN);
                  return new ObjectiveResult(1.0, 2, false, Map.of());
                })
        .register("nan-final", () -> ctx -> new ObjectiveResult(Double.NaN, 0, false, Map.of()))
        .register("final-only", () -> ctx -> new ObjectiveResult(0.5, 0, false, Map.of()))
        .register(
            "infinite",
            () ->
                ctx -> {
                  ctx.reportEpoch(1, Double.POSITIVE_INFINITY);
                  return new ObjectiveResult(1.0, 1, false, Map.of());
                })
        .register(
            "interrupted",
            () ->
                ctx -> {
                  throw new InterruptedException("shutdown");
                });
  }

  private static TrialRequest request(String objective, int maxEpochs) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("x1", 3.14);
    params.put("x2", 2.27);
    return TrialRequest.newBuilder()
        .setStudyId("s")
        .setTrialId("s-t0004")
        .setTrialNumber(4)
        .setParams(params)
        .setObjective(new ObjectiveSpec(objective, Map.of("epoch_ms", "0", "noise", "0")))
        .setMetric(new MetricSpec("loss", Direction.MINIMIZE))
        .setMaxEpochs(maxEpochs)
        .build();
  }

  private TrialResult run(String objective, int maxEpochs, BooleanSupplier stop) {
    return new TrialRunner(registry(), "worker-1", CLOCK)
        .run(request(objective, maxEpochs), 2, seen::add, stop);
  }

  @Test
  void shouldReportFailedWithErrorWhenObjectiveThrows() {
    // Given an objective that throws after one epoch
    // When
    TrialResult r = run("throws", 10, NEVER);
    // Then
    assertThat(r.getStatus()).isEqualTo(TrialStatus.FAILED);
    assertThat(r.getValue()).isNull();
    assertThat(r.getError())
        .contains("IllegalStateException: objective blew up")
        .contains("caused by ArithmeticException: divide by zero");
    assertThat(r.getEpochsRun()).isEqualTo(1);
    assertThat(r.getTrialId()).isEqualTo("s-t0004");
    assertThat(r.getAttempt()).isEqualTo(2);
    assertThat(r.getWorker()).isEqualTo("worker-1");
  }

  @Test
  void shouldNotThrowWhenObjectiveThrowsOutOfMemoryError() {
    // Given an objective that runs out of memory
    TrialRunner runner = new TrialRunner(registry(), "worker-1", CLOCK);
    // When / Then the worker survives and reports the trial as FAILED
    TrialResult[] out = new TrialResult[1];
    assertThatCode(() -> out[0] = runner.run(request("oom", 10), 1, seen::add, NEVER))
        .doesNotThrowAnyException();
    assertThat(out[0].getStatus()).isEqualTo(TrialStatus.FAILED);
    assertThat(out[0].getError()).contains("OutOfMemoryError").contains("Java heap space");
  }

  @Test
  void shouldReportFailedWhenObjectiveIsUnknown() {
    TrialResult r = run("no-such-objective", 10, NEVER);
    assertThat(r.getStatus()).isEqualTo(TrialStatus.FAILED);
    assertThat(r.getError()).contains("unknown objective 'no-such-objective'");
  }

  @Test
  void shouldReportFailedWhenAnEpochMetricIsNaN() {
    // When
    TrialResult r = run("nan-epoch", 10, NEVER);
    // Then the NaN is not published as a metric, and the trial fails naming the epoch
    assertThat(r.getStatus()).isEqualTo(TrialStatus.FAILED);
    assertThat(r.getError()).contains("non-finite").contains("NaN").contains("epoch 2");
    assertThat(r.getValue()).isNull();
    assertThat(seen).extracting(EpochMetric::getEpoch).containsExactly(1);
  }

  @Test
  void shouldReportFailedWhenFinalValueIsNaNOrAMetricIsInfinite() {
    assertThat(run("nan-final", 10, NEVER).getStatus()).isEqualTo(TrialStatus.FAILED);
    TrialResult inf = run("infinite", 10, NEVER);
    assertThat(inf.getStatus()).isEqualTo(TrialStatus.FAILED);
    assertThat(inf.getError()).contains("Infinity");
    assertThat(seen).isEmpty();
  }

  @Test
  void shouldPruneWithoutAValueWhenTheStopComesBeforeTheFirstEpoch() {
    // Given an objective that ends without a metric, because a stop was requested before any
    TrialResult r = run("nan-final", 10, () -> true);
    // Then nothing was measured: PRUNED with no value, not FAILED for a NaN
    assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
    assertThat(r.getValue()).isNull();
    assertThat(r.getEpochsRun()).isZero();
    assertThat(r.getError()).isNull();
  }

  @Test
  void shouldKeepTheValueWhenAnObjectiveThatReportsNoEpochEndsWhileAStopIsPending() {
    // Given an objective that prints only a final value (no epoch lines), and a stop order
    TrialResult r = run("final-only", 10, () -> true);
    // Then its value was measured and is kept: a stop does not erase a finished measurement
    assertThat(r.getValue()).isEqualTo(0.5);
    assertThat(r.getError()).isNull();
  }

  @Test
  void shouldReportFailedAndKeepInterruptFlagWhenInterrupted() {
    try {
      TrialResult r = run("interrupted", 10, NEVER);
      assertThat(r.getStatus()).isEqualTo(TrialStatus.FAILED);
      assertThat(r.getError()).isEqualTo("interrupted");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted(); // clear it for the next test
    }
  }

  @Test
  void shouldPruneAtEpochThreeWhenStopIsRequestedAfterEpochThree() {
    // Given a stop signal that turns on once three epochs were published
    BooleanSupplier stopAfterThree = () -> seen.size() >= 3;
    // When
    TrialResult r = run("branin", 10, stopAfterThree);
    // Then
    assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
    assertThat(r.getEpochsRun()).isEqualTo(3);
    assertThat(r.getValue()).isEqualTo(seen.get(2).getValue());
    assertThat(seen).extracting(EpochMetric::getEpoch).containsExactly(1, 2, 3);
    assertThat(seen)
        .allSatisfy(
            m -> {
              assertThat(m.getTrialId()).isEqualTo("s-t0004");
              assertThat(m.getAttempt()).isEqualTo(2);
              assertThat(m.getMaxEpochs()).isEqualTo(10);
              assertThat(m.getWorker()).isEqualTo("worker-1");
              assertThat(m.getTimestamp()).isEqualTo(1_000L);
            });
  }

  @Test
  void shouldCompleteAllEpochsWhenNoStopIsRequested() {
    // When
    TrialResult r = run("branin", 6, NEVER);
    // Then
    assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(r.getEpochsRun()).isEqualTo(6);
    assertThat(r.getError()).isNull();
    assertThat(r.getValue()).isEqualTo(seen.get(5).getValue());
    assertThat(seen).extracting(EpochMetric::getEpoch).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(r.getExtraMetrics()).containsKey("true_value");
    assertThat(r.getParams()).containsEntry("x1", 3.14);
  }

  @Test
  void shouldCompleteWhenTheStopArrivesWithTheLastEpoch() {
    // Given a stop signal that turns on only as the final epoch is reported
    BooleanSupplier stopAtEnd = () -> seen.size() >= 6;
    // When
    TrialResult r = run("branin", 6, stopAtEnd);
    // Then nothing was saved, so the trial counts as completed
    assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
    assertThat(r.getEpochsRun()).isEqualTo(6);
  }

  @Test
  void shouldProduceSameCurveWhenSameTrialIsRunAgain() {
    // Given noise on, so that the curve depends on the seed
    TrialRequest req = request("branin", 4);
    req.setObjective(new ObjectiveSpec("branin", Map.of("epoch_ms", "0", "noise", "2")));
    List<EpochMetric> first = new ArrayList<>();
    List<EpochMetric> second = new ArrayList<>();
    TrialRunner runner = new TrialRunner(registry(), "w", CLOCK);
    // When
    runner.run(req, 1, first::add, NEVER);
    runner.run(req, 2, second::add, NEVER);
    // Then a re-run (another attempt) sees the same randomness
    assertThat(second)
        .extracting(EpochMetric::getValue)
        .containsExactlyElementsOf(first.stream().map(EpochMetric::getValue).toList());
  }
}
