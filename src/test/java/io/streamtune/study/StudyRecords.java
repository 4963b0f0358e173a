package io.streamtune.study;

import io.streamtune.avro.CancelRequest;
import io.streamtune.avro.ClaimEvent;
import io.streamtune.avro.EpochMetric;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.avro.StudyStatus;
import io.streamtune.avro.SuggesterState;
import io.streamtune.avro.TrialClaim;
import io.streamtune.avro.TrialRequest;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.Cancellation;
import io.streamtune.spec.StudySpecParser;
import java.util.Locale;
import java.util.Map;

/** Builds a study's records as the services write them, for tests of what readers make of them. */
public final class StudyRecords {

  public static final String STUDY = "demo";

  private final StudySpec spec;
  private final StudyView view;
  private long clock = 1_000_000L;

  public StudyRecords(String direction) {
    spec =
        StudySpecParser.parse(
            """
            study: demo
            objective: {name: command, options: {cmd: python3 train.py}}
            metric: {name: acc, direction: %s}
            n_trials: 4
            parallelism: 2
            max_epochs: 10
            space:
              lr: {type: real, low: 0.0001, high: 0.1, prior: log-uniform}
              layers: {type: integer, low: 1, high: 4}
              act: {type: categorical, values: [relu, tanh]}
            early_stop: {patience: 2, restore_best: true}
            algorithm: {seed: 7}
            """
                .formatted(direction));
    spec.setSubmittedAt(clock);
    view = new StudyView(STUDY);
    view.onSpec(spec, clock);
  }

  public StudySpec spec() {
    return spec;
  }

  public StudyView view() {
    return view;
  }

  static String id(int n) {
    return STUDY + "-t" + String.format(Locale.ROOT, "%04d", n);
  }

  static Map<String, Object> params(int n) {
    return Map.of(
        "lr", 0.001 * (n + 1), "layers", (long) (n % 4 + 1), "act", n % 2 == 0 ? "relu" : "tanh");
  }

  public StudyRecords request(int n, int attempt) {
    TrialRequest r =
        TrialRequest.newBuilder()
            .setStudyId(STUDY)
            .setTrialId(id(n))
            .setTrialNumber(n)
            .setParams(params(n))
            .setObjective(spec.getObjective())
            .setMetric(spec.getMetric())
            .setMaxEpochs(10)
            .setAttempt(attempt)
            .build();
    view.onState(
        SuggesterState.newBuilder()
            .setStudyId(STUDY)
            .setTrialId(id(n))
            .setRequest(r)
            .setLost(attempt - 1)
            .build(),
        ++clock);
    return this;
  }

  public StudyRecords claim(int n, int attempt, String worker, ClaimEvent event) {
    view.onClaim(
        TrialClaim.newBuilder()
            .setStudyId(STUDY)
            .setTrialId(id(n))
            .setTrialNumber(n)
            .setAttempt(attempt)
            .setEvent(event)
            .setWorker(worker)
            .build(),
        ++clock);
    return this;
  }

  public StudyRecords metric(int n, int attempt, int epoch, double value) {
    view.onMetric(
        EpochMetric.newBuilder()
            .setStudyId(STUDY)
            .setTrialId(id(n))
            .setAttempt(attempt)
            .setEpoch(epoch)
            .setValue(value)
            .setMaxEpochs(10)
            .build(),
        ++clock);
    return this;
  }

  public StudyRecords result(int n, TrialStatus status, Double value, int epochs, String stopRule) {
    TrialResult r =
        TrialResult.newBuilder()
            .setStudyId(STUDY)
            .setTrialId(id(n))
            .setTrialNumber(n)
            .setAttempt(1)
            .setParams(params(n))
            .setStatus(status)
            .setValue(value)
            .setEpochsRun(epochs)
            .setMaxEpochs(10)
            .setWorker("trainer-1")
            .setStartedAt(clock)
            .setFinishedAt(clock + 2_500)
            .setStopRule(stopRule)
            .setStopStep(stopRule.isEmpty() ? 0 : epochs)
            .setStopReason(stopRule.isEmpty() ? "" : "reason, with a comma")
            .setError(status == TrialStatus.FAILED ? "boom" : null)
            .setExtraMetrics(status == TrialStatus.COMPLETED ? Map.of("test_auc", 0.91) : Map.of())
            .build();
    view.onState(
        SuggesterState.newBuilder().setStudyId(STUDY).setTrialId(id(n)).setResult(r).build(),
        ++clock);
    return this;
  }

  /** The spec republished with a cancel ({@code reason} non-null) or as a resume (null). */
  public StudyRecords cancel(String reason) {
    CancelRequest cancel =
        reason == null
            ? null
            : CancelRequest.newBuilder().setRequestedAt(clock).setReason(reason).build();
    view.onSpec(Cancellation.withCancel(spec, cancel), ++clock);
    return this;
  }

  public StudyRecords status(StudyState state, String message) {
    view.onStatus(
        StudyStatus.newBuilder()
            .setStudyId(STUDY)
            .setState(state)
            .setMessage(message)
            .setNTrials(4)
            .setUpdatedAt(clock + 10_000)
            .build(),
        ++clock);
    return this;
  }

  /** A finished study: completed 0.8, patience-ended 0.9, monitor-pruned 0.95, failed. */
  public static StudyRecords finishedMaximised() {
    StudyRecords s = new StudyRecords("maximize");
    for (int n = 0; n < 4; n++) {
      s.request(n, 1).claim(n, 1, "trainer-1", ClaimEvent.CLAIMED);
      for (int e = 1; e <= 3; e++) {
        s.metric(n, 1, e, 0.1 * e + n * 0.01);
      }
    }
    s.result(0, TrialStatus.COMPLETED, 0.8, 10, "")
        .result(1, TrialStatus.PRUNED, 0.9, 6, "patience")
        .result(2, TrialStatus.PRUNED, 0.95, 3, "median")
        .result(3, TrialStatus.FAILED, null, 2, "")
        .status(StudyState.COMPLETED, "");
    return s;
  }
}
