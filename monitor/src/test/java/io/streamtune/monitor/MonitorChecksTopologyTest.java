package io.streamtune.monitor;

import static io.streamtune.monitor.MonitorDriver.STUDY;
import static io.streamtune.monitor.MonitorDriver.flat;
import static io.streamtune.monitor.MonitorDriver.trialId;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.Direction;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Records that do not agree with their study's spec, as a careless or hostile client on a shared
 * cluster might write them: the monitor ignores them, creates no state for them, and counts them by
 * reason.
 */
class MonitorChecksTopologyTest {

  private static final int EPOCHS = 10;
  private static final String METRICS = Topics.TRIAL_METRICS.name();
  private static final String RESULTS = Topics.TRIAL_RESULTS.name();

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

  /** A metric of trial 0 at epoch 1 that agrees with the spec, changed by {@code change}. */
  private static Arguments metric(String what, String reason, Consumer<EpochMetric> change) {
    return Arguments.of(what, reason, change);
  }

  static Stream<Arguments> badMetrics() {
    return Stream.of(
        metric("epoch 0", "epoch_out_of_range", m -> m.setEpoch(0)),
        metric("epoch beyond max_epochs", "epoch_out_of_range", m -> m.setEpoch(EPOCHS + 1)),
        metric("attempt 0", "attempt_out_of_range", m -> m.setAttempt(0)),
        metric("attempt 1001", "attempt_out_of_range", m -> m.setAttempt(1001)),
        metric("trial number n_trials", "unknown_trial", m -> m.setTrialId(trialId(STUDY, 50))),
        metric("another study's trial", "unknown_trial", m -> m.setTrialId(trialId("s", 1))),
        metric("three digits", "unknown_trial", m -> m.setTrialId(STUDY + "-t001")),
        metric("not a trial id", "unknown_trial", m -> m.setTrialId("bad")),
        metric("another budget", "budget_mismatch", m -> m.setMaxEpochs(EPOCHS + 1)),
        metric("an unknown study", "unknown_study", m -> m.setStudyId("ghost")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badMetrics")
  void shouldIgnoreAndCountMetricWhenItDisagreesWithTheSpec(
      String what, String reason, Consumer<EpochMetric> change) {
    // Given a study of 50 trials and 10 epochs
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    EpochMetric m = monitor.epochMetric(STUDY, trialId(STUDY, 0), 1, 1, 1.0, EPOCHS);
    change.accept(m);
    // When the metric arrives under its own study id as the key
    monitor.send(m.getStudyId(), m);
    // Then nothing is stored, and it is counted under its reason only
    assertThat(monitor.storeKeys()).isEmpty();
    assertThat(monitor.ignored(METRICS, reason)).isEqualTo(1);
    assertThat(ignoredInAll()).isEqualTo(1);
  }

  @Test
  void shouldAcceptMetricsWhenTheyAreAtTheSpecsBounds() {
    // Given
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    // When the last trial reports its last epoch, and trial 0 reports from attempt 1000
    monitor.send(STUDY, monitor.epochMetric(STUDY, trialId(STUDY, 49), 1, EPOCHS, 1.0, EPOCHS));
    monitor.send(STUDY, monitor.epochMetric(STUDY, trialId(STUDY, 0), 1000, 1, 1.0, EPOCHS));
    // Then both are stored, and nothing is ignored
    assertThat(monitor.storeKeys())
        .containsExactlyInAnyOrder(
            STUDY + "|" + trialId(STUDY, 49), STUDY + "|" + trialId(STUDY, 0));
    assertThat(ignoredInAll()).isZero();
  }

  @Test
  void shouldKeepTheStoreSmallWhenAMetricClaimsEpochOneMillion() {
    // Given a trial that has reported epoch 1
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    monitor.metric("t", 1, 1, 1.0, EPOCHS);
    // When a metric of the same trial claims epoch 1,000,000, with a budget to match
    monitor.metric("t", 1, 1_000_000, 1.0, EPOCHS);
    monitor.metric("t", 1, 1_000_000, 1.0, 1_000_000);
    // Then its stored curve still has one value, and its state record stays tiny
    CurveBook.Trial stored = monitor.trial("t");
    assertThat(stored.values).containsExactly(1.0);
    assertThat(stored.maxSteps).isEqualTo(EPOCHS);
    KeyValueStore<String, CurveBook.Trial> store =
        monitor.driver.getKeyValueStore(MonitorTopology.CURVES_STORE);
    byte[] bytes =
        JsonSerde.of(CurveBook.Trial.class)
            .serializer()
            .serialize("", store.get(STUDY + "|" + monitor.id("t")));
    assertThat(bytes.length).isLessThan(200);
    assertThat(monitor.ignored(METRICS, "epoch_out_of_range")).isEqualTo(1);
    assertThat(monitor.ignored(METRICS, "budget_mismatch")).isEqualTo(1);
  }

  @Test
  void shouldIgnoreMetricWithoutStudyMetersWhenItsStudyIsUnknown() {
    // Given no spec for study "ghost"
    // When it reports a curve
    monitor.metric("ghost", "t", 1, 1, 1.0, EPOCHS);
    monitor.metric("ghost", "t", 1, 2, 1.0, EPOCHS);
    // Then nothing is stored, the count carries no study, and the study is not active
    assertThat(monitor.storeKeys()).isEmpty();
    assertThat(monitor.ignored(METRICS, "unknown_study")).isEqualTo(2);
    assertThat(monitor.registry.getMeters())
        .noneMatch(meter -> meter.getId().getTag("study") != null);
    assertThat(monitor.registry.get("streamtune.monitor.studies.active").gauge().value()).isZero();
  }

  @Test
  void shouldIgnoreMetricWhenItsKeyIsAnotherStudy() {
    // Given two studies
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    monitor.submit("other", Direction.MINIMIZE, EPOCHS, "{rule: median}");
    // When a metric of st arrives keyed as "other", i.e. on other's partition
    monitor.send("other", monitor.epochMetric(STUDY, trialId(STUDY, 0), 1, 1, 1.0, EPOCHS));
    // Then
    assertThat(monitor.storeKeys()).isEmpty();
    assertThat(monitor.ignored(METRICS, "key_mismatch")).isEqualTo(1);
  }

  static Stream<Arguments> badResults() {
    return Stream.of(
        result("attempt 0", "attempt_out_of_range", r -> r.setAttempt(0)),
        result("attempt 1001", "attempt_out_of_range", r -> r.setAttempt(1001)),
        result("trial number n_trials", "unknown_trial", r -> r.setTrialId(trialId(STUDY, 50))),
        result("another trial number", "unknown_trial", r -> r.setTrialNumber(1)),
        result("another budget", "budget_mismatch", r -> r.setMaxEpochs(1_000_000)),
        result("negative epochs run", "epoch_out_of_range", r -> r.setEpochsRun(-1_000_000)),
        result("epochs run beyond budget", "epoch_out_of_range", r -> r.setEpochsRun(EPOCHS + 1)),
        result("an unknown study", "unknown_study", r -> r.setStudyId("ghost")));
  }

  private static Arguments result(String what, String reason, Consumer<TrialResult> change) {
    return Arguments.of(what, reason, change);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badResults")
  void shouldIgnoreAndCountResultWhenItDisagreesWithTheSpec(
      String what, String reason, Consumer<TrialResult> change) {
    // Given a study with trial 0 running at epoch 2
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    monitor.curve("t", EPOCHS, 1.0, 1.0);
    TrialResult r = monitor.trialResult(monitor.id("t"), TrialStatus.PRUNED, 2, EPOCHS);
    change.accept(r);
    // When a result that disagrees with the spec arrives
    monitor.send(r.getStudyId(), r);
    // Then the running trial is untouched, nothing else is stored, no epochs count as saved
    assertThat(monitor.storeKeys()).containsExactly(STUDY + "|" + monitor.id("t"));
    assertThat(monitor.trial("t").status).isEqualTo(CurveBook.Status.RUNNING);
    assertThat(monitor.trial("t").values).containsExactly(1.0, 1.0);
    assertThat(monitor.counter("streamtune.monitor.epochs.saved", "study", STUDY)).isZero();
    assertThat(monitor.ignored(RESULTS, reason)).isEqualTo(1);
    assertThat(ignoredInAll()).isEqualTo(1);
  }

  @Test
  void shouldIgnoreResultWhenItsKeyIsAnotherStudy() {
    // Given
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    // When
    monitor.send("other", monitor.trialResult(monitor.id("t"), TrialStatus.FAILED, 0, EPOCHS));
    // Then
    assertThat(monitor.storeKeys()).isEmpty();
    assertThat(monitor.ignored(RESULTS, "key_mismatch")).isEqualTo(1);
  }

  @Test
  void shouldIgnoreResultWhenItsAttemptWasReplaced() {
    // Given a trial whose attempt 2 is running
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    monitor.metric("t", 1, 1, 1.0, EPOCHS);
    monitor.metric("t", 2, 1, 2.0, EPOCHS);
    // When attempt 1's result arrives
    monitor.result("t", TrialStatus.FAILED, 1, EPOCHS);
    // Then attempt 2 runs on, and the result counts as late
    assertThat(monitor.trial("t").attempt).isEqualTo(2);
    assertThat(monitor.trial("t").status).isEqualTo(CurveBook.Status.RUNNING);
    assertThat(monitor.ignored(RESULTS, "late")).isEqualTo(1);
  }

  @Test
  void shouldCountPrunedEpochsAgainstTheSpecsBudgetWhenAResultArrives() {
    // Given
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    monitor.curve("t", EPOCHS, 1.0, 1.0, 1.0);
    // When it is pruned after 3 of 10 epochs
    monitor.result("t", TrialStatus.PRUNED, 3, EPOCHS);
    // Then
    assertThat(monitor.counter("streamtune.monitor.epochs.saved", "study", STUDY)).isEqualTo(7);
    assertThat(monitor.trial("t").status).isEqualTo(CurveBook.Status.PRUNED);
  }

  @Test
  void shouldSkipSpecWhenItsKeyIsNotItsStudyId() {
    // Given a spec of study "st" sent under the key "other"
    StudySpec spec = monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
    monitor.studies.pipeInput("other", spec);
    // When metrics of study "other" arrive
    monitor.metric("other", "t", 1, 1, 1.0, EPOCHS);
    // Then "other" has no spec, and the skipped spec is counted
    assertThat(monitor.storeKeys()).isEmpty();
    assertThat(monitor.ignored(Topics.STUDIES.name(), "key_mismatch")).isEqualTo(1);
    assertThat(monitor.ignored(METRICS, "unknown_study")).isEqualTo(1);
  }

  @Test
  void shouldStillDecideForAValidStudyWhenBadRecordsArriveInBetween() {
    // Given five completed trials and bad records between every good one
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median, min_trials: 5, min_step: 3}");
    for (int k = 0; k < 5; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1.0));
      monitor.metric("c" + k, 1, 1_000_000, 9.0, EPOCHS);
      monitor.metric("ghost", "c" + k, 1, 1, 9.0, EPOCHS);
    }
    // When a clearly worse trial reports three epochs
    monitor.curve("bad", EPOCHS, 5.0, 5.0, 5.0);
    // Then it is stopped at step 3
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(d -> assertThat(d.getTrialId()).isEqualTo(monitor.id("bad")));
    assertThat(ignoredInAll()).isEqualTo(10);
  }

  @Test
  void shouldDeadLetterMetricWhenItHasNoValue() {
    try (MonitorDriver alo =
        new MonitorDriver(stateDir.resolve("alo"), StreamsConfig.AT_LEAST_ONCE)) {
      // Given a metric cut off after its epoch, before its value (value is a required field, so a
      // record without it cannot be decoded; see MonitorDriver on why not EOS)
      alo.submit(Direction.MINIMIZE, EPOCHS, "{rule: median}");
      EpochMetric m = alo.epochMetric(STUDY, trialId(STUDY, 0), 1, 1, 1.0, EPOCHS);
      m.setTimestamp(0L);
      m.setWorker("");
      byte[] whole = Topics.TRIAL_METRICS.valueSerde().serializer().serialize(METRICS, m);
      // value (8 bytes), then max_epochs, bracket, worker's length and timestamp (1 byte each)
      byte[] noValue = Arrays.copyOf(whole, whole.length - 12);
      // When
      alo.rawMetrics.pipeInput(STUDY, noValue);
      // Then it is dead-lettered, and nothing is stored
      assertThat(alo.deadLetters.readRecord().value()).isEqualTo(noValue);
      assertThat(alo.storeKeys()).isEmpty();
    }
  }

  private double ignoredInAll() {
    return monitor.registry.find("streamtune.monitor.records.ignored").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }
}
