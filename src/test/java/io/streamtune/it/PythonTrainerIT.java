package io.streamtune.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.StudySpec;
import io.streamtune.avro.TrialResult;
import io.streamtune.avro.TrialStatus;
import io.streamtune.spec.StudySpecParser;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialView;
import io.streamtune.trainer.BuiltinObjectives;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The conformance kit for trainers in other languages, run against the Python SDK ({@code
 * clients/python}) on a real broker with the Java suggester and monitor: a study with only Python
 * trainers, Java and Python trainers in one group, a stop decision obeyed, a {@code kill -9}
 * mid-trial (the trial runs again as attempt 2) and a SIGTERM (the trial is given back). Every
 * check is on what the topics hold: one result per trial, attempts numbered right.
 */
@Tag("integration")
class PythonTrainerIT {

  private static KafkaFixture kafka;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaFixture.start();
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (kafka != null) {
      kafka.close();
    }
  }

  @BeforeEach
  void requirePython() {
    String missing = PythonTrainers.missing();
    assumeTrue(missing == null, "Python SDK conformance not run: " + missing);
  }

  @Test
  void shouldRunAStudyAndObeyStopsWhenOnlyPythonTrainersTrain() throws Exception {
    try (Pipeline services = services(0);
        PythonTrainers python = new PythonTrainers(kafka.bootstrap(), logs("python-only"))) {
      python.start("py-a");
      python.start("py-b");
      StudyView study = run(spec("py-only", 12, 2, 30, "median"), Duration.ofMinutes(2));

      assertOneResultPerTrial(study, 12);
      assertThat(study.trials()).allMatch(t -> t.result().orElseThrow().getAttempt() == 1);
      assertThat(study.trials()).allMatch(t -> t.worker().startsWith("py-"));
      assertStopsObeyed(study);
    }
  }

  /** Some trials were stopped, each by the study's rule, before its last epoch. */
  private static void assertStopsObeyed(StudyView study) {
    List<TrialResult> pruned =
        study.results().stream().filter(r -> r.getStatus() == TrialStatus.PRUNED).toList();
    assertThat(pruned).as("trials the monitor stopped").isNotEmpty();
    for (TrialResult r : pruned) {
      assertThat(r.getStopRule()).isEqualTo("median");
      assertThat(r.getEpochsRun())
          .isLessThan(r.getMaxEpochs())
          .isGreaterThanOrEqualTo(r.getStopStep());
    }
  }

  @Test
  void shouldShareTheStudyWhenJavaAndPythonTrainersAreInOneGroup() throws Exception {
    try (Pipeline services = services(1);
        PythonTrainers python = new PythonTrainers(kafka.bootstrap(), logs("mixed"))) {
      python.start("py-c");
      PythonTrainers.Trainer killed = python.start("py-d");
      StudySpec spec = spec("py-mixed", 16, 3, 100, "median");
      Pipeline.submit(kafka.connection(), spec);

      // When one Python trainer is killed early in a trial
      StudyView running =
          await("py-mixed", v -> held(v, "py-d").isPresent(), Duration.ofSeconds(60));
      String killedTrial = held(running, "py-d").orElseThrow().trialId();
      killed.process().destroyForcibly();
      StudyView study = await("py-mixed", StudyFollow::over, Duration.ofSeconds(50));

      // Then every trial has one result, from Java and Python trainers alike; the killed one's is
      // attempt 2 after one lost attempt, its curve attempt 2's alone; and stops were obeyed
      assertOneResultPerTrial(study, 16);
      assertThat(study.trials())
          .extracting(TrialView::worker)
          .anyMatch(w -> w.startsWith("trainer-"))
          .anyMatch(w -> w.startsWith("py-"));
      TrialView k = trial(study, killedTrial);
      assertThat(k.result().orElseThrow().getAttempt()).isEqualTo(2);
      assertThat(k.lostAttempts()).isEqualTo(1);
      assertThat(study.trials())
          .filteredOn(t -> !t.trialId().equals(killedTrial))
          .allMatch(t -> t.result().orElseThrow().getAttempt() == 1);
      assertThat(study.trials()).allMatch(t -> t.curve().size() == t.epochs());
      assertStopsObeyed(study);
    }
  }

  @Test
  void shouldRunTheTrialAgainWhenAPythonTrainerIsKilledOrStopped() throws Exception {
    try (Pipeline services = services(0);
        PythonTrainers python = new PythonTrainers(kafka.bootstrap(), logs("chaos"))) {
      PythonTrainers.Trainer killed = python.start("py-kill");
      PythonTrainers.Trainer stopped = python.start("py-term");
      Diagnosis.awaitAssigned(kafka.bootstrap(), 2, Duration.ofSeconds(60));
      StudySpec spec = spec("py-chaos", 4, 2, 500, "none");
      Pipeline.submit(kafka.connection(), spec);

      // When one trainer is killed mid-trial and the other is stopped with SIGTERM
      StudyView running =
          await(
              "py-chaos",
              v -> held(v, "py-kill").isPresent() && held(v, "py-term").isPresent(),
              Duration.ofSeconds(60));
      String killedTrial = held(running, "py-kill").orElseThrow().trialId();
      String stoppedTrial = held(running, "py-term").orElseThrow().trialId();
      killed.process().destroyForcibly();
      stopped.process().destroy();
      assertThat(stopped.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
      assertThat(stopped.process().exitValue()).as(stopped.output()).isZero();
      assertThat(stopped.output()).contains("gave back " + stoppedTrial + " attempt 1");
      python.start("py-rest");
      StudyView study = await("py-chaos", StudyFollow::over, Duration.ofMinutes(2));

      // Then both trials ran again as attempt 2: the killed one's lost, the stopped one's not
      assertOneResultPerTrial(study, 4);
      TrialView k = trial(study, killedTrial);
      TrialView s = trial(study, stoppedTrial);
      String results =
          study.results().toString() + "\nkilled " + killedTrial + " stopped " + stoppedTrial;
      assertThat(k.result().orElseThrow().getAttempt()).as(results).isEqualTo(2);
      assertThat(k.lostAttempts()).isEqualTo(1);
      assertThat(k.curve()).hasSize(k.epochs());
      assertThat(s.result().orElseThrow().getAttempt()).isEqualTo(2);
      assertThat(s.lostAttempts()).isZero();
      assertThat(s.result().orElseThrow().getWorker()).isNotEqualTo("py-term");
    }
  }

  @Test
  void shouldTuneScikitLearnWhenTheObjectiveIsExternal() throws Exception {
    String missing = PythonTrainers.missing("sklearn", "python3-sklearn");
    assumeTrue(missing == null, "the scikit-learn example not run: " + missing);
    // Given the digits example's spec, shortened, and two trainers of the example
    StudySpec spec =
        StudySpecParser.parse(
            Files.readString(
                    Path.of(System.getProperty("streamtune.root", ".."))
                        .resolve("clients/python/examples/digits.yaml"))
                .replace("study: sklearn-digits", "study: py-digits")
                .replace("n_trials: 20", "n_trials: 8")
                .replace("max_epochs: 15", "max_epochs: 6"));
    try (Pipeline services = services(0);
        PythonTrainers python = new PythonTrainers(kafka.bootstrap(), logs("digits"))) {
      python.start("py-digits-1", "sklearn_digits.py");
      python.start("py-digits-2", "sklearn_digits.py");
      StudyView study = run(spec, Duration.ofMinutes(3));

      // Then every trial has a validation accuracy, and the best is a real classifier's
      assertOneResultPerTrial(study, 8);
      assertThat(study.best().orElseThrow().result().orElseThrow().getValue()).isGreaterThan(0.8);
      assertThat(study.results())
          .allMatch(
              r ->
                  r.getExtraMetrics().containsKey("train_accuracy")
                      || r.getStatus() != TrialStatus.COMPLETED);
    }
  }

  /** Where a test's trainers log: kept under target/ for a failure's post-mortem. */
  private static Path logs(String test) throws IOException {
    return Files.createDirectories(Path.of("target", "python-trainers", test));
  }

  private static Pipeline services(int javaTrainers) throws Exception {
    Pipeline p =
        new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry(false))
            .withConnection(kafka.connection())
            .withTopics(3, 3)
            .withSuggester(c -> c.withLease(Duration.ofSeconds(4)))
            .withMonitor(Duration.ofMillis(100));
    if (javaTrainers > 0) {
      p.withTrainers(javaTrainers, false);
    }
    return p;
  }

  private static StudySpec spec(String id, int trials, int parallelism, int epochMs, String rule) {
    return StudySpecParser.parse(
        """
        study: %s
        objective:
          name: branin
          options: {epoch_ms: %d}
        n_trials: %d
        parallelism: %d
        max_epochs: 12
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        algorithm: {name: random, seed: 17}
        stopping: {rule: %s%s}
        """
            .formatted(
                id,
                epochMs,
                trials,
                parallelism,
                rule,
                rule.equals("median") ? ", min_trials: 3, min_step: 2" : ""));
  }

  private StudyView run(StudySpec spec, Duration timeout) throws Exception {
    Pipeline.submit(kafka.connection(), spec);
    StudyView v = await(spec.getStudyId(), StudyFollow::over, timeout);
    assertThat(v.complete()).as("study %s: %s", spec.getStudyId(), v.state()).isTrue();
    return v;
  }

  private static StudyView await(String study, Predicate<StudyView> until, Duration timeout) {
    try (StudyFeed feed = StudyFeed.ofStudy(kafka.connection(), study)) {
      StudyView v =
          StudyFollow.until(feed, study, until, System.nanoTime() + timeout.toNanos(), x -> {});
      assertThat(until.test(v))
          .as(
              "%s within %s: %s %s",
              study,
              timeout,
              v.state(),
              v.trials().stream()
                      .map(
                          t ->
                              t.trialId()
                                  + "/"
                                  + t.holder().orElse("-")
                                  + "/"
                                  + t.epochs()
                                  + "/"
                                  + t.result().map(r -> r.getWorker()).orElse("running"))
                      .toList()
                  + "\n"
                  + (until.test(v) ? "" : Diagnosis.of(kafka.bootstrap())))
          .isTrue();
      return v;
    }
  }

  /** The unfinished trial a trainer holds, once it has reported an epoch of it. */
  private static Optional<TrialView> held(StudyView view, String worker) {
    return view.trials().stream()
        .filter(t -> t.result().isEmpty() && t.epochs() >= 1 && t.epochs() <= t.maxEpochs() / 2)
        .filter(t -> t.holder().filter(worker::equals).isPresent())
        .findFirst();
  }

  private static TrialView trial(StudyView study, String trialId) {
    return study.trials().stream()
        .filter(t -> t.trialId().equals(trialId))
        .findFirst()
        .orElseThrow();
  }

  private static void assertOneResultPerTrial(StudyView study, int trials) {
    assertThat(study.trials()).hasSize(trials);
    assertThat(study.trials()).allMatch(t -> t.result().isPresent());
    assertThat(study.results())
        .extracting(TrialResult::getTrialId)
        .hasSize(trials)
        .doesNotHaveDuplicates();
  }
}
