package io.streamtune.suggester;

import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialResult;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.kafka.common.TopicPartition;

/**
 * Which input partitions are still being replayed after an assignment, and what replay read before
 * it could be used.
 *
 * <p>A partition number {@code p} stands for partition {@code p} of all three input topics (range
 * assignment gives them to one instance together). It is replaying while any of the three has not
 * reached the end offset it had when it was assigned; only then is it live, and only live studies
 * get new requests. The topics interleave arbitrarily, so replay may read a study's snapshot or
 * results before its spec: those are held here until the spec arrives. Free of the consumer, so
 * that the state machine is tested on its own; the rebalance listener feeds it positions.
 */
final class PartitionReplay {

  /** What replay read for a study before its spec. */
  record Held(SuggesterState snapshot, List<TrialResult> results) {}

  private final Map<TopicPartition, Long> until = new HashMap<>();
  private final Map<String, SuggesterState> snapshots = new HashMap<>();
  private final Map<String, List<TrialResult>> earlyResults = new HashMap<>();

  /**
   * Starts replaying {@code tp} from {@code position} up to {@code end} (exclusive); an empty range
   * needs no replay.
   */
  void begin(TopicPartition tp, long position, long end) {
    if (position < end) {
      until.put(tp, end);
    }
  }

  boolean replaying(int partition) {
    return until.keySet().stream().anyMatch(tp -> tp.partition() == partition);
  }

  boolean replayingAny() {
    return !until.isEmpty();
  }

  /** Keeps the snapshot until the study's spec arrives; a later snapshot replaces it. */
  void holdSnapshot(SuggesterState state) {
    snapshots.put(state.getStudyId(), state);
  }

  void holdResult(TrialResult result) {
    earlyResults.computeIfAbsent(result.getStudyId(), k -> new ArrayList<>()).add(result);
  }

  /** Hands over, and forgets, what was held for a study whose spec just arrived. */
  Held release(String studyId) {
    List<TrialResult> results = earlyResults.remove(studyId);
    return new Held(snapshots.remove(studyId), results == null ? List.of() : results);
  }

  /**
   * Ends replay of every partition whose position reached its end offset.
   *
   * @param position the consumer's next offset of an assigned partition
   * @return partition numbers that are live now and were replaying before
   */
  Set<Integer> finish(ToLongFunction<TopicPartition> position) {
    Set<Integer> before = new HashSet<>();
    until.keySet().forEach(tp -> before.add(tp.partition()));
    until.entrySet().removeIf(e -> position.applyAsLong(e.getKey()) >= e.getValue());
    Set<Integer> live = new HashSet<>();
    for (int p : before) {
      if (!replaying(p)) {
        live.add(p);
      }
    }
    return live;
  }

  /**
   * Drops what is still held once nothing replays: those studies have no spec on any partition this
   * instance owns (deleted, or never valid), so nothing would ever use it.
   *
   * @return the studies whose early results were dropped, empty while replay goes on
   */
  Set<String> dropOrphans() {
    if (replayingAny()) {
      return Set.of();
    }
    Set<String> orphans = new HashSet<>(earlyResults.keySet());
    earlyResults.clear();
    snapshots.clear();
    return orphans;
  }

  /** Stops replaying partitions this instance no longer owns. */
  void revoke(Collection<TopicPartition> partitions) {
    partitions.forEach(until::remove);
  }

  void clear() {
    until.clear();
    snapshots.clear();
    earlyResults.clear();
  }
}
