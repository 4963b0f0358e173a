package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.Cancellation;
import io.streamtune.trainer.BuiltinObjectives;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a study by republishing its spec with {@code cancel} set, and resuming it by
 * republishing it without, with the suggester and trainers on a real broker.
 */
@Tag("integration")
class CancelIT {

  private static final String STUDY = "cancel";
  private static final int TRIALS = 8;
  private static final String REASON = "budget exhausted";

  /** 15 epochs of 200 ms: a trial takes 3 s, and a cancel reaches it within an epoch or two. */
  private static final String SLOW = "epoch_ms: 200";

  /** A trial claimed this recently has more than a second of training left when cancelled. */
  private static final long YOUNG_NANOS = TimeUnit.MILLISECONDS.toNanos(1700);

  @Test
  void shouldStopRunningTrialsAndIssueNothingWhenCancelledThenCompleteTheStudyWhenResumed()
      throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (KafkaFixture kafka = KafkaFixture.start();
        Pipeline pipeline =
            new Pipeline(registry, BuiltinObjectives.registry())
                .withConnection(kafka.connection())
                .withTopics(3, 2)
                .withTrainers(2, false)
                .withSuggester();
        StudyTap tap = new StudyTap(kafka.connection(), STUDY)) {
      // Given a study five trials at a time on two trainers, so that requests wait
      StudySpec spec = Specs.branin(STUDY, TRIALS, 5, SLOW, "none");
      Pipeline.submit(kafka.connection(), spec);
      await(
          Duration.ofSeconds(20),
          () -> {
            Map<String, Long> running = tap.running();
            long now = System.nanoTime();
            return tap.results().size() >= 2
                && !running.isEmpty()
                && running.values().stream().allMatch(at -> now - at < YOUNG_NANOS)
                && tap.unclaimed().size() >= 2;
          });
      Set<String> finished = finished(tap);
      Set<String> running = tap.running().keySet();

      // When, with trials finished, trials early in their training and requests waiting, it is
      // cancelled
      CancelRequest cancel = new CancelRequest(System.currentTimeMillis(), REASON, "CancelIT");
      Pipeline.submit(kafka.connection(), Cancellation.withCancel(spec, cancel));

      // Then its status is CANCELLED with the reason
      await(Duration.ofSeconds(10), () -> state(tap) == StudyState.CANCELLED);
      assertThat(tap.status().getMessage()).isEqualTo("cancelled: " + REASON);
      tap.awaitCaughtUp(Duration.ofSeconds(10)); // every request issued before the cancel
      List<String> issued = attempts(tap);
      // and every trial in flight stops at its next epoch, and the waiting requests are consumed
      // without running (but for one a trainer may have taken before it read the cancel, which
      // stops at once)
      await(
          Duration.ofSeconds(10),
          () -> tap.running().isEmpty() && refusedForCancel(registry) >= tap.unclaimed().size());
      // and nothing is issued or claimed afterwards, though the stopped trials' results came in
      Thread.sleep(1000);
      assertThat(attempts(tap)).isEqualTo(issued);
      assertThat(tap.running()).isEmpty();
      Set<String> skipped = tap.unclaimed();
      assertThat(skipped).isNotEmpty();
      assertThat(refusedForCancel(registry)).isEqualTo(skipped.size());
      // and the trials it stopped are PRUNED, with the cancel as their stop
      List<TrialResult> stopped =
          tap.results().stream()
              .map(StudyTap.Seen::value)
              .filter(r -> !finished.contains(StudyTap.attempt(r)))
              .toList();
      assertThat(stopped).map(StudyTap::attempt).containsAll(running);
      assertThat(stopped)
          .allSatisfy(
              r -> {
                assertThat(r.getStatus()).isEqualTo(TrialStatus.PRUNED);
                assertThat(r.getStopRule()).isEqualTo("cancelled");
                assertThat(r.getStopReason()).isEqualTo("study cancelled: " + REASON);
                assertThat(r.getEpochsRun()).isLessThan(r.getMaxEpochs());
              });

      // When it is resumed
      Pipeline.submit(kafka.connection(), Cancellation.withCancel(spec, null));

      // Then it completes its n_trials, each trial counted once
      await(
          Duration.ofSeconds(30),
          () ->
              state(tap) == StudyState.COMPLETED
                  && tap.status().getFinished() == TRIALS
                  && tap.results().size() >= TRIALS);
      List<TrialResult> onTopic = ResultsReader.allResults(kafka.bootstrap(), STUDY);
      // The latest attempt of each trial is the one the study counts. A trial the cancel stopped
      // may also have run again: when the suggester reads the resume before that attempt's claim
      // or result (another topic, so no order between them; seen once on a loaded machine), it
      // issues the trial anew and the stopped attempt's result is ignored as superseded.
      Map<Integer, TrialResult> latest =
          onTopic.stream()
              .collect(
                  Collectors.toMap(
                      TrialResult::getTrialNumber,
                      r -> r,
                      (a, b) -> a.getAttempt() > b.getAttempt() ? a : b));
      assertThat(latest.keySet())
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, TRIALS).boxed().toList());
      assertThat(onTopic)
          .filteredOn(r -> latest.get(r.getTrialNumber()) != r)
          .allSatisfy(r -> assertThat(Cancellation.endedByCancel(r)).isTrue());
      List<TrialResult> all = List.copyOf(latest.values());
      // and each request skipped while it was cancelled ran again, as the trial's next attempt
      Set<String> skippedTrials =
          skipped.stream().map(a -> a.substring(0, a.indexOf('#'))).collect(Collectors.toSet());
      assertThat(all)
          .filteredOn(r -> skippedTrials.contains(r.getTrialId()))
          .hasSameSizeAs(skippedTrials)
          .allSatisfy(
              r -> {
                assertThat(r.getStatus()).isEqualTo(TrialStatus.COMPLETED);
                assertThat(r.getAttempt()).isEqualTo(2);
              });
      assertThat(pipeline.servicesAlive()).isTrue();
    }
  }

  private static void await(Duration atMost, BooleanSupplier condition) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }

  private static StudyState state(StudyTap tap) {
    StudyStatus s = tap.status();
    return s == null ? null : s.getState();
  }

  /** The attempts with a result so far, as "trial#attempt". */
  private static Set<String> finished(StudyTap tap) {
    return tap.results().stream().map(r -> StudyTap.attempt(r.value())).collect(Collectors.toSet());
  }

  /** Every attempt issued so far, as "trial#attempt", in the order issued. */
  private static List<String> attempts(StudyTap tap) {
    return tap.requests().stream()
        .map(r -> r.value().getTrialId() + "#" + r.value().getAttempt())
        .toList();
  }

  private static double refusedForCancel(SimpleMeterRegistry registry) {
    return registry
        .find("streamtune.trainer.requests.refused")
        .tag("reason", "cancelled")
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
  }
}
