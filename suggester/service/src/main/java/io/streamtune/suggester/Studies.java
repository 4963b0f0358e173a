package io.streamtune.suggester;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.Cancellation;
import io.streamtune.spec.SpecException;
import io.streamtune.spec.SpecValidation;
import io.streamtune.spec.StudyIdentity;
import io.streamtune.spec.StudySpecParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The studies this instance owns, and what each input record does to them: a spec opens a study, a
 * claim or a result is checked against what the study issued and applied, a lapsed lease issues a
 * trial again. Then, for the studies that changed, the requests that top them up and the state and
 * status records that go with them. Knows no consumer or producer: records in, records out.
 *
 * <p>Nothing on an input topic is believed before it is checked: a record that cannot be decoded,
 * whose key is not its study, or that no request of ours could have caused, is dead-lettered with
 * the reason; one on another partition than its study's is sent on to the right one.
 */
final class Studies {

  private static final Logger LOG = LoggerFactory.getLogger(Studies.class);

  /** Read by metric scrapes on other threads, hence concurrent. */
  private final Map<String, StudyBook> books = new ConcurrentHashMap<>();

  private final Map<String, Integer> partitionOf = new HashMap<>();
  private final Map<String, Integer> reported = new HashMap<>();
  private final SuggesterMetrics meters;
  private final SuggesterConfig config;
  private final StudyOutput emit = new StudyOutput();
  private RequestSlots slots = new RequestSlots(0);
  private int studyPartitions;

  Studies(SuggesterConfig config, SuggesterMetrics meters) {
    this.config = config;
    this.meters = meters;
  }

  /**
   * Sets how many partitions the study-keyed topics and {@code trial-requests} have: the first
   * decides where a study's records belong, the second how new trials are spread.
   */
  void partitions(int studyPartitions, int requestPartitions) {
    this.studyPartitions = studyPartitions;
    this.slots = new RequestSlots(requestPartitions);
  }

  /** The study's book, or null if this instance does not own it. */
  StudyBook book(String studyId) {
    return books.get(studyId);
  }

  long countOn(int partition) {
    return partitionOf.values().stream().filter(p -> p == partition).count();
  }

  // ---- restore ----

  /** Rebuilds the studies of a partition from its state records (latest per key). */
  void restore(int partition, List<SuggesterState> records, long nowMs) {
    Map<String, List<SuggesterState>> trials = new HashMap<>();
    for (SuggesterState s : records) {
      if (s.getTrialId() == null) {
        restoreStudy(partition, s);
      } else {
        trials.computeIfAbsent(s.getStudyId(), k -> new ArrayList<>()).add(s);
      }
    }
    trials.forEach(
        (study, states) -> {
          StudyBook book = books.get(study);
          if (book != null) {
            states.forEach(book::restoreTrial);
            book.resetLeases(nowMs);
            reported.put(study, book.finishedCount());
          }
        });
  }

  private void restoreStudy(int partition, SuggesterState header) {
    StudySpec spec = header.getSpec();
    try {
      StudyBook book = new StudyBook(spec);
      book.restoreHeader(header);
      open(book, partition);
    } catch (IllegalArgumentException e) {
      LOG.error(
          "suggester: cannot restore study {} ({}); it stays stopped", header.getStudyId(), e);
    }
  }

  private void open(StudyBook book, int partition) {
    String id = book.spec().getStudyId();
    books.put(id, book);
    partitionOf.put(id, partition);
    meters.registerStudy(id, books::get);
  }

  // ---- live inputs ----

  /** Applies one input record; what it causes goes to {@code out}. */
  void apply(ConsumerRecord<byte[], byte[]> r, Output out, long nowMs) {
    String topic = r.topic();
    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    if (key == null || !StudySpecParser.isStudyId(key)) {
      out.poison(r, "the key is not a study id: '" + key + "'");
      return;
    }
    int home = StudyPartitioner.partition(key, studyPartitions);
    if (r.partition() != home) {
      out.send(Reroute.to(r, home));
      meters.recordRerouted(topic);
      return;
    }
    try {
      if (topic.equals(Topics.STUDIES.name())) {
        onSpec(key, r, out, nowMs);
      } else if (r.value() == null) {
        // Only studies is compacted: elsewhere a tombstone deletes nothing and means nothing.
        out.poison(r, "a tombstone (no value) on " + topic + " means nothing");
      } else if (topic.equals(Topics.TRIAL_RESULTS.name())) {
        onResult(key, r, out);
      } else if (topic.equals(Topics.TRIAL_CLAIMS.name())) {
        onClaim(key, r, out, nowMs);
      }
    } catch (SerializationException e) {
      out.poison(r, e.getMessage());
    }
  }

  private void onSpec(String key, ConsumerRecord<byte[], byte[]> r, Output out, long nowMs) {
    if (r.value() == null) {
      delete(key, out, nowMs);
      return;
    }
    StudySpec spec = Topics.STUDIES.valueSerde().deserializer().deserialize(r.topic(), r.value());
    if (!key.equals(spec.getStudyId())) {
      out.poison(r, "key '" + key + "' differs from study_id '" + spec.getStudyId() + "'");
      return;
    }
    StudyBook existing = books.get(key);
    if (existing != null) {
      if (!StudyIdentity.sameStudy(existing.spec(), spec)) {
        out.poison(r, "study " + key + " already exists with another spec; use a new study id");
      } else {
        onNewer(existing, spec, r, out, nowMs); // a cancel, a resume, or a retried submit
      }
      return;
    }
    StudyBook book;
    try {
      SpecValidation.check(spec); // the same rules as `validate`: nothing on a topic is trusted
      book = new StudyBook(spec);
    } catch (SpecException | IllegalArgumentException e) {
      String why =
          e instanceof SpecException ? e.getMessage() : "invalid study spec: " + e.getMessage();
      out.poison(r, why);
      out.send(emit.status(r.partition(), StateRecords.failed(key, why, nowMs)));
      return;
    }
    open(book, r.partition());
    reported.put(key, -1);
    out.touched.add(key);
    LOG.info(
        "study {}: {} trials, parallelism {}, algorithm {}{}",
        key,
        spec.getNTrials(),
        spec.getParallelism(),
        spec.getAlgorithm().getName(),
        book.cancelled() ? "; it arrives cancelled and issues nothing until resumed" : "");
  }

  /**
   * A newer record of a study this instance runs: a cancel or a resume changes its standing, and
   * its status and header go out in this poll's transaction; anything else is a retried submit.
   */
  private void onNewer(
      StudyBook book, StudySpec newer, ConsumerRecord<byte[], byte[]> r, Output out, long nowMs) {
    try {
      SpecValidation.check(newer); // the same study, but the cancel is new: nothing is trusted
    } catch (SpecException e) {
      out.poison(r, e.getMessage());
      return;
    }
    String key = newer.getStudyId();
    List<TrialRequest> reissued = new ArrayList<>();
    StudyBook.SpecChange change = book.onSpec(newer, nowMs, reissued);
    if (change == StudyBook.SpecChange.NONE) {
      return;
    }
    if (change == StudyBook.SpecChange.RESUMED) {
      meters.registerStudy(key, books::get); // its meters may have been retired meanwhile
      if (!reissued.isEmpty()) {
        meters.recordReissued(key, "resumed", reissued.size());
        reissue(key, reissued, out);
      }
    }
    reported.put(key, -1); // its standing changed: the status goes out even with no new result
    out.touched.add(key);
    LOG.info(
        "study {} {} ({} of {} trials finished, {} in flight)",
        key,
        change == StudyBook.SpecChange.RESUMED
            ? "resumed"
            : Cancellation.statusMessage(newer.getCancel()),
        book.finishedCount(),
        newer.getNTrials(),
        book.pendingCount());
  }

  /** A tombstone on {@code studies}: the study is withdrawn, and its state with it. */
  private void delete(String key, Output out, long nowMs) {
    StudyBook book = books.remove(key);
    if (book == null) {
      return;
    }
    int p = partitionOf.remove(key);
    book.stateKeys().forEach(k -> out.send(emit.tombstone(p, k)));
    out.send(emit.status(p, StateRecords.cancelled(key, "its spec was deleted", nowMs)));
    reported.remove(key);
    LOG.info("study {} was deleted; it issues no more trials", key);
  }

  private void onResult(String key, ConsumerRecord<byte[], byte[]> r, Output out) {
    TrialResult result =
        Topics.TRIAL_RESULTS.valueSerde().deserializer().deserialize(r.topic(), r.value());
    StudyBook book = owned(key, result.getStudyId(), r, out);
    if (book == null) {
      return;
    }
    long t0 = System.nanoTime();
    StudyBook.Verdict v = book.onResult(result);
    switch (v) {
      case ACCEPTED -> {
        slots.release(key, result.getTrialId());
        meters.recordTell(key, book.spec().getAlgorithm().getName(), System.nanoTime() - t0);
        meters.recordResult(result);
        out.touched.add(key);
      }
      case INVALID -> out.poison(r, "result " + result.getTrialId() + ": " + book.lastProblem());
      default -> {
        if (!GiveUp.WORKER.equals(result.getWorker())) { // our own give-up, read back
          meters.recordIgnoredResult(key, v);
        }
      }
    }
  }

  private void onClaim(String key, ConsumerRecord<byte[], byte[]> r, Output out, long nowMs) {
    TrialClaim claim =
        Topics.TRIAL_CLAIMS.valueSerde().deserializer().deserialize(r.topic(), r.value());
    StudyBook book = owned(key, claim.getStudyId(), r, out);
    if (book == null) {
      return;
    }
    List<TrialRequest> reissued = new ArrayList<>();
    StudyBook.Verdict v = book.onClaim(claim, nowMs, reissued);
    if (v == StudyBook.Verdict.INVALID) {
      out.poison(r, "claim of " + claim.getTrialId() + ": " + book.lastProblem());
    } else if (v == StudyBook.Verdict.SUPERSEDED) {
      meters.recordStaleClaim(key);
    }
    if (!reissued.isEmpty()) {
      meters.recordReissued(key, "released", reissued.size());
      reissue(key, reissued, out);
    }
  }

  /** The book of a record's study, or null after dead-lettering a record no study of ours owns. */
  private StudyBook owned(
      String key, String studyId, ConsumerRecord<byte[], byte[]> r, Output out) {
    if (!key.equals(studyId)) {
      out.poison(r, "key '" + key + "' differs from study_id '" + studyId + "'");
      return null;
    }
    StudyBook book = books.get(key);
    if (book == null) {
      out.poison(r, "unknown study " + key);
    }
    return book;
  }

  // ---- time ----

  /** Issues again, or gives up, every trial whose lease lapsed. */
  void expireLeases(long nowMs, Output out) {
    books.forEach(
        (id, book) -> {
          List<TrialRequest> reissued = new ArrayList<>();
          List<TrialResult> givenUp = book.expireLeases(nowMs, config.maxAttempts(), reissued);
          if (!reissued.isEmpty()) {
            meters.recordReissued(id, "lease_lapsed", reissued.size());
            reissue(id, reissued, out);
          }
          for (TrialResult failed : givenUp) {
            slots.release(id, failed.getTrialId());
            out.send(emit.result(partitionOf.get(id), failed));
            meters.recordResult(failed);
          }
          if (book.changed()) {
            out.touched.add(
                id); // a lost attempt kept back while cancelled is a change to write, too
          }
        });
  }

  private void reissue(String study, List<TrialRequest> requests, Output out) {
    for (TrialRequest req : requests) {
      slots.release(study, req.getTrialId());
      out.send(emit.request(slots.assign(study, req.getTrialId()), req));
    }
    out.touched.add(study);
  }

  // ---- outputs ----

  /**
   * Requests, state and status for every study that changed, and the requests of the studies on
   * partitions that just went live.
   */
  void emit(Output out, Collection<Integer> wentLive, long nowMs) {
    books.forEach(
        (id, book) -> {
          int p = partitionOf.get(id);
          if (out.touched.contains(id) || wentLive.contains(p)) {
            emit(book, p, nowMs, out);
          }
        });
  }

  private void emit(StudyBook book, int partition, long nowMs, Output out) {
    String study = book.spec().getStudyId();
    long t0 = System.nanoTime();
    List<TrialRequest> requests = book.topUp(nowMs, partition, config.leaseTimeout().toMillis());
    if (!requests.isEmpty()) {
      meters.recordAsk(study, book.spec().getAlgorithm().getName(), System.nanoTime() - t0);
      meters.recordRequests(study, requests.size());
    }
    for (TrialRequest req : requests) {
      out.send(emit.request(slots.assign(study, req.getTrialId()), req));
    }
    for (SuggesterState s : book.changes()) {
      out.send(emit.state(partition, s));
    }
    Integer last = reported.get(study);
    if (last == null || last != book.finishedCount()) {
      StudyStatus status = StateRecords.status(book, nowMs);
      out.send(emit.status(partition, status));
      reported.put(study, book.finishedCount());
    }
  }

  /** Forgets the studies of partitions this instance no longer owns. */
  void forget(Collection<Integer> partitions) {
    books.keySet().removeIf(s -> partitions.contains(partitionOf.get(s)));
    partitionOf.values().removeIf(partitions::contains);
    reported.keySet().retainAll(partitionOf.keySet());
  }

  /** Forgets every study, before a rebuild from Kafka. */
  void clear() {
    books.clear();
    partitionOf.clear();
    reported.clear();
    slots.clear();
  }
}
