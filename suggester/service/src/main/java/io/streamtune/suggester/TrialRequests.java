package io.streamtune.suggester;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.spec.HyperbandBrackets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The requests the suggester issues: a trial's first attempt, made from the study's spec, and each
 * next attempt, a copy of the current one with the attempt counted on. Everything a trainer runs is
 * in the request, so it carries the spec's objective, metric, budget and early_stop.
 */
final class TrialRequests {

  private TrialRequests() {}

  /**
   * @param studyPartition where the trial's claims, metrics and result must go
   * @param leaseMs how long a claim holds without renewal
   */
  static TrialRequest first(
      StudySpec spec,
      int number,
      Map<String, Object> params,
      long nowMs,
      int studyPartition,
      long leaseMs) {
    String id = StudyBook.trialId(spec.getStudyId(), number);
    return TrialRequest.newBuilder()
        .setStudyId(spec.getStudyId())
        .setTrialId(id)
        .setTrialNumber(number)
        .setParams(new LinkedHashMap<>(params))
        .setObjective(spec.getObjective())
        .setMetric(spec.getMetric())
        .setMaxEpochs(spec.getMaxEpochs())
        .setBracket(bracketOf(spec, id))
        .setRequestedAt(nowMs)
        .setAttempt(1)
        .setStudyPartition(studyPartition)
        .setLeaseMs(leaseMs)
        .setEarlyStop(spec.getEarlyStop())
        .build();
  }

  /** The next attempt's request, issued afresh: nobody holds it yet. */
  static TrialRequest next(TrialRequest request, long nowMs) {
    // Field by field: a copying builder would deep-copy through Avro's class loading.
    return TrialRequest.newBuilder()
        .setStudyId(request.getStudyId())
        .setTrialId(request.getTrialId())
        .setTrialNumber(request.getTrialNumber())
        .setParams(request.getParams())
        .setObjective(request.getObjective())
        .setMetric(request.getMetric())
        .setMaxEpochs(request.getMaxEpochs())
        .setBracket(request.getBracket())
        .setRequestedAt(nowMs)
        .setAttempt(request.getAttempt() + 1)
        .setStudyPartition(request.getStudyPartition())
        .setLeaseMs(request.getLeaseMs())
        .setEarlyStop(request.getEarlyStop())
        .build();
  }

  /** Hyperband brackets are assigned here so that every monitor instance agrees on them. */
  private static int bracketOf(StudySpec spec, String trialId) {
    if (!"hyperband".equals(spec.getStopping().getRule())) {
      return 0;
    }
    Map<String, Double> o = spec.getStopping().getOptions();
    int minResource = (int) Math.round(o.getOrDefault("min_resource", 1.0));
    int eta = (int) Math.round(o.getOrDefault("eta", 3.0));
    int brackets =
        HyperbandBrackets.count(minResource, Math.max(minResource, spec.getMaxEpochs()), eta);
    return HyperbandBrackets.assign(trialId, brackets, eta);
  }
}
