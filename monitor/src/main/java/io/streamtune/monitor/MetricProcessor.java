package io.streamtune.monitor;

import io.streamtune.avro.Direction;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.monitor.rules.Decision;
import io.streamtune.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends each epoch metric to its curve, then asks the study's rule about that trial. It only
 * wraps the rule: checks against the spec ({@link RecordChecks}), deduplication (a trial is stopped
 * at most once per attempt), late metrics (ignored once a trial has finished) and orientation
 * (rules see losses; the decision's value, threshold and reason are turned back into the metric's
 * own sign and direction) are handled here, once for all rules.
 *
 * <p>A metric of a study whose spec is not in the global store is dropped and counted ({@code
 * unknown_study}), not kept until a spec arrives: keeping it would let any client fill the store
 * with curves of made-up studies. A genuine study cannot lose much by this. Its spec is on {@code
 * studies} before its first metric exists (the suggester reads the spec before it issues a request,
 * and a trainer reports an epoch only after it has trained one), and the global store follows
 * {@code studies} continuously, so the spec is normally here long before the first metric. If the
 * global thread lags by more than that, the first epochs are dropped: the curve then has a gap
 * (NaN), which the rules already treat as a missing value, so the trial is still judged on its
 * later epochs and, once completed, only its running averages across the gap are left out of the
 * median rule's reference. A rare, small loss of evidence is the price of a bounded store.
 */
final class MetricProcessor implements Processor<String, EpochMetric, String, StopDecision> {

  private static final Logger LOG = LoggerFactory.getLogger(MetricProcessor.class);

  private final MonitorMetrics meters;
  private final Duration retention;
  private ProcessorContext<String, StopDecision> context;
  private KeyValueStore<String, CurveBook.Trial> curves;
  private KeyValueStore<String, StudySpec> studies;

  MetricProcessor(MonitorMetrics meters, Duration retention) {
    this.meters = meters;
    this.retention = retention;
  }

  @Override
  public void init(ProcessorContext<String, StopDecision> context) {
    this.context = context;
    this.curves = context.getStateStore(MonitorTopology.CURVES_STORE);
    this.studies = context.getStateStore(MonitorTopology.STUDIES_STORE);
    context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, this::expire);
    // Quiet studies' meters leave on the registry's clock (MonitorMetrics says why). Every task
    // sweeps the shared binder; that is cheap and needs no thread of its own.
    context.schedule(Duration.ofMinutes(1), PunctuationType.WALL_CLOCK_TIME, now -> meters.sweep());
  }

  @Override
  public void process(Record<String, EpochMetric> record) {
    EpochMetric m = record.value();
    if (m == null) {
      ignore(Rejection.TOMBSTONE);
      return;
    }
    StudySpec spec = studies.get(m.getStudyId());
    Rejection rejection = RecordChecks.metric(record.key(), m, spec);
    if (rejection != null) {
      ignore(rejection);
      return;
    }
    String studyId = spec.getStudyId();
    meters.seen(studyId);
    String key = CurveBook.key(studyId, m.getTrialId());
    // The curve is bounded by the spec's budget, never by a field of the metric.
    CurveBook.Trial trial =
        CurveBook.forAttempt(curves.get(key), m.getAttempt(), spec.getMaxEpochs());
    if (trial == null) {
      meters.lateMetric(studyId);
      return;
    }
    if (trial.status.finished()) {
      // The result can overtake the trial's last metrics (they travel on different topics). Fill
      // gaps in a completed trial's curve, since it is a reference for others, but never overwrite
      // a value or judge it again.
      // A stopped trial keeps reporting until its trainer sees the decision; keep those points too.
      boolean keep =
          trial.status == CurveBook.Status.STOPPED
              || trial.status == CurveBook.Status.COMPLETED && trial.missing(m.getEpoch());
      if (keep) {
        trial.put(m.getEpoch(), m.getValue());
        curves.put(key, trial);
      }
      meters.lateMetric(studyId);
      return;
    }
    // A repeated or out-of-order epoch updates the curve but is not judged again: a rung already
    // passed must not be re-decided as more trials reach it.
    boolean newStep = m.getEpoch() > trial.values.length;
    trial.bracket = m.getBracket();
    trial.put(m.getEpoch(), m.getValue());
    trial.updatedAt = context.currentSystemTimeMs();
    if (newStep) {
      CurveBook book = CurveBook.load(curves, studyId);
      book.trials.put(m.getTrialId(), trial);
      judge(spec, book, m, trial);
    }
    curves.put(key, trial);
  }

  /**
   * Counts a metric that failed a check. Debug only: the counter is what an operator watches, and a
   * client that writes many bad records must not flood the log.
   */
  private void ignore(Rejection reason) {
    meters.ignored(Topics.TRIAL_METRICS.name(), reason);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "monitor: ignoring a metric ({}) at {}",
          reason.tag(),
          context.recordMetadata().map(r -> r.partition() + "@" + r.offset()).orElse("?"));
    }
  }

  private void judge(StudySpec spec, CurveBook book, EpochMetric m, CurveBook.Trial trial) {
    boolean maximize = spec.getMetric().getDirection() == Direction.MAXIMIZE;
    Decision d;
    try {
      d =
          StoppingRules.create(spec.getStopping().getRule(), spec.getStopping().getOptions())
              .evaluate(
                  book.view(m.getTrialId(), maximize), trial.lossCurve(m.getTrialId(), maximize));
    } catch (RuntimeException e) {
      LOG.warn(
          "study {}: rule {} failed on {}: {}",
          spec.getStudyId(),
          spec.getStopping().getRule(),
          m.getTrialId(),
          e.toString());
      return;
    }
    if (!d.stop()) {
      return;
    }
    trial.status = CurveBook.Status.STOPPED;
    trial.stopStep = d.step();
    double sign = maximize ? -1 : 1;
    long now = context.currentSystemTimeMs();
    StopDecision decision =
        StopDecision.newBuilder()
            .setStudyId(spec.getStudyId())
            .setTrialId(m.getTrialId())
            .setAttempt(m.getAttempt())
            .setRule(d.rule())
            .setStep(d.step())
            .setValue(sign * d.value())
            .setThreshold(sign * d.threshold())
            .setReason(d.reason(maximize))
            .setDecidedAt(now)
            .setIssuer(context.applicationId())
            .build();
    meters.decision(spec.getStudyId(), d.rule(), now - m.getTimestamp());
    context.forward(new Record<>(spec.getStudyId(), decision, now));
    // Under exactly-once a decision is invisible to trainers until the transaction commits; ask for
    // that now instead of waiting for commit.interval.ms, because every idle millisecond is
    // training wasted.
    context.commit();
  }

  /**
   * Drops studies whose trials have all finished and that have been quiet for the retention period.
   */
  private void expire(long now) {
    Map<String, List<String>> keysByStudy = new HashMap<>();
    Set<String> active = new HashSet<>();
    try (KeyValueIterator<String, CurveBook.Trial> it = curves.all()) {
      while (it.hasNext()) {
        var kv = it.next();
        String study = CurveBook.studyOf(kv.key);
        keysByStudy.computeIfAbsent(study, s -> new ArrayList<>()).add(kv.key);
        if (!kv.value.status.finished() || now - kv.value.updatedAt <= retention.toMillis()) {
          active.add(study);
        }
      }
    }
    keysByStudy.forEach(
        (study, keys) -> {
          if (!active.contains(study)) {
            keys.forEach(curves::delete);
          }
        });
  }
}
