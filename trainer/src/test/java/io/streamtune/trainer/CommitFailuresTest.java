package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class CommitFailuresTest {

  @Test
  void shouldTreatRebalancesAndTimeoutsAsTransientWhenTheyCauseTheFailure() {
    assertThat(CommitFailures.isTransient(new CommitFailedException())).isTrue();
    assertThat(CommitFailures.isTransient(new RebalanceInProgressException("moving"))).isTrue();
    assertThat(CommitFailures.isTransient(new TimeoutException("slow"))).isTrue();
    assertThat(
            CommitFailures.isTransient(
                new KafkaException("commit failed", new TimeoutException("slow"))))
        .isTrue();
  }

  @Test
  void shouldTreatFailuresThatWouldRecurAsPermanentWhenNoTransientCauseIsFound() {
    assertThat(CommitFailures.isTransient(new RecordTooLargeException("big"))).isFalse();
    assertThat(
            CommitFailures.isTransient(
                new KafkaException("send failed", new RecordTooLargeException("big"))))
        .isFalse();
    assertThat(CommitFailures.isTransient(new AuthorizationException("no"))).isFalse();
  }
}
