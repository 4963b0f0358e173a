package io.streamtune.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.streamtune.app.Pipeline;
import io.streamtune.avro.TrialStatus;
import io.streamtune.it.KafkaFixture;
import io.streamtune.results.PythonResultsCheck;
import io.streamtune.schemas.KafkaConnection;
import io.streamtune.study.StudyFeed;
import io.streamtune.study.StudyFollow;
import io.streamtune.study.StudyView;
import io.streamtune.study.TrialPhase;
import io.streamtune.study.TrialView;
import io.streamtune.trainer.BuiltinObjectives;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study's life as a user drives it from the terminal, on a real broker with services running
 * beside the CLI: {@code cancel}, {@code --resume}, an id that exists, an interrupted {@code run}
 * that keeps what finished, and {@code status}, {@code best} and {@code export} from a fresh JVM.
 */
@Tag("integration")
class StudyLifecycleIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static KafkaFixture kafka;
  private static Pipeline services;

  @TempDir Path dir;

  @BeforeAll
  static void startServices() throws Exception {
    kafka = KafkaFixture.start();
    services =
        new Pipeline(new SimpleMeterRegistry(), BuiltinObjectives.registry(false))
            .withConnection(kafka.connection())
            .withTopics(3, 3)
            .withTrainers(2, false)
            .withSuggester()
            .withMonitor(Duration.ofMillis(100));
  }

  @AfterAll
  static void stopServices() throws Exception {
    if (services != null) {
      services.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void shouldStopTheStudyAndThenFinishItWhenCancelledAndResumed() throws Exception {
    Path spec = spec("lifecycle-cancel", 8, 2, 60);
    // Given a study submitted to the cluster, with some trials done
    CliRun submitted = cli("submit", spec.toString());
    assertThat(submitted.exitCode()).as(submitted.err()).isZero();
    await("lifecycle-cancel", v -> v.count(TrialPhase.COMPLETED) >= 2);

    // When it is cancelled
    CliRun cancel = cli("cancel", "lifecycle-cancel", "--reason", "budget cut", "--wait", "30s");

    // Then no trial runs any more, the ones that ran stopped as cancelled, and the study says so
    assertThat(cancel.exitCode()).as(cancel.out() + cancel.err()).isZero();
    StudyView cancelled = await("lifecycle-cancel", v -> v.cancelled() && v.running().isEmpty());
    assertThat(cancelled.status().orElseThrow().getMessage()).contains("budget cut");
    assertThat(cancelled.finished()).isLessThan(8);
    int issued = cancelled.nextTrialNumber();
    for (TrialView t : cancelled.trials()) {
      t.result()
          .filter(r -> r.getStatus() == TrialStatus.PRUNED)
          .ifPresent(r -> assertThat(r.getStopRule()).isIn("cancelled", null));
    }
    Thread.sleep(1500);
    assertThat(view("lifecycle-cancel").nextTrialNumber()).isEqualTo(issued);

    // And a second submit of the same id is refused with the choices
    CliRun again = cli("submit", spec.toString());
    assertThat(again.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(again.err()).contains("lifecycle-cancel").contains("--resume");

    // When it is resumed and followed to its end
    Path results = dir.resolve("resumed.json");
    CliRun resumed = cli("submit", spec.toString(), "--resume", "--wait", "-o", results.toString());

    // Then it completes its budget once: every trial number once, none lost to the cancel
    assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
    StudyView done = view("lifecycle-cancel");
    assertThat(done.complete()).isTrue();
    assertThat(done.results()).hasSize(8);
    assertThat(done.results().stream().map(r -> r.getTrialNumber()).distinct()).hasSize(8);
    JsonNode file = JSON.readTree(results.toFile());
    assertThat(file.get("trials")).hasSize(8);
    PythonResultsCheck.check(results);
  }

  @Test
  void shouldLeaveTheStudyCancelledWithPartialResultsWhenRunIsInterrupted() throws Exception {
    Path spec = spec("lifecycle-interrupted", 30, 2, 60);
    Path results = dir.resolve("interrupted.json");
    Path log = dir.resolve("run.log");
    // Given a run in its own JVM that has finished a few trials
    Process run =
        java("run", spec.toString(), "--trainers", "1", "-o", results.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      await("lifecycle-interrupted", v -> v.count(TrialPhase.COMPLETED) >= 3);

      // When the user presses Ctrl-C
      new ProcessBuilder("kill", "-INT", Long.toString(run.pid())).start().waitFor();

      // Then it exits 130 after writing what finished, and the study is CANCELLED on the broker
      assertThat(run.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
    } finally {
      run.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(run.exitValue()).as(output).isEqualTo(ExitCodes.INTERRUPTED);
    assertThat(output).containsIgnoringCase("cancelled").contains(results.toString());
    StudyView v = await("lifecycle-interrupted", StudyView::cancelled);
    assertThat(v.finished()).isLessThan(30);
    JsonNode file = JSON.readTree(results.toFile());
    assertThat(file.get("func_vals").size()).isGreaterThanOrEqualTo(3);
    PythonResultsCheck.check(results);
  }

  @Test
  void shouldReportAFinishedStudyWhenAskedFromAFreshProcess() throws Exception {
    Path spec = spec("lifecycle-finished", 4, 2, 5);
    CliRun submitted = cli("submit", spec.toString(), "--wait", "-o", dir.resolve("r.json") + "");
    assertThat(submitted.exitCode()).as(submitted.out() + submitted.err()).isZero();
    StudyView done = view("lifecycle-finished");
    TrialView best = done.best().orElseThrow();

    // When another JVM asks for the status, the best parameters and a CSV export
    Output status = javaRun("status", "lifecycle-finished");
    Output bestJson = javaRun("best", "lifecycle-finished", "-f", "json");
    Path csv = dir.resolve("trials.csv");
    Output export = javaRun("export", "lifecycle-finished", "-f", "csv", "-o", csv.toString());

    // Then each answers from the topics alone
    assertThat(status.exitCode()).as(status.text()).isZero();
    assertThat(status.text()).contains("COMPLETED").contains("4/4");
    assertThat(bestJson.exitCode()).as(bestJson.text()).isZero();
    JsonNode params = JSON.readTree(bestJson.text()).get("params");
    assertThat(params.get("x1").asDouble()).isEqualTo((Double) best.params().get("x1"));
    assertThat(export.exitCode()).as(export.text()).isZero();
    assertThat(Files.readAllLines(csv)).hasSize(5);

    // And a finished study is never run again as new
    CliRun again = cli("submit", spec.toString(), "--resume", "--wait", "-o", dir + "/again.json");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out()).contains("already");
    assertThat(view("lifecycle-finished").results()).hasSize(4);
  }

  @Test
  void shouldCompareWithRandomSearchWhenRunWithABaseline() throws Exception {
    // Given a Bayesian study, run with a random-search baseline on the cluster
    Path spec = spec("lifecycle-bo", 6, 2, 5, "{name: gp, n_initial_points: 3, seed: 5}");
    Path results = dir.resolve("bo.json");
    CliRun run =
        cli("run", spec.toString(), "--trainers", "1", "--baseline", "random", "-o", results + "");

    // Then both studies completed, and the study's results file carries the baseline's values
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("Baseline: the same spec with random search");
    assertThat(view("lifecycle-bo-random").complete()).isTrue();
    assertThat(view("lifecycle-bo-random").spec().orElseThrow().getAlgorithm().getName())
        .isEqualTo("random");
    JsonNode baseline = JSON.readTree(results.toFile()).path("baseline");
    assertThat(baseline.path("study").asText()).isEqualTo("lifecycle-bo-random");
    assertThat(baseline.path("values")).hasSize(6);
    assertThat(dir.resolve("bo-random.json")).exists();
    PythonResultsCheck.check(results);

    // And a report read from the cluster finds the baseline and states both bests
    Path html = dir.resolve("report.html");
    CliRun report = cli("report", "lifecycle-bo", "-o", html.toString());
    assertThat(report.exitCode()).as(report.err()).isZero();
    assertThat(Files.readString(html))
        .contains("\"study\":\"lifecycle-bo-random\"")
        .containsPattern("\"verdict\":\"[^\"]*(found a better loss than|found the same best loss)");
  }

  private Path spec(String study, int trials, int parallelism, int epochMs) throws IOException {
    return spec(study, trials, parallelism, epochMs, "{name: random, seed: 11}");
  }

  private Path spec(String study, int trials, int parallelism, int epochMs, String algorithm)
      throws IOException {
    Path file = dir.resolve(study + ".yaml");
    Files.writeString(
        file,
        """
        study: %s
        objective:
          name: branin
          options: {epoch_ms: %d}
        n_trials: %d
        parallelism: %d
        max_epochs: 10
        space:
          x1: {type: real, low: -5, high: 10}
          x2: {type: real, low: 0, high: 15}
        algorithm: %s
        stopping: {rule: none}
        """
            .formatted(study, epochMs, trials, parallelism, algorithm));
    return file;
  }

  private static CliRun cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--bootstrap");
    all.add(kafka.bootstrap());
    return CliRun.of(all.toArray(String[]::new));
  }

  /** {@code streamtune ARGS} in a new JVM, as the launcher starts it. */
  private static ProcessBuilder java(String... args) {
    String classpath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator));
    command.add(StreamTuneCli.class.getName());
    command.addAll(List.of(args));
    command.add("--bootstrap");
    command.add(kafka.bootstrap());
    return new ProcessBuilder(command);
  }

  private record Output(int exitCode, String text) {}

  private static Output javaRun(String... args) throws IOException, InterruptedException {
    Process p = java(args).redirectErrorStream(true).start();
    byte[] text = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Output(p.exitValue(), new String(text, StandardCharsets.UTF_8));
  }

  private static StudyView view(String study) {
    try (StudyFeed feed = StudyFeed.ofStudy(connection(), study)) {
      return feed.catchUp(Duration.ofSeconds(10)).study(study);
    }
  }

  private static StudyView await(String study, Predicate<StudyView> until) {
    try (StudyFeed feed = StudyFeed.ofStudy(connection(), study)) {
      StudyView v =
          StudyFollow.until(feed, study, until, System.nanoTime() + 60_000_000_000L, x -> {});
      assertThat(until.test(v)).as("%s: %s after 60 s", study, v.state()).isTrue();
      return v;
    }
  }

  private static KafkaConnection connection() {
    return kafka.connection();
  }
}
