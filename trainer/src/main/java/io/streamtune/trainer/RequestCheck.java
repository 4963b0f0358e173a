package io.streamtune.trainer;

import io.streamtune.avro.Dimension;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialRequest;
import io.streamtune.schemas.StudyPartitioner;
import io.streamtune.spec.ParamValues;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a trial request is one that its study's suggester could have issued: everything a trainer
 * runs comes from the request, so a request that does not match its spec (another objective, other
 * options, another early_stop, a parameter outside the space, a trial the study never has) is
 * refused rather than run. This is the second line of defence; the first is that only the
 * suggester's principal may write {@code trial-requests}.
 */
final class RequestCheck {

  /** More attempts than any sensible max-attempts setting, with room for releases. */
  static final int MAX_ATTEMPT = 1000;

  private RequestCheck() {}

  /**
   * Why {@code request} cannot have been issued for {@code spec}, or null if it can.
   *
   * @param studyPartitions how many partitions the study-keyed topics have
   */
  static String problem(TrialRequest request, StudySpec spec, int studyPartitions) {
    if (!Objects.equals(request.getObjective(), spec.getObjective())) {
      return "objective "
          + request.getObjective()
          + " differs from the study's "
          + spec.getObjective();
    }
    if (!Objects.equals(request.getMetric(), spec.getMetric())) {
      return "metric " + request.getMetric() + " differs from the study's " + spec.getMetric();
    }
    if (request.getMaxEpochs() != spec.getMaxEpochs()) {
      return "max_epochs "
          + request.getMaxEpochs()
          + " differs from the study's "
          + spec.getMaxEpochs();
    }
    if (!Objects.equals(request.getEarlyStop(), spec.getEarlyStop())) {
      return "early_stop "
          + request.getEarlyStop()
          + " differs from the study's "
          + spec.getEarlyStop();
    }
    int n = request.getTrialNumber();
    if (n < 0 || n >= spec.getNTrials()) {
      return "trial_number " + n + " is outside [0, " + spec.getNTrials() + ")";
    }
    String id = String.format(Locale.ROOT, "%s-t%04d", spec.getStudyId(), n);
    if (!id.equals(request.getTrialId())) {
      return "trial_id '" + request.getTrialId() + "' should be '" + id + "'";
    }
    if (request.getAttempt() < 1 || request.getAttempt() > MAX_ATTEMPT) {
      return "attempt " + request.getAttempt() + " is outside [1, " + MAX_ATTEMPT + "]";
    }
    int home = StudyPartitioner.partition(spec.getStudyId(), studyPartitions);
    if (request.getStudyPartition() != -1 && request.getStudyPartition() != home) {
      return "study_partition "
          + request.getStudyPartition()
          + " is not the study's ("
          + home
          + ")";
    }
    if (request.getBracket() < 0) {
      return "bracket " + request.getBracket() + " is negative";
    }
    return paramsProblem(request, spec);
  }

  private static String paramsProblem(TrialRequest request, StudySpec spec) {
    Set<String> names = new HashSet<>();
    for (Dimension d : spec.getSpace()) {
      names.add(d.getName());
      Object value = request.getParams().get(d.getName());
      if (value == null) {
        return "params lack '" + d.getName() + "'";
      }
      String why = ParamValues.check(d, value);
      if (why != null) {
        return "params." + d.getName() + " " + why;
      }
    }
    for (String name : request.getParams().keySet()) {
      if (!names.contains(name)) {
        return "params." + name + " is not in the study's space";
      }
    }
    return null;
  }
}
