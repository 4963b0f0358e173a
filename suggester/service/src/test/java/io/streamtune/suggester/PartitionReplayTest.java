package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PartitionReplayTest {

  private static TopicPartition studies(int p) {
    return new TopicPartition("studies", p);
  }

  private static TopicPartition results(int p) {
    return new TopicPartition("trial-results", p);
  }

  private static TopicPartition state(int p) {
    return new TopicPartition("suggester-state", p);
  }

  private static SuggesterState snapshot(String study, int next) {
    return SuggesterState.newBuilder()
        .setStudyId(study)
        .setNextTrialNumber(next)
        .setPending(List.of())
        .setDone(false)
        .build();
  }

  private static TrialResult result(String study, int number) {
    return TrialResult.newBuilder()
        .setStudyId(study)
        .setTrialId(StudyBook.trialId(study, number))
        .setTrialNumber(number)
        .setParams(Map.of())
        .setStatus(TrialStatus.COMPLETED)
        .setValue(1.0)
        .setEpochsRun(1)
        .setMaxEpochs(1)
        .build();
  }

  @Test
  void shouldBeLiveOnlyWhenEveryTopicOfThePartitionReachedItsEnd() {
    // Given partition 0 assigned with 3 studies records, 5 results and an empty state log
    PartitionReplay replay = new PartitionReplay();
    replay.begin(studies(0), 0, 3);
    replay.begin(results(0), 0, 5);
    replay.begin(state(0), 0, 0);
    Map<TopicPartition, Long> positions = new HashMap<>(Map.of(studies(0), 3L, results(0), 4L));
    // When studies is read to its end but results is one short
    // Then the partition is still replaying
    assertThat(replay.finish(positions::get)).isEmpty();
    assertThat(replay.replaying(0)).isTrue();
    // When results reaches its end too
    positions.put(results(0), 5L);
    // Then it is live, reported once
    assertThat(replay.finish(positions::get)).containsExactly(0);
    assertThat(replay.replaying(0)).isFalse();
    assertThat(replay.finish(positions::get)).isEmpty();
  }

  @Test
  void shouldNotReplayWhenAPartitionIsEmpty() {
    // Given
    PartitionReplay replay = new PartitionReplay();
    // When every topic of partition 1 is empty
    replay.begin(studies(1), 0, 0);
    replay.begin(results(1), 0, 0);
    replay.begin(state(1), 0, 0);
    // Then it is live at once
    assertThat(replay.replaying(1)).isFalse();
    assertThat(replay.replayingAny()).isFalse();
  }

  @Test
  void shouldKeepOtherPartitionsReplayingWhenOneIsDone() {
    // Given partitions 0 and 1 replaying
    PartitionReplay replay = new PartitionReplay();
    replay.begin(studies(0), 0, 1);
    replay.begin(studies(1), 0, 2);
    // When only partition 0 is read to its end
    Map<TopicPartition, Long> positions = Map.of(studies(0), 1L, studies(1), 1L);
    // Then only partition 0 is live
    assertThat(replay.finish(positions::get)).containsExactly(0);
    assertThat(replay.replaying(1)).isTrue();
  }

  @Test
  void shouldHandOverHeldSnapshotAndResultsOnceWhenTheSpecArrives() {
    // Given a snapshot and two results read before their study's spec
    PartitionReplay replay = new PartitionReplay();
    replay.holdSnapshot(snapshot("s", 2));
    replay.holdSnapshot(snapshot("s", 5));
    replay.holdResult(result("s", 0));
    replay.holdResult(result("s", 1));
    replay.holdResult(result("other", 0));
    // When the spec of s arrives
    PartitionReplay.Held held = replay.release("s");
    // Then the latest snapshot and both results are handed over, and only once
    assertThat(held.snapshot().getNextTrialNumber()).isEqualTo(5);
    assertThat(held.results()).extracting(TrialResult::getTrialNumber).containsExactly(0, 1);
    PartitionReplay.Held again = replay.release("s");
    assertThat(again.snapshot()).isNull();
    assertThat(again.results()).isEmpty();
    assertThat(replay.release("other").results()).hasSize(1);
  }

  @Test
  void shouldDropWhatIsHeldOnlyWhenNothingReplaysAnyMore() {
    // Given a result and a snapshot for a study whose spec never comes, while partition 0 replays
    PartitionReplay replay = new PartitionReplay();
    replay.begin(results(0), 0, 1);
    replay.holdResult(result("ghost", 0));
    replay.holdSnapshot(snapshot("ghost", 1));
    // When replay is still going on
    // Then nothing is dropped
    assertThat(replay.dropOrphans()).isEmpty();
    assertThat(replay.release("ghost").results()).hasSize(1);
    replay.holdResult(result("ghost", 0));
    replay.holdSnapshot(snapshot("ghost", 1));
    // When replay ends
    replay.finish(tp -> 1L);
    // Then the orphans are dropped and named
    assertThat(replay.dropOrphans()).containsExactly("ghost");
    PartitionReplay.Held held = replay.release("ghost");
    assertThat(held.results()).isEmpty();
    assertThat(held.snapshot()).isNull();
  }

  @Test
  void shouldStopReplayingWithoutGoingLiveWhenThePartitionIsRevoked() {
    // Given partitions 0 and 1 replaying
    PartitionReplay replay = new PartitionReplay();
    replay.begin(studies(0), 0, 4);
    replay.begin(studies(1), 0, 4);
    replay.begin(results(1), 0, 4);
    // When partition 1 is revoked before it caught up
    replay.revoke(List.of(studies(1), results(1), state(1)));
    // Then it no longer replays, is never reported live, and partition 0 still replays
    assertThat(replay.replaying(1)).isFalse();
    assertThat(replay.replaying(0)).isTrue();
    assertThat(replay.finish(tp -> 4L)).containsExactly(0);
  }

  @Test
  void shouldForgetEverythingWhenCleared() {
    // Given a replay under way with something held
    PartitionReplay replay = new PartitionReplay();
    replay.begin(studies(0), 0, 4);
    replay.holdSnapshot(snapshot("s", 3));
    // When
    replay.clear();
    // Then
    assertThat(replay.replayingAny()).isFalse();
    assertThat(replay.release("s").snapshot()).isNull();
  }
}
