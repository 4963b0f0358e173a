package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.trainer.BuiltinObjectives;
import io.streamtune.trainer.TrainerWorker;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Trainers as a consumer group: work spreads over members, and a member's death loses nothing. */
@Tag("integration")
class TrainerGroupIT {

  /** Short, so that a killed trainer's trial runs again within seconds. */
  private static final Duration LEASE = Duration.ofSeconds(3);

  @Test
  void shouldSpreadTrialsOverAllTrainersAndLoseNoneWhenOneTrainerDies() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start();
        Pipeline pipeline =
            new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry())
                .withConnection(kafka.connection())
                .withTopics(3, 3)
                .withTrainers(3, false)
                .withSuggester(c -> c.withLease(LEASE))
                .withMonitor(Duration.ofMillis(50))) {
      // Given three trainers and a 30-trial study, three at a time, each trial long enough to be
      // caught mid-way
      StudySpec spec = Specs.branin("group", 30, 3, "epoch_ms: 40", "none");
      Pipeline.submit(kafka.connection(), spec);

      // When one trainer is killed after the study is under way
      AtomicReference<String> interrupted = new AtomicReference<>();
      StudyView report =
          StudyFollow.await(
              kafka.connection(),
              spec,
              Duration.ofMinutes(4),
              r -> {
                TrainerWorker victim = pipeline.trainers().get(0);
                if (r.finished() >= 12
                    && interrupted.get() == null
                    && victim.currentTrial().isPresent()) {
                  interrupted.set(victim.currentTrial().get());
                  victim.halt();
                }
              });

      // Then every trial has exactly one result
      List<TrialResult> all = ResultsReader.allResults(kafka.bootstrap(), "group");
      assertThat(all).hasSize(30);
      assertThat(all.stream().map(TrialResult::getTrialId).collect(Collectors.toSet())).hasSize(30);
      // and all three trainers did some of the work
      Set<String> workers =
          report.results().stream().map(TrialResult::getWorker).collect(Collectors.toSet());
      assertThat(workers).containsExactlyInAnyOrder("trainer-1", "trainer-2", "trainer-3");
      // and the trial it was running was re-run by another trainer as attempt 2
      assertThat(interrupted.get()).isNotNull();
      TrialResult rerun =
          all.stream()
              .filter(x -> x.getTrialId().equals(interrupted.get()))
              .findFirst()
              .orElseThrow();
      assertThat(rerun.getAttempt()).isEqualTo(2);
      assertThat(rerun.getWorker()).isNotEqualTo("trainer-1");
    }
  }

  @Test
  void shouldFailATrialWhoseAttemptsWereLostButRerunOneThatWasGivenBackWhenAttemptsAreLimited()
      throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start();
        Pipeline pipeline =
            new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry())
                .withConnection(kafka.connection())
                .withTopics(3, 3)
                .withTrainers(3, false)
                .withSuggester(c -> c.withLease(LEASE).withMaxAttempts(1))
                .withMonitor(Duration.ofMillis(50))) {
      // Given three trainers and a suggester that allows no lost attempt
      StudySpec spec = Specs.branin("attempts", 16, 3, "epoch_ms: 40", "none");
      Pipeline.submit(kafka.connection(), spec);

      // When one trainer shuts down mid-trial, and later another is killed mid-trial (a driver
      // thread watches closely, because the watcher's callback runs only once per result)
      AtomicReference<String> givenBack = new AtomicReference<>();
      AtomicReference<String> killed = new AtomicReference<>();
      AtomicInteger finished = new AtomicInteger();
      Thread driver =
          new Thread(
              () -> {
                TrainerWorker leaving = pipeline.trainers().get(0);
                TrainerWorker victim = pipeline.trainers().get(1);
                while (killed.get() == null && !Thread.currentThread().isInterrupted()) {
                  var leavingTrial = leaving.currentTrial();
                  if (givenBack.get() == null && finished.get() >= 2 && leavingTrial.isPresent()) {
                    givenBack.set(leavingTrial.get());
                    leaving.close();
                  }
                  // not the given-back trial: its re-run may land on the victim, and must complete
                  var victimTrial = victim.currentTrial();
                  if (givenBack.get() != null
                      && finished.get() >= 6
                      && victimTrial.isPresent()
                      && !victimTrial.get().equals(givenBack.get())) {
                    killed.set(victimTrial.get());
                    victim.halt();
                  }
                  LockSupport.parkNanos(2_000_000);
                }
              },
              "drill");
      driver.setDaemon(true);
      driver.start();
      StudyFollow.await(
          kafka.connection(), spec, Duration.ofMinutes(3), r -> finished.set(r.finished()));
      driver.interrupt();

      // Then the study still finishes: the given-back trial was re-run, the killed one is FAILED
      List<TrialResult> all = ResultsReader.allResults(kafka.bootstrap(), "attempts");
      assertThat(all).hasSize(16);
      assertThat(givenBack.get()).isNotNull();
      assertThat(killed.get()).isNotNull();
      TrialResult rerun =
          all.stream()
              .filter(x -> x.getTrialId().equals(givenBack.get()))
              .findFirst()
              .orElseThrow();
      assertThat(rerun.getStatus()).isEqualTo(TrialStatus.COMPLETED);
      assertThat(rerun.getAttempt()).isEqualTo(2);
      TrialResult failed =
          all.stream().filter(x -> x.getTrialId().equals(killed.get())).findFirst().orElseThrow();
      assertThat(failed.getStatus()).isEqualTo(TrialStatus.FAILED);
      assertThat(failed.getAttempt()).isEqualTo(1);
      assertThat(failed.getError()).contains("gave up after 1 attempt(s)");
      assertThat(all)
          .filteredOn(x -> !x.getTrialId().equals(killed.get()))
          .extracting(TrialResult::getStatus)
          .containsOnly(TrialStatus.COMPLETED);
    }
  }
}
