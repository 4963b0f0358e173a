package io.streamtune.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttemptLedgerTest {

  @Test
  void shouldStartAtTheFirstAttemptWhenNobodyClaimedTheRequest() {
    assertThat(AttemptLedger.next(null)).isEqualTo(new AttemptLedger(1, 0));
    assertThat(AttemptLedger.next("")).isEqualTo(AttemptLedger.FIRST);
  }

  @Test
  void shouldCountALostAttemptWhenThePreviousClaimWasNeitherFinishedNorReleased() {
    AttemptLedger second = AttemptLedger.next(AttemptLedger.FIRST.claimed());

    assertThat(second).isEqualTo(new AttemptLedger(2, 1));
    assertThat(AttemptLedger.next(second.claimed())).isEqualTo(new AttemptLedger(3, 2));
  }

  @Test
  void shouldNotCountAnAttemptWhenItsTrainerReleasedIt() {
    AttemptLedger second = AttemptLedger.next(new AttemptLedger(1, 0).released());
    AttemptLedger third = AttemptLedger.next(new AttemptLedger(2, 1).released());

    assertThat(second).isEqualTo(new AttemptLedger(2, 0));
    assertThat(third).isEqualTo(new AttemptLedger(3, 1));
  }

  @Test
  void shouldAssumeEveryEarlierAttemptWasLostWhenTheMetadataHasNoCount() {
    assertThat(AttemptLedger.next("attempt=2")).isEqualTo(new AttemptLedger(3, 2));
  }

  @Test
  void shouldStartOverWhenTheMetadataIsNotALedger() {
    assertThat(AttemptLedger.next("attempt=x;lost=1")).isEqualTo(AttemptLedger.FIRST);
    assertThat(AttemptLedger.next("attempt=0")).isEqualTo(AttemptLedger.FIRST);
    assertThat(AttemptLedger.next("something else")).isEqualTo(AttemptLedger.FIRST);
  }

  @Test
  void shouldWriteMetadataThatReadsBackWhenRoundTripped() {
    AttemptLedger ledger = new AttemptLedger(4, 2);

    assertThat(ledger.claimed()).isEqualTo("attempt=4;lost=2");
    assertThat(ledger.released()).isEqualTo("attempt=4;lost=2;released");
    assertThat(AttemptLedger.next(ledger.claimed())).isEqualTo(new AttemptLedger(5, 3));
    assertThat(AttemptLedger.next(ledger.released())).isEqualTo(new AttemptLedger(5, 2));
  }
}
