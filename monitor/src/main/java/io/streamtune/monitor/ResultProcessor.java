package io.streamtune.monitor;

import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.StudySpecParser;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/** Marks trials finished, so that completed curves become the reference for running ones. */
final class ResultProcessor implements Processor<String, TrialResult, Void, Void> {

  private final MonitorMetrics meters;
  private ProcessorContext<Void, Void> context;
  private KeyValueStore<String, CurveBook.Trial> curves;

  ResultProcessor(MonitorMetrics meters) {
    this.meters = meters;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.curves = context.getStateStore(MonitorTopology.CURVES_STORE);
  }

  @Override
  public void process(Record<String, TrialResult> record) {
    TrialResult r = record.value();
    if (r == null || !StudySpecParser.isStudyId(r.getStudyId())) {
      return; // an invalid study id could not come from a submitted study, and would break the keys
    }
    meters.seen(r.getStudyId());
    String key = CurveBook.key(r.getStudyId(), r.getTrialId());
    CurveBook.Trial trial = CurveBook.forAttempt(curves.get(key), r.getAttempt(), r.getMaxEpochs());
    if (trial == null) {
      return; // a result from an attempt that was superseded
    }
    trial.status =
        switch (r.getStatus()) {
          case COMPLETED -> CurveBook.Status.COMPLETED;
          case PRUNED -> CurveBook.Status.PRUNED;
          case FAILED -> CurveBook.Status.FAILED;
        };
    if (r.getStatus() == TrialStatus.PRUNED) {
      meters.epochsSaved(r.getStudyId(), r.getMaxEpochs() - r.getEpochsRun());
    }
    trial.updatedAt = context.currentSystemTimeMs();
    curves.put(key, trial);
  }
}
