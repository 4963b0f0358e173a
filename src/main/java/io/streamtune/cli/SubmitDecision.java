package io.streamtune.cli;

import io.streamtune.avro.StudySpec;
import io.streamtune.avro.StudyState;
import io.streamtune.console.Figures;
import io.streamtune.spec.StudyIdentity;
import io.streamtune.study.StudyView;
import java.util.List;

/**
 * What a {@code run} or {@code submit} does with a study id the cluster may already know: a new id
 * is submitted; an existing one is an error unless {@code --resume} asks to continue it, and then
 * only with the same spec. A finished study is never presented as a new one.
 */
final class SubmitDecision {

  enum Action {
    /** A new study: publish its spec. */
    SUBMIT,
    /** It is running: follow it. */
    FOLLOW,
    /** It was cancelled: clear the cancel, then follow it. */
    RESUME,
    /** It completed: report it, run nothing. */
    FINISHED
  }

  private SubmitDecision() {}

  static Action decide(StudyView existing, StudySpec spec, boolean resume, String cluster) {
    String id = spec.getStudyId();
    if (!existing.exists()) {
      if (resume) {
        throw new IllegalArgumentException(
            "--resume: there is no study '"
                + id
                + "' on "
                + cluster
                + " to resume; drop --resume to start it");
      }
      return Action.SUBMIT;
    }
    if (!resume) {
      throw new IllegalArgumentException(
          "study '"
              + id
              + "' already exists on "
              + cluster
              + " ("
              + describe(existing)
              + "). Pass --resume to continue it with its remaining budget, or give the spec"
              + " a new id (for example 'study: "
              + id
              + "-2') to start afresh");
    }
    List<String> differ = StudyIdentity.differences(existing.spec().orElseThrow(), spec);
    if (!differ.isEmpty()) {
      throw new IllegalArgumentException(
          "--resume: this spec differs from study '"
              + id
              + "' on "
              + cluster
              + " in "
              + String.join(", ", differ)
              + "; a study keeps its spec, so start a changed one under a new id (its 'study:')");
    }
    StudyState state = existing.status().map(s -> s.getState()).orElse(StudyState.RUNNING);
    return switch (state) {
      case RUNNING -> Action.FOLLOW;
      case CANCELLED -> Action.RESUME;
      case COMPLETED -> Action.FINISHED;
      case FAILED ->
          throw new IllegalArgumentException(
              "study '"
                  + id
                  + "' FAILED ("
                  + existing.status().orElseThrow().getMessage()
                  + ") and cannot be resumed; fix the spec and start it under a new id (its 'study:')");
    };
  }

  static String describe(StudyView v) {
    return v.state()
        + ", "
        + v.finished()
        + "/"
        + v.nTrials()
        + " trials, submitted "
        + Figures.time(v.startedAt());
  }
}
