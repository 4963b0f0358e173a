package io.streamtune.monitor;

import static io.streamtune.monitor.MonitorDriver.STUDY;
import static io.streamtune.monitor.MonitorDriver.flat;
import static io.streamtune.monitor.MonitorDriver.trialId;
import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.Direction;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code trial-control} as the monitor reads it back: its own decisions pass, decisions it did not
 * issue are counted as foreign, and undecodable records are dead-lettered once. The test driver
 * feeds the monitor's output on trial-control back into the topology, as the broker does.
 */
class MonitorControlTopologyTest {

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
   * A median study with five completed trials at 1.0, trial "bad" stopped at step 3 of attempt 1,
   * and trial "running" at two epochs of 4.0 (before min_step); returns the monitor's decision on
   * "bad".
   */
  private StopDecision studyWithOneStop() {
    monitor.submit(Direction.MINIMIZE, EPOCHS, MEDIAN);
    for (int k = 0; k < 5; k++) {
      monitor.completed("c" + k, EPOCHS, flat(EPOCHS, 1.0));
    }
    monitor.curve("running", EPOCHS, 4.0, 4.0);
    monitor.curve("bad", EPOCHS, 5.0, 5.0, 5.0);
    List<StopDecision> decisions = monitor.decisions();
    assertThat(decisions).hasSize(1);
    return decisions.get(0);
  }

  @Test
  void shouldNotCountTheMonitorsOwnDecisionWhenItIsReadBack() {
    // Given / When the monitor stops a trial, and its decision comes back on trial-control
    StopDecision own = studyWithOneStop();
    // Then it is recognised as the monitor's own
    assertThat(own.getTrialId()).isEqualTo(monitor.id("bad"));
    assertThat(monitor.trial("bad").stopStep).isEqualTo(3);
    assertThat(foreignInAll()).isZero();
  }

  private static Arguments forged(String what, String reason, Consumer<StopDecision> change) {
    return Arguments.of(what, reason, change);
  }

  static Stream<Arguments> forgedDecisions() {
    return Stream.of(
        forged("an unknown study", "unknown_study", d -> d.setStudyId("ghost")),
        forged("a trial beyond n_trials", "unknown_trial", d -> d.setTrialId(trialId(STUDY, 50))),
        forged("a trial never seen", "unknown_trial", d -> d.setTrialId(trialId(STUDY, 40))),
        forged("a running trial", "not_issued", d -> d.setTrialId(trialId(STUDY, 5))),
        forged("a later attempt", "not_issued", d -> d.setAttempt(2)),
        forged("another step", "not_issued", d -> d.setStep(2)),
        forged("another rule", "rule_mismatch", d -> d.setRule("asha")),
        forged("an issuer that is no monitor", "not_issued", d -> d.setIssuer("mallory")),
        forged(
            "another replica's, by another rule",
            "rule_mismatch",
            d -> {
              d.setIssuer(MonitorConfig.DEFAULT_APPLICATION_ID + "-b");
              d.setRule("asha");
            }),
        forged(
            "another replica's, for a later attempt",
            "not_issued",
            d -> {
              d.setIssuer(MonitorConfig.DEFAULT_APPLICATION_ID + "-b");
              d.setAttempt(2);
            }));
  }

  @Test
  void shouldAcceptAnotherReplicasDecisionWhenItMayHaveDecidedAtAnotherStep() {
    // Given a study where this monitor stopped "bad" at step 3, and "running" runs on
    StopDecision peer = StopDecision.newBuilder(studyWithOneStop()).build();
    // When replica b decided to stop "running" (it saw the records in another order)
    peer.setIssuer(MonitorConfig.DEFAULT_APPLICATION_ID + "-b");
    peer.setTrialId(monitor.id("running"));
    peer.setStep(2);
    monitor.forged.pipeInput(peer.getStudyId(), peer);
    // Then that is a monitor's decision, not a foreign one
    assertThat(foreignInAll()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forgedDecisions")
  void shouldCountDecisionAsForeignWhenTheMonitorDidNotIssueIt(
      String what, String reason, Consumer<StopDecision> change) {
    // Given a study where the monitor stopped "bad" (trial 6) at step 3; trial 5 is "running"
    StopDecision forged = StopDecision.newBuilder(studyWithOneStop()).build();
    assertThat(monitor.id("running")).isEqualTo(trialId(STUDY, 5));
    change.accept(forged);
    // When another client writes the changed decision under its study id
    monitor.forged.pipeInput(forged.getStudyId(), forged);
    // Then it is counted under its reason only, and the monitor's state is as it was
    assertThat(monitor.counter("streamtune.monitor.decisions.foreign", "reason", reason))
        .isEqualTo(1);
    assertThat(foreignInAll()).isEqualTo(1);
    assertThat(monitor.trial("running").status).isEqualTo(CurveBook.Status.RUNNING);
    assertThat(monitor.trial("bad").stopStep).isEqualTo(3);
  }

  @Test
  void shouldCountDecisionAsForeignWhenItsKeyIsAnotherStudy() {
    // Given
    StopDecision own = studyWithOneStop();
    // When a copy of a genuine decision arrives under another key (so on another partition)
    monitor.forged.pipeInput("other", own);
    // Then
    assertThat(monitor.counter("streamtune.monitor.decisions.foreign", "reason", "key_mismatch"))
        .isEqualTo(1);
  }

  @Test
  void shouldCountTombstoneAsForeignWhenOneArrivesOnTrialControl() {
    // Given
    studyWithOneStop();
    // When
    monitor.forged.pipeInput(STUDY, null);
    // Then
    assertThat(monitor.counter("streamtune.monitor.decisions.foreign", "reason", "tombstone"))
        .isEqualTo(1);
  }

  @Test
  void shouldNotCountTheMonitorsDecisionWhenThePrunedResultOvertookIt() {
    // Given a stopped trial whose PRUNED result has already been processed
    StopDecision own = studyWithOneStop();
    monitor.result("bad", TrialStatus.PRUNED, 3, EPOCHS);
    // When its decision (again) comes back
    monitor.forged.pipeInput(STUDY, own);
    // Then it is still the monitor's own
    assertThat(monitor.trial("bad").status).isEqualTo(CurveBook.Status.PRUNED);
    assertThat(foreignInAll()).isZero();
  }

  @Test
  void shouldNotCountADecisionWhenItIsForAnAttemptThatWasReplaced() {
    // Given a stopped trial whose attempt 2 has started
    StopDecision own = studyWithOneStop();
    monitor.metric("bad", 2, 1, 1.0, EPOCHS);
    // When attempt 1's decision comes back
    monitor.forged.pipeInput(STUDY, own);
    // Then the monitor cannot tell any more, and a decision for a replaced attempt stops nothing
    assertThat(foreignInAll()).isZero();
  }

  @Test
  void shouldStillStopATrialWhenAForgedDecisionForItCameFirst() {
    // Given a forged decision for the running trial at step 2
    studyWithOneStop();
    monitor.forged.pipeInput(STUDY, MonitorDriver.decisionFor(monitor.id("running"), 2));
    // When the trial reaches min_step, still clearly worse than the completed ones
    monitor.metric("running", 1, 3, 4.0, EPOCHS);
    // Then the monitor stops it itself, and only the forged decision was foreign
    assertThat(monitor.decisions())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getTrialId()).isEqualTo(monitor.id("running"));
              assertThat(d.getStep()).isEqualTo(3);
            });
    assertThat(foreignInAll()).isEqualTo(1);
  }

  @Test
  void shouldDeadLetterPoisonOnTrialControlOnceWithHeaders() {
    try (MonitorDriver alo =
        new MonitorDriver(stateDir.resolve("alo"), StreamsConfig.AT_LEAST_ONCE)) {
      // Given a record on trial-control that is not an Avro StopDecision (see MonitorDriver on
      // why not EOS)
      byte[] poison = "{\"stop\": true}".getBytes(StandardCharsets.UTF_8);
      // When
      alo.rawControl.pipeInput(STUDY, poison);
      // Then it goes to the dead-letter topic once, unchanged, saying where from and why
      TestRecord<byte[], byte[]> dead = alo.deadLetters.readRecord();
      assertThat(alo.deadLetters.isEmpty()).isTrue();
      assertThat(dead.value()).isEqualTo(poison);
      assertThat(header(dead, Topics.DLQ_SOURCE_TOPIC)).isEqualTo("trial-control");
      assertThat(header(dead, Topics.DLQ_SOURCE_PARTITION)).isEqualTo("0");
      assertThat(header(dead, Topics.DLQ_SOURCE_OFFSET)).isEqualTo("0");
      assertThat(header(dead, Topics.DLQ_SERVICE)).isEqualTo("monitor");
      assertThat(header(dead, Topics.DLQ_REASON)).contains("StopDecision");
    }
  }

  @Test
  void shouldCarryOnWhenPoisonArrivesOnTrialControlUnderExactlyOnce() {
    // Given a study whose trial was stopped
    studyWithOneStop();
    // When poison arrives on trial-control, and then the next trial is clearly worse
    monitor.rawControl.pipeInput(STUDY, new byte[] {1, 2, 3});
    monitor.curve("worse", EPOCHS, 9.0, 9.0, 9.0);
    // Then the task did not fail, and the monitor still decides
    assertThat(monitor.decisions())
        .extracting(StopDecision::getTrialId)
        .containsExactly(monitor.id("worse"));
    assertThat(foreignInAll()).isZero();
  }

  private double foreignInAll() {
    return monitor.registry.find("streamtune.monitor.decisions.foreign").counters().stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private static String header(TestRecord<byte[], byte[]> record, String name) {
    Header h = record.headers().lastHeader(name);
    assertThat(h).as("header %s", name).isNotNull();
    return new String(h.value(), StandardCharsets.UTF_8);
  }
}
