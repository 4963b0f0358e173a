package io.streamtune.suggester;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ModelSnapshot;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialResult;
import io.streamtune.optimizer.surrogate.SurrogateState;
import io.streamtune.spec.Cancellation;
import java.util.ArrayList;
import java.util.List;

/**
 * The suggester's state as records of the compacted {@code suggester-state} topic: one per study
 * (its spec and numbering) and one per trial (its current request, or its accepted result), so that
 * state grows in records, never in record size, however large a study.
 */
final class StateRecords {

  /** Study ids never contain it (the spec allows [A-Za-z0-9._-]), so keys cannot collide. */
  static final String SEPARATOR = "|";

  private StateRecords() {}

  static String key(String studyId, String trialId) {
    return studyId + SEPARATOR + trialId;
  }

  /** The record's key: the study for its header, study and trial for a trial. */
  static String key(SuggesterState s) {
    return s.getTrialId() == null ? s.getStudyId() : key(s.getStudyId(), s.getTrialId());
  }

  static SuggesterState header(StudyBook book) {
    return SuggesterState.newBuilder()
        .setStudyId(book.spec().getStudyId())
        .setSpec(book.spec())
        .setNextTrialNumber(book.nextTrialNumber())
        .setDone(book.done())
        .setModel(book.modelState().map(StateRecords::snapshot).orElse(null))
        .build();
  }

  static ModelSnapshot snapshot(SurrogateState s) {
    List<Double> values = new ArrayList<>();
    for (double v : s.hyperparameters()) {
      values.add(v);
    }
    return ModelSnapshot.newBuilder()
        .setKind(s.kind())
        .setHyperparameters(values)
        .setFittedAt(s.fittedAt())
        .build();
  }

  static SurrogateState model(ModelSnapshot s) {
    return new SurrogateState(
        s.getKind(),
        s.getHyperparameters().stream().mapToDouble(Double::doubleValue).toArray(),
        s.getFittedAt());
  }

  static SuggesterState pending(String studyId, PendingTrial p) {
    return SuggesterState.newBuilder()
        .setStudyId(studyId)
        .setTrialId(p.request.getTrialId())
        .setRequest(p.request)
        .setLost(p.lost)
        .build();
  }

  static SuggesterState finished(String studyId, TrialResult result) {
    return SuggesterState.newBuilder()
        .setStudyId(studyId)
        .setTrialId(result.getTrialId())
        .setResult(result)
        .build();
  }

  /**
   * Where the study stands, for {@code study-status}: CANCELLED while its spec carries a cancel,
   * with the cancel's reason, even once the results of the trials it stopped have made it done.
   */
  static StudyStatus status(StudyBook book, long nowMs) {
    CancelRequest cancel = book.spec().getCancel();
    StudyState state =
        cancel != null
            ? StudyState.CANCELLED
            : book.done() ? StudyState.COMPLETED : StudyState.RUNNING;
    StudyStatus.Builder b =
        StudyStatus.newBuilder()
            .setStudyId(book.spec().getStudyId())
            .setState(state)
            .setMessage(cancel != null ? Cancellation.statusMessage(cancel) : "")
            .setNTrials(book.spec().getNTrials())
            .setFinished(book.finishedCount())
            .setUpdatedAt(nowMs);
    if (book.bestTrial() != null) {
      b.setBestValue(book.bestValue()).setBestTrial(book.bestTrial());
    }
    return b.build();
  }

  /** A study stopped before its end, with the reason. */
  static StudyStatus cancelled(String studyId, String message, long nowMs) {
    return StudyStatus.newBuilder()
        .setStudyId(studyId)
        .setState(StudyState.CANCELLED)
        .setMessage(message)
        .setUpdatedAt(nowMs)
        .build();
  }

  /** A study that will never run, with the reason. */
  static StudyStatus failed(String studyId, String message, long nowMs) {
    return StudyStatus.newBuilder()
        .setStudyId(studyId)
        .setState(StudyState.FAILED)
        .setMessage(message)
        .setUpdatedAt(nowMs)
        .build();
  }
}
