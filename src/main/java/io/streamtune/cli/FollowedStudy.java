package io.streamtune.cli;

import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.console.Progress;
import io.streamtune.console.Terminals;
import io.streamtune.results.ResultsFile;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyView;
import java.io.PrintWriter;

/**
 * A study a {@code run} or {@code submit} is about to start, resume or follow: it reads what the
 * cluster knows of the id first, so an existing study is never overwritten or mistaken for a new
 * one, then publishes, follows, writes the results and prints the summary.
 */
final class FollowedStudy implements AutoCloseable {

  private final KafkaConnection kafka;
  private final StudySpec spec;
  private final StudyFeed feed;
  private final StudyView existing;
  private final SubmitDecision.Action action;

  private FollowedStudy(
      KafkaConnection kafka,
      StudySpec spec,
      StudyFeed feed,
      StudyView existing,
      SubmitDecision.Action action) {
    this.kafka = kafka;
    this.spec = spec;
    this.feed = feed;
    this.existing = existing;
    this.action = action;
  }

  static FollowedStudy open(KafkaConnection kafka, StudySpec spec, boolean resume, String cluster) {
    StudyFeed feed = StudyFeed.ofStudy(kafka, spec.getStudyId());
    try {
      StudyView existing = feed.catchUp(StudyLookup.CATCH_UP).study(spec.getStudyId());
      return new FollowedStudy(
          kafka, spec, feed, existing, SubmitDecision.decide(existing, spec, resume, cluster));
    } catch (RuntimeException e) {
      feed.close();
      throw e;
    }
  }

  /** Whether the study already completed: there is nothing to run. */
  boolean finished() {
    return action == SubmitDecision.Action.FINISHED;
  }

  int reportFinished(PrintWriter out, PrintWriter err, ResultsTarget target) {
    out.println(
        "Study "
            + spec.getStudyId()
            + " already completed ("
            + SubmitDecision.describe(existing)
            + "); nothing to resume. Its results:");
    ResultsFile.write(existing, target.path());
    Summary.print(
        out,
        new StudySession.Outcome(
            StudySession.End.COMPLETED,
            existing,
            existing.endedAt().orElse(existing.updatedAt()) - existing.startedAt()),
        target.path());
    return ExitCodes.OK;
  }

  /** Submits or resumes the study (a running one is only followed); returns what it did. */
  String publish() throws Exception {
    switch (action) {
      case SUBMIT -> {
        Pipeline.submit(kafka, spec);
        return "Submitted";
      }
      case RESUME -> {
        // The feed learns of the resume from the topic later; until then it would take the
        // study's CANCELLED status for its end.
        feed.study(spec.getStudyId())
            .onSpec(
                StudyControl.resume(kafka, existing.spec().orElseThrow()),
                System.currentTimeMillis());
        return "Resumed";
      }
      default -> {
        return "Following";
      }
    }
  }

  /** Publishes, then follows until the study ends; writes results and returns the exit code. */
  int start(
      FollowOptions options,
      ResultsTarget target,
      PrintWriter out,
      PrintWriter err,
      long startNanos)
      throws Exception {
    String did = publish();
    out.printf(
        "%s study '%s' (%d trials)%s%n",
        did,
        spec.getStudyId(),
        spec.getNTrials(),
        action == SubmitDecision.Action.SUBMIT ? "" : ": " + SubmitDecision.describe(existing));
    if (target.notice() != null) {
      out.println(target.notice());
    }
    Logging.file().ifPresent(f -> out.println("Logs: " + f + " (-v shows them here)"));
    out.flush();
    return follow(options, target, out, err, startNanos);
  }

  private int follow(
      FollowOptions options,
      ResultsTarget target,
      PrintWriter out,
      PrintWriter err,
      long startNanos)
      throws Exception {
    StudySession session = new StudySession(kafka, feed, spec.getStudyId(), startNanos);
    StudySession.Outcome outcome;
    try (Terminals terminals = new Terminals();
        Interrupts interrupts =
            Interrupts.install(
                err,
                options.detach
                    ? "Interrupted: leaving the study running (Ctrl-C again to exit at once)."
                    : "Interrupted: cancelling the study, then writing what finished (Ctrl-C again"
                        + " to exit at once).");
        Progress progress = Progress.to(out, terminals)) {
      outcome = session.follow(options.settings(), progress, interrupts, err);
      progress.update(outcome.study(), outcome.elapsedMillis());
    }
    boolean write = outcome.end() != StudySession.End.DETACHED;
    if (write) {
      ResultsFile.write(outcome.study(), target.path());
    }
    Summary.print(out, outcome, write ? target.path() : null);
    if (outcome.end() == StudySession.End.DETACHED) {
      out.println(
          "Study "
              + spec.getStudyId()
              + " goes on: 'streamtune watch "
              + spec.getStudyId()
              + "' follows it, 'streamtune cancel "
              + spec.getStudyId()
              + "' stops it.");
    }
    out.flush();
    return switch (outcome.end()) {
      case COMPLETED -> ExitCodes.OK;
      case INTERRUPTED -> ExitCodes.INTERRUPTED;
      case DETACHED ->
          outcome.elapsedMillis() < options.timeout.toMillis()
              ? ExitCodes.INTERRUPTED
              : ExitCodes.OK;
      case FAILED, CANCELLED, TIMED_OUT -> ExitCodes.ERROR;
    };
  }

  @Override
  public void close() {
    feed.close();
  }
}
