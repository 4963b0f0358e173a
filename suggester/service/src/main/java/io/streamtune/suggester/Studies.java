package io.streamtune.suggester;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.AvroSerde;
import io.streamtune.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studies this instance owns, and what each input record does to them: a spec opens a study, a
 * result is told to its book, a snapshot of our own restores a study being replayed. Then, for the
 * studies that are live, the requests that top them up and the snapshot that goes with them. Knows
 * no consumer or producer: records in, records out.
 */
final class Studies {

  private static final Logger LOG = LoggerFactory.getLogger(Studies.class);
  private static final AvroSerde<StudySpec> SPECS =
      (AvroSerde<StudySpec>) Topics.STUDIES.valueSerde();
  private static final AvroSerde<TrialResult> RESULTS =
      (AvroSerde<TrialResult>) Topics.TRIAL_RESULTS.valueSerde();
  private static final AvroSerde<TrialRequest> REQUESTS =
      (AvroSerde<TrialRequest>) Topics.TRIAL_REQUESTS.valueSerde();
  private static final AvroSerde<SuggesterState> STATES =
      (AvroSerde<SuggesterState>) Topics.SUGGESTER_STATE.valueSerde();

  /** Read by metric scrapes on other threads, hence concurrent. */
  private final Map<String, StudyBook> books = new ConcurrentHashMap<>();

  private final Map<String, Integer> partitionOf = new HashMap<>();
  private final PartitionReplay replay;
  private final SuggesterMetrics meters;
  private RequestSlots slots = new RequestSlots(0);

  Studies(PartitionReplay replay, SuggesterMetrics meters) {
    this.replay = replay;
    this.meters = meters;
  }

  /** Sets how many {@code trial-requests} partitions new trials are spread over. */
  void spreadOver(int requestPartitions) {
    slots = new RequestSlots(requestPartitions);
  }

  /** The study's book, or null if this instance does not own it. */
  StudyBook book(String studyId) {
    return books.get(studyId);
  }

  long countOn(int partition) {
    return partitionOf.values().stream().filter(p -> p == partition).count();
  }

  /**
   * Applies one input record, adding to {@code touched} the studies that may now need requests.
   *
   * @throws SerializationException if the record cannot be decoded
   * @throws IllegalArgumentException if it is valid Avro but cannot be used (an unknown study, a
   *     spec the optimizer does not accept)
   */
  void apply(ConsumerRecord<byte[], byte[]> r, Set<String> touched) {
    if (r.value() == null) {
      return; // a tombstone removes a record from a compacted log; nothing to undo here
    }
    String topic = r.topic();
    if (topic.equals(Topics.STUDIES.name())) {
      onSpec(SPECS.fromBytes(r.value()), r.partition(), touched);
    } else if (topic.equals(Topics.TRIAL_RESULTS.name())) {
      onResult(RESULTS.fromBytes(r.value()), r.partition(), touched);
    } else if (topic.equals(Topics.SUGGESTER_STATE.name()) && replay.replaying(r.partition())) {
      // Our own snapshots matter only while rebuilding; afterwards memory is ahead of them.
      onSnapshot(STATES.fromBytes(r.value()));
    }
  }

  private void onSpec(StudySpec spec, int partition, Set<String> touched) {
    String id = spec.getStudyId();
    if (books.containsKey(id)) {
      LOG.info("study {} was submitted again; keeping the running one", id);
      return;
    }
    StudyBook book = new StudyBook(spec);
    books.put(id, book);
    partitionOf.put(id, partition);
    PartitionReplay.Held held = replay.release(id);
    if (held.snapshot() != null) {
      book.restore(held.snapshot());
    }
    held.results().forEach(book::onResult);
    meters.registerStudy(id, books::get);
    touched.add(id);
    LOG.info(
        "study {}: {} trials, parallelism {}, algorithm {}",
        id,
        spec.getNTrials(),
        spec.getParallelism(),
        spec.getAlgorithm().getName());
  }

  private void onResult(TrialResult result, int partition, Set<String> touched) {
    String id = result.getStudyId();
    slots.release(id, result.getTrialId());
    StudyBook book = books.get(id);
    if (book == null && replay.replaying(partition)) {
      replay.holdResult(result);
      return;
    }
    if (book == null) {
      throw new IllegalArgumentException(
          "result " + result.getTrialId() + " names unknown study " + id);
    }
    long t0 = System.nanoTime();
    if (book.onResult(result)) {
      meters.recordTell(id, book.spec().getAlgorithm().getName(), System.nanoTime() - t0);
      meters.recordResult(result);
      touched.add(id);
    } else {
      meters.recordDuplicate(result);
    }
  }

  private void onSnapshot(SuggesterState state) {
    StudyBook book = books.get(state.getStudyId());
    if (book != null) {
      book.restore(state);
    } else {
      replay.holdSnapshot(state);
    }
  }

  /**
   * Requests and snapshots for every live study that was touched or whose partition just caught up;
   * a study being replayed gets nothing, since what it has in flight is not yet known.
   */
  List<ProducerRecord<byte[], byte[]>> emit(
      Set<String> touched, Set<Integer> caughtUp, long nowMillis) {
    List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
    books.forEach(
        (id, book) -> {
          int p = partitionOf.get(id);
          if (!replay.replaying(p) && (touched.contains(id) || caughtUp.contains(p))) {
            emit(book, p, nowMillis, out);
          }
        });
    return out;
  }

  private void emit(
      StudyBook book, int partition, long nowMillis, List<ProducerRecord<byte[], byte[]>> out) {
    String study = book.spec().getStudyId();
    long t0 = System.nanoTime();
    List<TrialRequest> requests = book.topUp(nowMillis);
    if (!requests.isEmpty()) {
      meters.recordAsk(study, book.spec().getAlgorithm().getName(), System.nanoTime() - t0);
    }
    for (TrialRequest req : requests) {
      out.add(
          new ProducerRecord<>(
              Topics.TRIAL_REQUESTS.name(),
              slots.assign(study, req.getTrialId()),
              utf8(req.getTrialId()),
              REQUESTS.toBytes(req)));
    }
    if (!requests.isEmpty() || book.done()) {
      out.add(
          new ProducerRecord<>(
              Topics.SUGGESTER_STATE.name(),
              partition,
              utf8(study),
              STATES.toBytes(book.snapshot())));
      meters.recordRequests(study, requests.size());
    }
  }

  /** Forgets the studies of partitions this instance no longer owns. */
  void forget(Collection<Integer> partitions) {
    books.keySet().removeIf(s -> partitions.contains(partitionOf.get(s)));
    partitionOf.values().removeIf(partitions::contains);
  }

  /** Forgets every study, before a rebuild from Kafka. */
  void clear() {
    books.clear();
    partitionOf.clear();
    slots.clear();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
