package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.junit.jupiter.api.Test;

/** Claims and releases in the group's committed offsets, on a MockConsumer. */
class RequestClaimsTest {

  private static final TopicPartition TP = new TopicPartition("trial-requests", 0);

  /** A consumer whose next commits or reads can be made to fail. */
  private static final class FlakyConsumer extends MockConsumer<byte[], byte[]> {
    int wakeupsOnCommit;
    RuntimeException onCommitted;

    FlakyConsumer() {
      super("earliest");
      assign(List.of(TP));
      updateBeginningOffsets(Map.of(TP, 0L));
    }

    @Override
    public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
      if (wakeupsOnCommit > 0) {
        wakeupsOnCommit--;
        throw new WakeupException();
      }
      super.commitSync(offsets);
    }

    @Override
    public synchronized Map<TopicPartition, OffsetAndMetadata> committed(
        Set<TopicPartition> partitions) {
      if (onCommitted != null) {
        throw onCommitted;
      }
      return super.committed(partitions);
    }
  }

  private final FlakyConsumer consumer = new FlakyConsumer();
  private final RequestClaims claims = new RequestClaims(consumer, "w1", Duration.ofSeconds(1));

  private static ConsumerRecord<byte[], byte[]> record(long offset) {
    return new ConsumerRecord<>(TP.topic(), TP.partition(), offset, new byte[0], new byte[0]);
  }

  private OffsetAndMetadata committed() {
    return consumer.committed(Set.of(TP)).get(TP);
  }

  @Test
  void shouldClaimAttemptOneAtTheRequestsOwnOffsetWhenNobodyClaimedItBefore() {
    // Given a group whose committed offset is behind the request (earlier requests consumed)
    consumer.commitSync(Map.of(TP, new OffsetAndMetadata(3)));
    // When the request at offset 3 is claimed
    AttemptLedger ledger = claims.claim(record(3));
    // Then it is attempt 1, recorded without consuming the request
    assertThat(ledger).isEqualTo(AttemptLedger.FIRST);
    assertThat(committed()).isEqualTo(new OffsetAndMetadata(3, "attempt=1;lost=0"));
  }

  @Test
  void shouldIgnoreAClaimAtAnotherOffsetWhenNumberingAttempts() {
    // Given a claim left at offset 2 (that request was consumed since by a transaction elsewhere)
    consumer.commitSync(Map.of(TP, new OffsetAndMetadata(2, "attempt=4;lost=3")));
    // When the request at offset 5 is claimed
    AttemptLedger ledger = claims.claim(record(5));
    // Then the old claim says nothing about it
    assertThat(ledger).isEqualTo(AttemptLedger.FIRST);
  }

  @Test
  void shouldNumberTheNextAttemptAndCountTheLostOneWhenAClaimWasLeftBehind() {
    consumer.commitSync(Map.of(TP, new OffsetAndMetadata(0, "attempt=1;lost=0")));
    assertThat(claims.claim(record(0))).isEqualTo(new AttemptLedger(2, 1));
    assertThat(committed().metadata()).isEqualTo("attempt=2;lost=1");
  }

  @Test
  void shouldNotCountAnAttemptAsLostWhenItWasReleased() {
    // Given attempt 1 claimed and then released
    RunningTrial first =
        new RunningTrial(
            record(0), TrainerHarness.request("s-t0000", "curve", 1), claims.claim(record(0)));
    assertThat(claims.release(first)).isTrue();
    assertThat(committed()).isEqualTo(new OffsetAndMetadata(0, "attempt=1;lost=0;released"));
    // When it is claimed again
    // Then the re-run is attempt 2 with nothing lost
    assertThat(claims.claim(record(0))).isEqualTo(new AttemptLedger(2, 0));
  }

  @Test
  void shouldRetryTheReleaseOnceWhenAWakeupMeantForThePollInterruptsIt() {
    RunningTrial trial =
        new RunningTrial(
            record(0), TrainerHarness.request("s-t0000", "curve", 1), claims.claim(record(0)));
    consumer.wakeupsOnCommit = 1;
    assertThat(claims.release(trial)).isTrue();
    assertThat(committed().metadata()).endsWith(";released");
  }

  @Test
  void shouldGiveUpTheReleaseWhenWokenUpTwice() {
    RunningTrial trial =
        new RunningTrial(
            record(0), TrainerHarness.request("s-t0000", "curve", 1), claims.claim(record(0)));
    consumer.wakeupsOnCommit = 2;
    assertThat(claims.release(trial)).isFalse();
    assertThat(committed().metadata()).isEqualTo("attempt=1;lost=0");
  }

  @Test
  void shouldSeekBackAndReturnNullWhenTheGroupCannotBeReadNow() {
    // Given a rebalance in progress
    consumer.onCommitted = new RebalanceInProgressException("rebalancing");
    consumer.seek(TP, 7);
    // When a claim is tried for the request at offset 4
    // Then there is none yet, and the request will be read again
    assertThat(claims.tryClaim(record(4))).isNull();
    assertThat(consumer.position(TP)).isEqualTo(4);
  }

  @Test
  void shouldSeekBackAndReturnNullWhenAWakeupInterruptsTheClaim() {
    consumer.onCommitted = new WakeupException();
    assertThat(claims.tryClaim(record(2))).isNull();
    assertThat(consumer.position(TP)).isEqualTo(2);
  }
}
