package io.streamtune.monitor;

import static io.streamtune.monitor.MonitorDriver.flat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.avro.Direction;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor end to end through {@link MonitorTopology#buildTopology}, median rule and
 * bookkeeping.
 */
class MonitorTopologyTest {

  private static final int EPOCHS = 10;
  private static final String MEDIAN = "{rule: median, min_trials: 5, min_step: 3}";

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

  /**
   * Five completed trials with flat losses 1.0, 1.1, …, 1.4: median running average 1.2 at every
   * step.
   */
  private void fiveCompleted(double first, double step) {
    for (int k = 0; k < 5; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, first + k * step));
    }
  }

  @Test
  void shouldStopClearlyWorseTrialOnceWhenFiveTrialsCompleted() {
    // Given a minimize study with the median rule and five completed trials
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    fiveCompleted(1.0, 0.1);
    assertThat(monitor.decisions()).as("completed trials are never stopped").isEmpty();
    // When a clearly worse trial reports epochs 1 and 2 (before min_step) and then 3
    monitor.curve("bad", EPOCHS, 5.0, 4.8);
    List<StopDecision> beforeMinStep = monitor.decisions();
    monitor.metric("bad", 1, 3, 4.9, EPOCHS);
    // Then exactly one decision at step 3, with the evidence in the metric's own orientation
    assertThat(beforeMinStep).isEmpty();
    List<StopDecision> decisions = monitor.decisions();
    assertThat(decisions)
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getStudyId()).isEqualTo(MonitorDriver.STUDY);
              assertThat(d.getTrialId()).isEqualTo(monitor.id("bad"));
              assertThat(d.getAttempt()).isEqualTo(1);
              assertThat(d.getRule()).isEqualTo("median");
              assertThat(d.getStep()).isEqualTo(3);
              assertThat(d.getValue()).isEqualTo(4.8);
              assertThat(d.getThreshold()).isCloseTo(1.2, within(1e-12));
              assertThat(d.getReason()).contains("median");
            });
    assertThat(monitor.counter("streamtune.monitor.decisions", "rule", "median", "study", "st"))
        .isEqualTo(1);
  }

  @Test
  void shouldReportValueAndThresholdInMetricsOrientationWhenStudyMaximizes() {
    // Given a maximize study whose completed trials reach 0.9, 0.8, 0.7, 0.6, 0.5
    monitor.submit(Direction.MAXIMIZE, EPOCHS, MEDIAN);
    fiveCompleted(0.9, -0.1);
    // When a trial stays at an accuracy of 0.1 (best 0.2 at step 1)
    monitor.curve("bad", EPOCHS, 0.2, 0.1, 0.1);
    // Then the decision speaks in accuracies, not negated losses
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getStep()).isEqualTo(3);
              assertThat(d.getValue()).isEqualTo(0.2);
              assertThat(d.getThreshold()).isCloseTo(0.7, within(1e-12));
              assertThat(d.getReason())
                  .isEqualTo(
                      "best so far 0.2 is worse than the median 0.7 of 5 completed trials'"
                          + " running averages at step 3");
            });
  }

  @Test
  void shouldNotStopGoodTrialWhenItBeatsTheMedian() {
    // Given
    monitor.submit(Direction.MAXIMIZE, EPOCHS, MEDIAN);
    fiveCompleted(0.9, -0.1);
    // When a trial with accuracy 0.75 runs to the end
    monitor.curve("good", EPOCHS, flat(EPOCHS, 0.75));
    // Then
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldNotDecideUntilMinTrialsHaveCompleted() {
    // Given four completed trials and a fifth still running
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    for (int k = 0; k < 4; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1.0 + k * 0.1));
    }
    monitor.curve("c4", EPOCHS, flat(EPOCHS, 1.4));
    // When a clearly worse trial reports five epochs
    monitor.curve("bad", EPOCHS, flat(5, 5.0));
    // Then nothing is stopped yet ...
    assertThat(monitor.decisions()).isEmpty();
    // ... and once the fifth trial completes, the next metric stops it at that step
    monitor.result("c4", TrialStatus.COMPLETED, EPOCHS, EPOCHS);
    monitor.metric("bad", 1, 6, 5.0, EPOCHS);
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(d -> assertThat(d.getStep()).isEqualTo(6));
  }

  @Test
  void shouldNotCountPrunedOrFailedTrialsAsCompleted() {
    // Given four completed trials, one pruned and one failed
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    for (int k = 0; k < 4; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1.0));
    }
    monitor.curve("p", EPOCHS, flat(3, 1.0));
    monitor.result("p", TrialStatus.PRUNED, 3, EPOCHS);
    monitor.curve("f", EPOCHS, flat(3, 1.0));
    monitor.result("f", TrialStatus.FAILED, 3, EPOCHS);
    // When
    monitor.curve("bad", EPOCHS, flat(5, 5.0));
    // Then min_trials (5 completed) is not met
    assertThat(monitor.decisions()).isEmpty();
    assertThat(monitor.counter("streamtune.monitor.epochs.saved", "study", "st")).isEqualTo(7);
  }

  @Test
  void shouldNeverStopTrialTwiceWhenMoreMetricsArrive() {
    // Given a trial that was stopped at step 3
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    fiveCompleted(1.0, 0.1);
    monitor.curve("bad", EPOCHS, 5.0, 5.0, 5.0);
    assertThat(monitor.decisions()).hasSize(1);
    // When the trainer reports more epochs before it sees the decision, and a duplicate of epoch 3
    monitor.metric("bad", 1, 4, 5.0, EPOCHS);
    monitor.metric("bad", 1, 3, 5.0, EPOCHS);
    monitor.metric("bad", 1, 5, 6.0, EPOCHS);
    // Then no second decision, and the metrics count as ignored
    assertThat(monitor.decisions()).isEmpty();
    assertThat(monitor.counter("streamtune.monitor.metrics.ignored", "study", "st")).isEqualTo(3);
    assertThat(monitor.trial("bad").status).isEqualTo(CurveBook.Status.STOPPED);
    // And its PRUNED result records the epochs saved without a new decision
    monitor.result("bad", TrialStatus.PRUNED, 3, EPOCHS);
    monitor.metric("bad", 1, 6, 6.0, EPOCHS);
    assertThat(monitor.decisions()).isEmpty();
    assertThat(monitor.counter("streamtune.monitor.epochs.saved", "study", "st")).isEqualTo(7);
  }

  @Test
  void shouldIgnoreLateMetricWhenTrialHasFinished() {
    // Given five completed trials
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    fiveCompleted(1.0, 0.1);
    double[] before = monitor.trial("c4").values.clone();
    // When a late (replayed) metric with a terrible value arrives for a completed trial
    monitor.metric("c4", 1, 4, 99.0, EPOCHS);
    // Then it is not stopped, its curve is unchanged, and the metric is counted as ignored
    assertThat(monitor.decisions()).isEmpty();
    assertThat(monitor.trial("c4").values).containsExactly(before);
    assertThat(monitor.trial("c4").status).isEqualTo(CurveBook.Status.COMPLETED);
    assertThat(monitor.counter("streamtune.monitor.metrics.ignored", "study", "st")).isEqualTo(1);
    assertThat(monitor.ignored("trial-metrics", "late")).isEqualTo(1);
  }

  @Test
  void shouldResetCurveAndJudgeAgainWhenNewerAttemptReports() {
    // Given attempt 1 of a trial was stopped at step 3
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    fiveCompleted(1.0, 0.1);
    monitor.curve("r", EPOCHS, 5.0, 5.0, 5.0);
    assertThat(monitor.decisions()).extracting(StopDecision::getAttempt).containsExactly(1);
    // When attempt 2 (a re-run after a trainer died) reports epoch 1
    monitor.metric("r", 2, 1, 3.0, EPOCHS);
    // Then the curve starts again
    CurveBook.Trial t = monitor.trial("r");
    assertThat(t.attempt).isEqualTo(2);
    assertThat(t.values).containsExactly(3.0);
    assertThat(t.status).isEqualTo(CurveBook.Status.RUNNING);
    // And attempt 2 is judged on its own curve: nothing before min_step, one decision at step 3
    monitor.metric("r", 2, 2, 3.0, EPOCHS);
    assertThat(monitor.decisions()).isEmpty();
    monitor.metric("r", 2, 3, 3.0, EPOCHS);
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getAttempt()).isEqualTo(2);
              assertThat(d.getStep()).isEqualTo(3);
              assertThat(d.getValue()).isEqualTo(3.0);
            });
    // And a straggling metric of attempt 1 changes nothing
    monitor.metric("r", 1, 4, 0.1, EPOCHS);
    assertThat(monitor.trial("r").values).containsExactly(3.0, 3.0, 3.0);
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldNeverStopWhenRuleIsNone() {
    monitor.submit(Direction.MINIMIZE, EPOCHS, "none");
    fiveCompleted(1.0, 0.1);
    monitor.curve("bad", EPOCHS, flat(9, 50.0));
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldNotStopAtFinalEpochWhenTrialIsWorse() {
    // Given min_step above every step but the last
    monitor.submit(Direction.MINIMIZE, EPOCHS, "{rule: median, min_trials: 5, min_step: 10}");
    fiveCompleted(1.0, 0.1);
    // When a bad trial reports its final epoch
    monitor.curve("bad", EPOCHS, flat(EPOCHS, 5.0));
    // Then stopping it would save nothing
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldSkipPoisonMetricAndCarryOnWhenExactlyOnce() {
    // Given a study, and a record on trial-metrics that is not an Avro EpochMetric
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    // When the poison and then a good metric arrive
    monitor.rawMetrics.pipeInput(
        MonitorDriver.STUDY, "{\"epoch\": 1}".getBytes(StandardCharsets.UTF_8));
    monitor.metric("t", 1, 1, 1.0, EPOCHS);
    // Then the task did not fail, and the good metric is on its curve
    assertThat(monitor.trial("t").values).containsExactly(1.0);
    assertThat(monitor.decisions()).isEmpty();
  }

  @Test
  void shouldLeaveAnUndecodableResultToTheSuggesterWhenItDeadLettersThem() {
    try (MonitorDriver alo =
        new MonitorDriver(stateDir.resolve("alo"), StreamsConfig.AT_LEAST_ONCE)) {
      // Given a record on trial-results that is not an Avro TrialResult
      // When the monitor reads it
      alo.rawResults.pipeInput(MonitorDriver.STUDY, "garbage".getBytes(StandardCharsets.UTF_8));
      // Then it skips it without a dead letter: the suggester owns that topic's dead letters, so
      // one bad record gives one dead letter
      assertThat(alo.deadLetters.isEmpty()).isTrue();
      assertThat(alo.storeKeys()).isEmpty();
    }
  }

  @Test
  void shouldDeadLetterPoisonMetricWithReasonHeaders() {
    try (MonitorDriver alo =
        new MonitorDriver(stateDir.resolve("alo"), StreamsConfig.AT_LEAST_ONCE)) {
      // Given a record on trial-metrics that is not an Avro EpochMetric (see MonitorDriver on why
      // not EOS)
      byte[] poison = "{\"epoch\": 1}".getBytes(StandardCharsets.UTF_8);
      // When
      alo.rawMetrics.pipeInput(MonitorDriver.STUDY, poison);
      // Then it goes, unchanged, to the dead-letter topic with where it came from and why
      TestRecord<byte[], byte[]> dead = alo.deadLetters.readRecord();
      assertThat(dead.value()).isEqualTo(poison);
      assertThat(dead.key()).isEqualTo(MonitorDriver.STUDY.getBytes(StandardCharsets.UTF_8));
      assertThat(header(dead, Topics.DLQ_REASON))
          .contains("Not an Avro single-object record for EpochMetric");
      assertThat(header(dead, Topics.DLQ_SOURCE_TOPIC)).isEqualTo("trial-metrics");
      assertThat(header(dead, Topics.DLQ_SOURCE_PARTITION)).isEqualTo("0");
      assertThat(header(dead, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
      assertThat(header(dead, Topics.DLQ_SERVICE)).isEqualTo("monitor");
      assertThat(alo.deadLetters.isEmpty()).isTrue();
    }
  }

  @Test
  void shouldDeadLetterMetricWithUnknownFingerprint() {
    try (MonitorDriver alo =
        new MonitorDriver(stateDir.resolve("alo"), StreamsConfig.AT_LEAST_ONCE)) {
      // Given a single-object record whose schema this build does not know
      byte[] bytes = {(byte) 0xC3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 0};
      // When
      alo.rawMetrics.pipeInput(MonitorDriver.STUDY, bytes);
      // Then
      assertThat(header(alo.deadLetters.readRecord(), Topics.DLQ_REASON))
          .contains("Unknown schema fingerprint")
          .contains("EpochMetric");
    }
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    assertThat(h).as("header %s", name).isNotNull();
    return new String(h.value(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldStoreEachTrialUnderItsOwnKeyWhenMetricsArrive() {
    // Given a study with two trials reporting several epochs each
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    monitor.curve("a", EPOCHS, 3.0, 2.0, 1.0);
    monitor.curve("b", EPOCHS, 4.0, 3.0);

    // Then the store holds one record per trial, so a metric rewrites one curve, not the study
    assertThat(storeKeys()).containsExactlyInAnyOrder(key("a"), key("b"));
    assertThat(monitor.trial("a").values).containsExactly(3.0, 2.0, 1.0);
  }

  @Test
  void shouldDropAStudysCurvesWhenAllItsTrialsFinishedAndTheRetentionPassed() {
    // Given a study with one finished trial and one still running, and another study (whose id
    // extends the first one's) with a running trial
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    monitor.submit("st.x", Direction.MINIMIZE, EPOCHS, MEDIAN);
    monitor.completed("done", EPOCHS, flat(EPOCHS, 1.0));
    monitor.curve("running", EPOCHS, 2.0);
    monitor.metric("st.x", "other", 1, 1, 1.0, EPOCHS);
    String other = "st.x|" + monitor.id("st.x", "other");
    monitor.driver.advanceWallClockTime(Duration.ofDays(2));
    assertThat(storeKeys())
        .as("one trial still runs")
        .containsExactlyInAnyOrder(key("done"), key("running"), other);

    // When the running one finishes, a day less a minute passes (the default retention is 24 h),
    // then two minutes
    monitor.result("running", TrialStatus.FAILED, 1, EPOCHS);
    monitor.driver.advanceWallClockTime(Duration.ofHours(24).minusMinutes(1));
    List<String> beforeRetention = storeKeys();
    monitor.driver.advanceWallClockTime(Duration.ofMinutes(2));

    // Then the study's curves are kept until the retention passes, then dropped; the other study's
    // stay
    assertThat(beforeRetention).containsExactlyInAnyOrder(key("done"), key("running"), other);
    assertThat(storeKeys()).containsExactly(other);
  }

  @Test
  void shouldIgnoreAMetricWhenItsStudyIdCouldNotComeFromASpec() {
    monitor.metric("st|x", "t", 1, 1, 1.0, EPOCHS);

    assertThat(storeKeys()).isEmpty();
  }

  private String key(String name) {
    return MonitorDriver.STUDY + "|" + monitor.id(name);
  }

  private List<String> storeKeys() {
    return monitor.storeKeys();
  }
}
