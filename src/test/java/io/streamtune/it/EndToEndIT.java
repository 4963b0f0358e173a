package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialPhase;
import io.streamtune.trainer.BuiltinObjectives;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Whole studies on a real broker: suggester, trainers and monitor as `streamtune run` starts them.
 */
@Tag("integration")
class EndToEndIT {

  private static KafkaFixture kafka;
  private static Pipeline pipeline;

  @BeforeAll
  static void startPipeline() throws Exception {
    kafka = KafkaFixture.start();
    pipeline =
        new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry())
            .withConnection(kafka.connection())
            .withTopics(3, 2)
            .withTrainers(2, false)
            .withSuggester()
            .withMonitor(Duration.ofMillis(50));
  }

  @AfterAll
  static void stopPipeline() throws Exception {
    pipeline.close();
    kafka.close();
  }

  @Test
  void shouldProduceExactlyOneResultPerTrialAndStopSomeEarlyWhenMedianRuleIsOn() throws Exception {
    // Given a 20-trial study with the median rule
    StudySpec spec =
        Specs.branin("e2e-median", 20, 2, "c: 30", "{rule: median, min_trials: 3, min_step: 3}");

    // When it runs to the end
    Pipeline.submit(kafka.connection(), spec);
    StudyView report = StudyFollow.await(kafka.connection(), spec, Duration.ofMinutes(3), r -> {});

    // Then the topic holds exactly 20 results, one per trial id
    List<TrialResult> all = ResultsReader.allResults(kafka.bootstrap(), "e2e-median");
    assertThat(all).hasSize(20);
    assertThat(all.stream().map(TrialResult::getTrialId).collect(Collectors.toSet())).hasSize(20);
    assertThat(all.stream().map(TrialResult::getTrialNumber).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 20).boxed().toList());
    // and the monitor stopped at least one trial, which then ran fewer epochs than its budget
    List<TrialResult> pruned =
        all.stream().filter(r -> r.getStatus() == TrialStatus.PRUNED).toList();
    assertThat(pruned).isNotEmpty();
    assertThat(pruned).allSatisfy(r -> assertThat(r.getEpochsRun()).isLessThan(r.getMaxEpochs()));
    assertThat(report.best()).isPresent();
  }

  @Test
  void shouldReportFailedTrialsAndFinishTheStudyWhenTheObjectiveThrows() throws Exception {
    // Given an objective that throws in about half of the trials
    StudySpec spec = Specs.branin("e2e-failing", 12, 3, "fail_rate: 0.5", "none");

    // When the study runs
    Pipeline.submit(kafka.connection(), spec);
    StudyView report = StudyFollow.await(kafka.connection(), spec, Duration.ofMinutes(3), r -> {});

    // Then failures are results with the error, and the study still completes all its trials
    assertThat(report.finished()).isEqualTo(12);
    List<TrialResult> failed =
        report.results().stream().filter(r -> r.getStatus() == TrialStatus.FAILED).toList();
    assertThat(failed).isNotEmpty();
    assertThat(failed).allSatisfy(r -> assertThat(r.getError()).contains("synthetic failure"));
    assertThat(report.count(TrialPhase.COMPLETED)).isPositive();
  }

  @Test
  void shouldDeadLetterPoisonRecordsWithTheirReasonWhenServicesCannotDecodeThem() throws Exception {
    // Given garbage on the topics the trainers and the suggester consume
    byte[] garbage = "not avro".getBytes(StandardCharsets.UTF_8);
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrap());
    try (var producer =
        new KafkaProducer<byte[], byte[]>(
            p, new ByteArraySerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>("trial-requests", garbage, garbage)).get();
      producer.send(new ProducerRecord<>("trial-results", garbage, garbage)).get();
    }

    // When the services have seen them, Then the service that owns each topic dead-letters its
    // record once, with a reason (the monitor also reads trial-results, but leaves its poison to
    // the suggester), and all keep working
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<ConsumerRecord<byte[], byte[]>> dlq =
                  ResultsReader.readAllRecords(kafka.bootstrap(), "streamtune-dlq");
              assertThat(dlq)
                  .extracting(
                      r ->
                          header(r, "streamtune.dlq.service")
                              + "@"
                              + header(r, "streamtune.dlq.topic"))
                  .containsOnlyOnce("trainer@trial-requests", "suggester@trial-results")
                  .doesNotContain("monitor@trial-results");
              assertThat(dlq)
                  .allSatisfy(r -> assertThat(header(r, "streamtune.dlq.reason")).isNotBlank());
            });
    StudySpec after = Specs.branin("e2e-after-poison", 4, 2, "c: 1", "none");
    Pipeline.submit(kafka.connection(), after);
    assertThat(
            StudyFollow.await(kafka.connection(), after, Duration.ofMinutes(2), r -> {}).finished())
        .isEqualTo(4);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
