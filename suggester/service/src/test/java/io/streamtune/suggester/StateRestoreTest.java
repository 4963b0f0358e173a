package io.streamtune.suggester;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.avro.SuggesterState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which partitions restore, and the latest state record per key they hand over. */
class StateRestoreTest {

  private final StateRestore restore = new StateRestore();

  private static SuggesterState trial(String id, int lost) {
    return SuggesterState.newBuilder().setStudyId("s").setTrialId(id).setLost(lost).build();
  }

  @Test
  void shouldGoLiveAtOnceWhenAPartitionHasNoState() {
    assertThat(restore.begin(0, 0, 0)).isFalse();
    assertThat(restore.restoring(0)).isFalse();
  }

  @Test
  void shouldHandOverTheLatestRecordPerKeyOnlyOnceTheEndIsReached() {
    // Given partition 1 with state up to offset 4
    assertThat(restore.begin(1, 0, 4)).isTrue();
    restore.hold(1, "s|a", trial("a", 0));
    restore.hold(1, "s|b", trial("b", 0));
    restore.hold(1, "s|a", trial("a", 2));
    restore.hold(1, "s|b", null); // a tombstone
    // When the position is short of the end, nothing is handed over
    assertThat(restore.finish(p -> 3)).isEmpty();
    assertThat(restore.restoring(1)).isTrue();
    // Then at the end the latest record of each live key is
    Map<Integer, List<SuggesterState>> done = restore.finish(p -> 4);
    assertThat(done).containsOnlyKeys(1);
    assertThat(done.get(1)).containsExactly(trial("a", 2));
    assertThat(restore.restoring(1)).isFalse();
    assertThat(restore.finish(p -> 4)).isEmpty();
  }

  @Test
  void shouldKeepOtherPartitionsRestoringWhenOneIsDone() {
    restore.begin(0, 0, 2);
    restore.begin(1, 0, 5);
    assertThat(restore.finish(p -> p == 0 ? 2 : 3)).containsOnlyKeys(0);
    assertThat(restore.restoring(1)).isTrue();
  }

  @Test
  void shouldForgetARevokedPartitionWithoutHandingItOver() {
    restore.begin(0, 0, 2);
    restore.hold(0, "s|a", trial("a", 0));
    restore.revoke(List.of(0));
    assertThat(restore.restoring(0)).isFalse();
    assertThat(restore.finish(p -> 10)).isEmpty();
  }
}
