package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The trial slot: one trial at a time, on its own thread, with an abandon that always returns. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TrialSlotTest {

  private final TrialSlot slot = new TrialSlot("w1", Duration.ofMillis(300));

  @AfterEach
  void close() {
    slot.close();
  }

  private static RunningTrial trial(String id) {
    return new RunningTrial(
        TrainerHarness.request(id, "curve", 1), TrainerHarness.spec("curve", 1, "median"), 0, 0);
  }

  private static TrialResult done(String id) {
    return TrialResult.newBuilder()
        .setStudyId("s")
        .setTrialId(id)
        .setTrialNumber(0)
        .setParams(Map.of())
        .setStatus(TrialStatus.COMPLETED)
        .setValue(1.0)
        .setEpochsRun(1)
        .setMaxEpochs(1)
        .build();
  }

  @Test
  void shouldHandOverTheOutcomeAndWakeTheLoopWhenTheTrialEnds() throws Exception {
    CountDownLatch woken = new CountDownLatch(1);
    RunningTrial t = trial("s-t0000");
    slot.start(t, () -> done("s-t0000"), woken::countDown);
    assertThat(woken.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(slot.takeFinished()).isSameAs(t);
    assertThat(TrialSlot.outcome(t).getTrialId()).isEqualTo("s-t0000");
    assertThat(slot.current()).isNull();
  }

  @Test
  void shouldRefuseASecondTrialWhenOneIsRunning() {
    CountDownLatch release = new CountDownLatch(1);
    slot.start(
        trial("s-t0001"),
        () -> {
          release.await();
          return done("s-t0001");
        },
        () -> {});
    assertThatThrownBy(() -> slot.start(trial("s-t0002"), () -> done("s-t0002"), () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already running");
    release.countDown();
  }

  @Test
  void shouldNotWakeTheLoopWhenAnAbandonedTrialEnds() {
    AtomicInteger wakeups = new AtomicInteger();
    RunningTrial t = trial("s-t0001");
    slot.start(
        t,
        () -> {
          while (!t.abandoned) {
            Thread.sleep(1);
          }
          return done("s-t0001");
        },
        wakeups::incrementAndGet);
    assertThat(slot.abandon()).isSameAs(t);
    assertThat(t.isDone()).isTrue();
    assertThat(wakeups).hasValue(0);
    assertThat(slot.takeFinished()).isNull();
  }

  @Test
  void shouldInterruptATrialAndTakeNewTrialsWhenItIgnoresItsStopFlag() throws Exception {
    // Given a trial that never looks at its flag
    CountDownLatch interrupted = new CountDownLatch(1);
    RunningTrial stubborn = trial("s-t0001");
    slot.start(
        stubborn,
        () -> {
          try {
            new CountDownLatch(1).await();
          } catch (InterruptedException e) {
            interrupted.countDown();
          }
          return done("s-t0001");
        },
        () -> {});
    // When it is abandoned
    long t0 = System.nanoTime();
    slot.abandon();
    // Then after the grace period it is interrupted, and the slot runs the next trial
    assertThat(Duration.ofNanos(System.nanoTime() - t0))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    CountDownLatch next = new CountDownLatch(1);
    slot.start(trial("s-t0002"), () -> done("s-t0002"), next::countDown);
    assertThat(next.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(interrupted.await(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void shouldReturnNullWhenNothingRuns() {
    assertThat(slot.abandon()).isNull();
    assertThat(slot.takeFinished()).isNull();
  }
}
