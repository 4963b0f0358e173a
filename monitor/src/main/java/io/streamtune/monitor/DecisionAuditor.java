package io.streamtune.monitor;

import io.streamtune.avro.StopDecision;
import io.streamtune.avro.StudySpec;
import io.streamtune.monitor.rules.Guards;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code trial-control} back and checks each stop decision against what the monitor itself
 * issued: the trial's stored attempt was stopped by the monitor at the decision's step, under the
 * rule its study's spec names or {@code diverged}, which every rule but none issues. A decision
 * that fails is counted in {@code streamtune.monitor.decisions.foreign} (by reason) and logged with
 * its partition and offset, within the topology's {@link LogBudget}; the record's own strings are
 * not logged, since whoever wrote it chose them.
 *
 * <p>ACLs are the first line of defence: only the monitor's principal may write {@code
 * trial-control} ({@code streamtune acls}). This is the second, for a cluster where that is not so,
 * or not yet: the monitor cannot take a forged decision back (trainers act on it), but it makes it
 * seen. A verbatim copy of one of its own decisions passes, and would stop nothing that the
 * original did not.
 *
 * <p>Reading {@code trial-control} as a source also makes the monitor the one place where an
 * undecodable record there is dead-lettered: its deserialization handler sends it to the
 * dead-letter topic once, inside the task's exactly-once transaction, whereas every trainer reads
 * every partition and would write one copy each.
 *
 * <p>The source starts at the end of the topic when the monitor has no offset for it yet: a
 * decision is checked against the store as it is now, so the older ones on the topic (made before
 * the monitor recorded which step it stopped at) would all look foreign.
 */
final class DecisionAuditor implements Processor<String, StopDecision, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(DecisionAuditor.class);

  private final MonitorMetrics meters;
  private final LogBudget warnings;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, CurveBook.Trial> curves;
  private KeyValueStore<String, StudySpec> studies;

  DecisionAuditor(MonitorMetrics meters, LogBudget warnings) {
    this.meters = meters;
    this.warnings = warnings;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.curves = context.getStateStore(MonitorTopology.CURVES_STORE);
    this.studies = context.getStateStore(MonitorTopology.STUDIES_STORE);
  }

  @Override
  public void process(Record<String, StopDecision> record) {
    Rejection foreign = check(record.key(), record.value());
    if (foreign == null) {
      return;
    }
    meters.foreignDecision(foreign);
    warnings.warn(
        LOG,
        context.currentSystemTimeMs(),
        "monitor: the stop decision at {} was not issued by the monitor ({})",
        context
            .recordMetadata()
            .map(m -> m.topic() + "-" + m.partition() + "@" + m.offset())
            .orElse("?"),
        foreign.tag());
  }

  /** Null when the monitor issued {@code d}, or cannot tell; otherwise why it is foreign. */
  private Rejection check(String key, StopDecision d) {
    if (d == null) {
      return Rejection.TOMBSTONE; // the monitor never deletes a decision
    }
    if (!d.getStudyId().equals(key)) {
      return Rejection.KEY_MISMATCH; // it sends each decision under its study id
    }
    StudySpec spec = studies.get(d.getStudyId());
    if (spec == null) {
      return Rejection.UNKNOWN_STUDY;
    }
    // Only trials that passed RecordChecks are stored, so a made-up trial id finds nothing.
    CurveBook.Trial stored = curves.get(CurveBook.key(d.getStudyId(), d.getTrialId()));
    if (stored == null) {
      return Rejection.UNKNOWN_TRIAL;
    }
    if (d.getAttempt() < stored.attempt) {
      // A newer attempt has replaced the curve, and with it the record of the old one's stop. The
      // old attempt no longer runs, so such a decision stops nothing either way.
      return null;
    }
    boolean ruleOk =
        d.getRule().equals(spec.getStopping().getRule()) || d.getRule().equals(Guards.DIVERGED);
    if (!d.getIssuer().equals(context.applicationId())) {
      // Another replica's decision (or one that claims to be): replicas see the same records but
      // not always in the same order across topics, so they may decide at other steps. Such a
      // decision is plausible if a monitor made it, for the current attempt, by the study's rule.
      if (!d.getIssuer().startsWith(MonitorConfig.DEFAULT_APPLICATION_ID)
          || d.getAttempt() > stored.attempt) {
        return Rejection.NOT_ISSUED;
      }
      return ruleOk ? null : Rejection.RULE_MISMATCH;
    }
    // Checked by step rather than by status: a PRUNED result can be processed before the
    // decision that caused it comes back, and turns STOPPED into PRUNED.
    if (d.getAttempt() > stored.attempt || stored.stopStep == 0 || d.getStep() != stored.stopStep) {
      return Rejection.NOT_ISSUED;
    }
    return ruleOk ? null : Rejection.RULE_MISMATCH;
  }
}
