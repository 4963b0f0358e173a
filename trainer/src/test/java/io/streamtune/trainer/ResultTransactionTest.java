package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** The result transaction on MockProducer: commit, abort and read again, fencing, dead letters. */
class ResultTransactionTest {

  private static final TopicPartition TP = new TopicPartition("trial-requests", 1);

  private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
  private final MockProducer<byte[], byte[]> producer =
      new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TrainerMetrics meters = new TrainerMetrics("w1", Duration.ofMinutes(1));
  private final ResultTransaction tx = new ResultTransaction(producer, consumer, meters, "w1");

  ResultTransactionTest() {
    consumer.assign(List.of(TP));
    consumer.updateBeginningOffsets(Map.of(TP, 0L));
    consumer.seek(TP, 9);
    producer.initTransactions();
    meters.bindTo(registry);
  }

  private static ConsumerRecord<byte[], byte[]> request(long offset) {
    return new ConsumerRecord<>(TP.topic(), TP.partition(), offset, new byte[0], new byte[] {7});
  }

  private static TrialResult result() {
    return TrialResult.newBuilder()
        .setStudyId("s")
        .setTrialId("s-t0003")
        .setTrialNumber(3)
        .setParams(Map.of())
        .setStatus(TrialStatus.COMPLETED)
        .setValue(0.5)
        .setEpochsRun(2)
        .setMaxEpochs(2)
        .build();
  }

  @Test
  void shouldSendTheResultOnItsStudyPartitionInACommittedTransactionWhenAllGoesWell() {
    assertThat(tx.publish(result(), 2)).isNull();
    assertThat(producer.transactionCommitted()).isTrue();
    assertThat(registry.get("streamtune.trainer.trials").counter().count()).isEqualTo(1);
    ProducerRecord<byte[], byte[]> sent = producer.history().get(0);
    assertThat(sent.topic()).isEqualTo(Topics.TRIAL_RESULTS.name());
    assertThat(sent.partition()).isEqualTo(2);
    assertThat(new String(sent.key(), StandardCharsets.UTF_8)).isEqualTo("s");
    assertThat(producer.consumerGroupOffsetsHistory()).as("a result consumes nothing").isEmpty();
  }

  @Test
  void shouldAbortAndReturnTheFailureWhenTheCommitFails() {
    // Given a broker that times out the commit
    producer.commitTransactionException = new TimeoutException("slow");
    // When the result is published
    var failure = tx.publish(result(), 2);
    // Then the failure is returned, the transaction aborted, and nothing counted
    assertThat(failure).isInstanceOf(TimeoutException.class);
    assertThat(producer.transactionAborted()).isTrue();
    assertThat(producer.history()).isEmpty();
    assertThat(registry.find("streamtune.trainer.trials").counter()).isNull();
  }

  @Test
  void shouldReadTheRequestAgainWhenItsDeadLetterCannotCommit() {
    producer.commitTransactionException = new TimeoutException("slow");
    assertThat(tx.deadLetter(request(4), "bad")).isInstanceOf(TimeoutException.class);
    assertThat(consumer.position(TP)).isEqualTo(4);
  }

  @Test
  void shouldRethrowWhenTheProducerIsFenced() {
    producer.fenceProducer();
    assertThatThrownBy(() -> tx.publish(result(), 2)).isInstanceOf(ProducerFencedException.class);
  }

  @Test
  void shouldDeadLetterTheRequestWithItsOriginAndConsumeItWhenItCannotBeRun() {
    assertThat(tx.deadLetter(request(6), "bad bytes")).isNull();
    ProducerRecord<byte[], byte[]> dead = producer.history().get(0);
    assertThat(dead.topic()).isEqualTo(Topics.DEAD_LETTER.name());
    assertThat(dead.value()).containsExactly(7);
    assertThat(
            new String(
                dead.headers().lastHeader(Topics.DLQ_REASON).value(), StandardCharsets.UTF_8))
        .isEqualTo("bad bytes");
    assertThat(producer.consumerGroupOffsetsHistory().get(0).values())
        .containsExactly(Map.of(TP, new OffsetAndMetadata(7)));
  }
}
