package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.study.StudyFollow;
import io.streamtune.suggester.SuggesterConfig;
import io.streamtune.suggester.SuggesterService;
import io.streamtune.trainer.BuiltinObjectives;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A study's state lives in Kafka: a new suggester instance picks it up where the old one stopped.
 */
@Tag("integration")
class SuggesterRestartIT {

  @Test
  void shouldFinishTheStudyWithoutDuplicatesWhenTheSuggesterIsReplacedMidStudy() throws Exception {
    try (KafkaFixture kafka = KafkaFixture.start();
        Pipeline pipeline =
            new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry())
                .withConnection(kafka.connection())
                .withTopics(3, 2)
                .withTrainers(2, false)) {
      // Given a study half-way through under a first suggester
      StudySpec spec = Specs.branin("restart", 16, 2, "epoch_ms: 10", "none");
      SuggesterService first =
          SuggesterService.create(
              SuggesterConfig.defaults(kafka.bootstrap()), new SimpleMeterRegistry());
      Thread t1 = new Thread(first);
      t1.start();
      Pipeline.submit(kafka.connection(), spec);
      StudyFollow.await(
          kafka.connection(),
          Specs.branin("restart", 6, 2, "epoch_ms: 10", "none"),
          Duration.ofMinutes(2),
          r -> {});

      // When it stops and a new instance takes over
      first.close();
      t1.join();
      SuggesterService second =
          SuggesterService.create(
              SuggesterConfig.defaults(kafka.bootstrap()), new SimpleMeterRegistry());
      Thread t2 = new Thread(second);
      t2.start();
      try {
        StudyFollow.await(kafka.connection(), spec, Duration.ofMinutes(2), r -> {});
      } finally {
        second.close();
        t2.join();
      }

      // Then the study has exactly its 16 trials, numbered 0..15, each with one result
      List<TrialResult> all = ResultsReader.allResults(kafka.bootstrap(), "restart");
      assertThat(all).hasSize(16);
      assertThat(all.stream().map(TrialResult::getTrialNumber).collect(Collectors.toSet()))
          .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 16).boxed().toList());
    }
  }
}
