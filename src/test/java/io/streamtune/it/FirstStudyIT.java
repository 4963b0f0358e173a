package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.monitor.MonitorConfig;
import io.streamtune.monitor.MonitorService;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.schemas.TopicSetup;
import io.streamtune.schemas.Topics;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.suggester.SuggesterConfig;
import io.streamtune.suggester.SuggesterService;
import io.streamtune.trainer.BuiltinObjectives;
import io.streamtune.trainer.StopSignals;
import io.streamtune.trainer.StudyDirectory;
import io.streamtune.trainer.TrainerConfig;
import io.streamtune.trainer.TrainerWorker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The first study on services started a moment ago, each on its own clients as its command starts
 * it, with two monitor replicas: early stopping must already fire, before the trials it stops would
 * have ended. (It once did nothing here: decisions came seconds late, after the trials.)
 */
@Tag("integration")
class FirstStudyIT {

  @Test
  void shouldPruneTrialsOfTheFirstStudyWhenTheServicesHaveJustStarted() throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (KafkaFixture kafka = KafkaFixture.start()) {
      KafkaConnection connection = kafka.connection();
      TopicSetup.ensureTopics(connection, Topics.ALL, 3, 2, (short) 1);
      List<AutoCloseable> parts = new ArrayList<>();
      List<Thread> loops = new ArrayList<>();
      try {
        // Given services that have only just started: two monitor replicas, a suggester, trainers
        for (String replica : List.of("a", "b")) {
          Path state = Files.createTempDirectory("streamtune-first-" + replica + "-");
          MonitorService monitor =
              MonitorService.start(
                  MonitorConfig.defaults(connection, state).withReplica(replica), registry);
          parts.add(monitor);
          monitor.awaitRunning(Duration.ofSeconds(60));
        }
        StudyDirectory studies = new StudyDirectory(connection, "first");
        StopSignals stops = new StopSignals(connection, "first");
        parts.add(studies);
        parts.add(stops);
        SuggesterService suggester =
            SuggesterService.create(SuggesterConfig.defaults(connection), registry);
        parts.add(suggester);
        loops.add(start(suggester));
        for (int i = 1; i <= 2; i++) {
          TrainerWorker trainer =
              TrainerWorker.create(
                  TrainerConfig.defaults(connection).withWorkerId("first-" + i),
                  BuiltinObjectives.registry(),
                  studies,
                  stops,
                  registry);
          parts.add(trainer);
          loops.add(start(trainer));
        }
        // When the first study is submitted right away
        StudySpec spec =
            Specs.branin(
                "first", 20, 2, "epoch_ms: 40", "{rule: median, min_trials: 3, min_step: 2}");
        Pipeline.submit(connection, spec);
        StudyView report = StudyFollow.await(connection, spec, Duration.ofMinutes(3), r -> {});
        // Then trials were stopped early, well before their last epoch
        List<TrialResult> pruned =
            report.results().stream().filter(t -> t.getStatus() == TrialStatus.PRUNED).toList();
        assertThat(pruned).hasSizeGreaterThanOrEqualTo(3);
        assertThat(pruned)
            .allSatisfy(t -> assertThat(t.getEpochsRun()).isLessThan(spec.getMaxEpochs()));
        assertThat(pruned).extracting(TrialResult::getStopRule).containsOnly("median");
        // and obeyed within a few 40 ms epochs of the decision, in the typical case
        int[] lag =
            pruned.stream().mapToInt(t -> t.getEpochsRun() - t.getStopStep()).sorted().toArray();
        assertThat(lag[lag.length / 2])
            .as("median epochs from decision to stop")
            .isLessThanOrEqualTo(3);
      } finally {
        for (int i = parts.size() - 1; i >= 0; i--) {
          parts.get(i).close();
        }
        for (Thread t : loops) {
          t.join(15_000);
        }
      }
    }
  }

  private static Thread start(Runnable loop) {
    Thread t = new Thread(loop);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
