package io.streamtune.ui;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.streamtune.results.ResultsFile;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every study on the cluster as it stands, kept current by one reader of the study topics (no
 * group, committed records only). Each change makes a new immutable snapshot of that study, its
 * results file's tree, under a new version number; pages wait on the version to learn of changes.
 * The reader is the only thread that touches Kafka, so the web server never blocks on it.
 */
public final class LiveStudies implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LiveStudies.class);
  private static final Duration POLL = Duration.ofMillis(100);
  private static final Duration RETRY = Duration.ofSeconds(2);

  /**
   * One study at one version.
   *
   * @param results the study's results file, as {@code export} writes it
   * @param row what the list of studies shows of it
   */
  public record Snapshot(long version, ObjectNode results, ObjectNode row) {}

  private final KafkaConnection kafka;
  private final Map<String, Snapshot> studies = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private volatile String problem = "reading the studies…";
  private long version;

  public LiveStudies(KafkaConnection kafka) {
    this.kafka = kafka;
  }

  /** Reads until closed; a cluster with no study topics yet is retried, not an error. */
  @Override
  public void run() {
    while (running) {
      try (StudyFeed feed = StudyFeed.ofEveryStudyInFull(kafka)) {
        feed.catchUp(Duration.ofSeconds(60));
        publish(feed, feed.studies().keySet());
        problem = null;
        while (running) {
          Set<String> changed = feed.pollChanged(POLL);
          if (!changed.isEmpty()) {
            publish(feed, changed);
          }
        }
      } catch (StudyFeed.NoStudiesException e) {
        problem = "no study yet on " + kafka.bootstrap() + " (" + e.getMessage() + ")";
        pause();
      } catch (InterruptException e) {
        return;
      } catch (RuntimeException e) {
        problem = "cannot read the studies from " + kafka.bootstrap() + ": " + e.getMessage();
        LOG.warn("Reading the studies failed; retrying in {}", RETRY, e);
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(RETRY.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void publish(StudyFeed feed, Set<String> ids) {
    for (String id : ids) {
      StudyView v = feed.study(id);
      if (!v.exists() || v.spec().isEmpty()) {
        continue;
      }
      ObjectNode results = ResultsFile.of(v);
      synchronized (this) {
        version++;
        studies.put(id, new Snapshot(version, results, row(v, version)));
        notifyAll();
      }
    }
  }

  /** A study's line in the list: its state, progress and best, and when it last changed. */
  static ObjectNode row(StudyView v, long version) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("study", v.studyId());
    o.put("version", version);
    o.put("state", v.state());
    v.spec()
        .ifPresent(
            s -> {
              o.put("objective", s.getObjective().getName());
              o.put("algorithm", s.getAlgorithm().getName());
              o.put("stopping", s.getStopping().getRule());
            });
    o.put("metric", v.metricName());
    o.put("direction", v.maximize() ? "maximize" : "minimize");
    o.put("n_trials", v.nTrials());
    o.put("finished", v.finished());
    o.put("running", v.running().size());
    o.put("pruned", v.count(TrialPhase.PRUNED));
    o.put("failed", v.count(TrialPhase.FAILED));
    Optional<Double> best = v.best().flatMap(t -> t.result()).map(r -> r.getValue());
    if (best.isPresent() && Double.isFinite(best.get())) {
      o.put("best", best.get());
    } else {
      o.putNull("best");
    }
    o.put("started_at", iso(v.startedAt()));
    o.put("updated_at", iso(v.updatedAt()));
    return o;
  }

  private static String iso(long ms) {
    return ms <= 0 ? null : Instant.ofEpochMilli(ms).toString();
  }

  /** The newest version of any study; 0 before the first. */
  public synchronized long version() {
    return version;
  }

  /** Waits up to {@code max} for a version newer than {@code seen}; returns the newest. */
  public synchronized long awaitChange(long seen, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (version <= seen && running) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return version;
  }

  public Optional<Snapshot> study(String id) {
    return Optional.ofNullable(studies.get(id));
  }

  /** Every study's row, the most recently started first. */
  public List<ObjectNode> rows() {
    List<ObjectNode> out = new ArrayList<>();
    studies.values().forEach(s -> out.add(s.row()));
    out.sort(
        Comparator.comparing((ObjectNode o) -> o.path("started_at").asText(""))
            .reversed()
            .thenComparing(o -> o.path("study").asText()));
    return out;
  }

  /** Why no study can be shown, or null when the studies are read. */
  public String problem() {
    return problem;
  }

  @Override
  public void close() {
    running = false;
    synchronized (this) {
      notifyAll();
    }
  }
}
