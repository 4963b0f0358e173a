package io.streamtune.suggester;

import io.streamtune.avro.SuggesterState;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToLongFunction;

/**
 * Which partitions are restoring their state after an assignment, and the state records read so
 * far. A partition number {@code p} stands for partition {@code p} of every input topic (range
 * assignment gives them to one instance together). While {@code suggester-state} partition p is
 * read from its beginning up to the end it had at assignment, the inputs of p are paused; once it
 * is read, the latest record of each key is the state that goes with the committed input offsets,
 * and the inputs resume from there. Free of the consumer, so the state machine is tested alone.
 */
final class StateRestore {

  private final Map<Integer, Long> until = new HashMap<>();
  private final Map<Integer, Map<String, SuggesterState>> held = new HashMap<>();

  /**
   * Starts restoring partition {@code p} from {@code position} up to {@code end} (exclusive).
   *
   * @return whether there is anything to restore; if not, the partition is live at once
   */
  boolean begin(int p, long position, long end) {
    held.put(p, new LinkedHashMap<>());
    if (position < end) {
      until.put(p, end);
      return true;
    }
    return false;
  }

  boolean restoring(int p) {
    return until.containsKey(p);
  }

  /** Keeps the latest record of {@code key}; a tombstone (null) removes it. */
  void hold(int p, String key, SuggesterState value) {
    Map<String, SuggesterState> records = held.computeIfAbsent(p, x -> new LinkedHashMap<>());
    if (value == null) {
      records.remove(key);
    } else {
      records.put(key, value);
    }
  }

  /**
   * Ends the restore of every partition whose state position reached its end.
   *
   * @param position the consumer's next offset on partition p of {@code suggester-state}
   * @return each partition that finished, with its state records (latest per key)
   */
  Map<Integer, List<SuggesterState>> finish(IntToLongFunction position) {
    Map<Integer, List<SuggesterState>> done = new HashMap<>();
    until
        .entrySet()
        .removeIf(
            e -> {
              if (position.applyAsLong(e.getKey()) < e.getValue()) {
                return false;
              }
              Map<String, SuggesterState> records = held.remove(e.getKey());
              done.put(e.getKey(), records == null ? List.of() : List.copyOf(records.values()));
              return true;
            });
    return done;
  }

  /** Stops restoring partitions this instance no longer owns. */
  void revoke(Collection<Integer> partitions) {
    partitions.forEach(
        p -> {
          until.remove(p);
          held.remove(p);
        });
  }

  void clear() {
    until.clear();
    held.clear();
  }
}
