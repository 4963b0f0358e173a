package io.streamtune.monitor;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.schemas.Topics;
import io.streamtune.spec.EarlyStop;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks trials finished, so that completed curves become the reference for running ones. A result
 * is checked against its study's spec first ({@link RecordChecks}), as metrics are: a result of a
 * made-up study or trial would otherwise create a store entry, and a made-up epochs_run would count
 * epochs that were never saved.
 *
 * <p>A trial that its own patience ended ({@code early_stop}) is stored as COMPLETED, so that its
 * curve is a reference for the rules. It stopped because its curve had flattened, not because a
 * rule found it worse than others, so the values it reported are as real as a completed trial's;
 * leaving it out would make the references lean on the trials that do not converge early, and in a
 * study where most trials run out of patience no rule would ever have enough of them. The rules
 * compare curves only at steps both reached, so a shorter curve counts up to its last epoch only
 * (Vizier's "up to the Trial's last measurement"); Optuna does the same, where a Keras
 * EarlyStopping inside the objective simply completes the trial. Two exceptions stay PRUNED: a
 * trial the monitor had already stopped (a rule judged it), and a patience result in a study
 * without early_stop, which no trainer can have written.
 */
final class ResultProcessor implements Processor<String, TrialResult, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(ResultProcessor.class);

  private final MonitorMetrics meters;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, CurveBook.Trial> curves;
  private KeyValueStore<String, StudySpec> studies;

  ResultProcessor(MonitorMetrics meters) {
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.curves = context.getStateStore(MonitorTopology.CURVES_STORE);
    this.studies = context.getStateStore(MonitorTopology.STUDIES_STORE);
  }

  @Override
  public void process(Record<String, TrialResult> record) {
    TrialResult r = record.value();
    if (r == null) {
      ignore(Rejection.TOMBSTONE);
      return;
    }
    StudySpec spec = studies.get(r.getStudyId());
    Rejection rejection = RecordChecks.result(record.key(), r, spec);
    if (rejection != null) {
      ignore(rejection);
      return;
    }
    meters.seen(r.getStudyId());
    String key = CurveBook.key(r.getStudyId(), r.getTrialId());
    CurveBook.Trial trial =
        CurveBook.forAttempt(curves.get(key), r.getAttempt(), spec.getMaxEpochs());
    if (trial == null) {
      ignore(Rejection.LATE); // a result from an attempt that was superseded
      return;
    }
    trial.status =
        switch (r.getStatus()) {
          case COMPLETED -> CurveBook.Status.COMPLETED;
          case PRUNED ->
              EarlyStop.endedByPatience(r)
                      && EarlyStop.isOn(spec.getEarlyStop())
                      && trial.status != CurveBook.Status.STOPPED
                  ? CurveBook.Status.COMPLETED
                  : CurveBook.Status.PRUNED;
          case FAILED -> CurveBook.Status.FAILED;
        };
    if (r.getStatus() == TrialStatus.PRUNED) {
      meters.epochsSaved(r.getStudyId(), spec.getMaxEpochs() - r.getEpochsRun());
    }
    trial.updatedAt = context.currentSystemTimeMs();
    curves.put(key, trial);
  }

  /** Counted; logged at debug only, so that many bad records cannot flood the log. */
  private void ignore(Rejection reason) {
    meters.ignored(Topics.TRIAL_RESULTS.name(), reason);
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "monitor: ignoring a result ({}) at {}",
          reason.tag(),
          context.recordMetadata().map(m -> m.partition() + "@" + m.offset()).orElse("?"));
    }
  }
}
