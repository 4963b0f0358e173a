package io.streamtune.cli;

import io.streamtune.schemas.KafkaConnection;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyView;
import java.time.Duration;
import java.util.Optional;

/** Reads one study as it stands, for the commands that show or change it. */
final class StudyLookup {

  static final Duration CATCH_UP = Duration.ofSeconds(60);

  private StudyLookup() {}

  /** The study, read to the end of its records; fails naming the study when none exists. */
  static StudyView existing(KafkaConnection kafka, String studyId) {
    return find(kafka, studyId).orElseThrow(() -> notFound(kafka, studyId));
  }

  /** The study if the cluster holds it. */
  static Optional<StudyView> find(KafkaConnection kafka, String studyId) {
    try (StudyFeed feed = StudyFeed.ofStudy(kafka, studyId)) {
      StudyView view = feed.catchUp(CATCH_UP).study(studyId);
      return view.exists() ? Optional.of(view) : Optional.empty();
    } catch (StudyFeed.NoStudiesException e) {
      return Optional.empty();
    }
  }

  static StudyNotFound notFound(KafkaConnection kafka, String studyId) {
    return new StudyNotFound(
        "no study '"
            + studyId
            + "' on "
            + kafka.bootstrap()
            + "; 'streamtune studies' lists the studies there");
  }

  /** The study a command names does not exist. */
  static final class StudyNotFound extends IllegalArgumentException {
    StudyNotFound(String message) {
      super(message);
    }
  }
}
