package io.streamtune.suggester;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Chooses the {@code trial-requests} partition of each new trial so that idle trainers get work.
 *
 * <p>A trainer pauses all its partitions while it trains, so a request that lands on a busy
 * trainer's partition waits even when another trainer is idle. With as many request partitions as
 * trainers, each trainer owns one partition; sending a study's next trial to the partition whose
 * trial just finished hands it to the trainer that just became free, and the study's first trials
 * go to distinct partitions. After a restart the partitions of trials already in flight are
 * unknown; they are then simply not avoided.
 */
final class RequestSlots {

  private final int partitions;
  private final Map<String, Map<String, Integer>> inUse = new HashMap<>();
  private final Map<String, Deque<Integer>> freed = new HashMap<>();

  /**
   * @param partitions partitions of {@code trial-requests}; 0 leaves the choice to the producer
   */
  RequestSlots(int partitions) {
    this.partitions = partitions;
  }

  /** The partition for a new trial of {@code study}, or null to use the producer's partitioner. */
  Integer assign(String study, String trialId) {
    if (partitions <= 0) {
      return null;
    }
    Map<String, Integer> used = inUse.computeIfAbsent(study, s -> new HashMap<>());
    Deque<Integer> free = freed.computeIfAbsent(study, s -> new ArrayDeque<>());
    Integer p = null;
    while (!free.isEmpty() && p == null) {
      Integer candidate = free.pollFirst();
      if (!used.containsValue(candidate)) {
        p = candidate;
      }
    }
    for (int i = 0; p == null && i < partitions; i++) {
      if (!used.containsValue(i)) {
        p = i;
      }
    }
    if (p == null) {
      p = Math.floorMod(trialId.hashCode(), partitions); // more trials in flight than partitions
    }
    used.put(trialId, p);
    return p;
  }

  void release(String study, String trialId) {
    Map<String, Integer> used = inUse.get(study);
    Integer p = used == null ? null : used.remove(trialId);
    if (p != null) {
      freed.computeIfAbsent(study, s -> new ArrayDeque<>()).addFirst(p);
    }
  }

  void clear() {
    inUse.clear();
    freed.clear();
  }
}
