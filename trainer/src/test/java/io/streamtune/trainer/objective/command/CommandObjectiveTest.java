package io.streamtune.trainer.objective.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.streamtune.trainer.objective.Contexts;
import io.streamtune.trainer.objective.ObjectiveResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandObjectiveTest {

  @TempDir Path dir;

  private Path script(String body) throws IOException {
    Path file = dir.resolve("train.sh");
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    return file;
  }

  @Test
  void shouldReportEpochsAndReturnTheFinalLineWhenTheProgramPrintsMetrics() throws Exception {
    // Given a program that reads x from its argument, n from the environment and the JSON from
    // stdin
    Path program =
        script(
            """
        read json
        echo "starting"
        echo "epoch=1 loss=$1"
        echo "epoch=2 loss=$STREAMTUNE_PARAM_N"
        case "$json" in *'"n":3'*) echo "final loss=0.125 test_acc=0.9";; esac
        """);
    Contexts.Recorder recorder = new Contexts.Recorder();
    var ctx =
        Contexts.of(
            Map.of("x", 0.5, "n", 3L),
            Map.of("cmd", program.toString(), "args", "{x}"),
            5,
            recorder);

    // When
    ObjectiveResult result = new CommandObjective().run(ctx);

    // Then
    assertThat(recorder.values).containsExactly(0.5, 3.0);
    assertThat(result.value()).isEqualTo(0.125);
    assertThat(result.epochsRun()).isEqualTo(2);
    assertThat(result.stopped()).isFalse();
    assertThat(result.extraMetrics()).containsExactly(Map.entry("test_acc", 0.9));
  }

  @Test
  void shouldReturnTheLastEpochValueWhenThereIsNoFinalLine() throws Exception {
    // Given
    Path program = script("echo 'epoch=1 acc=0.5'; echo 'epoch=2 acc=0.75'");
    Contexts.Recorder recorder = new Contexts.Recorder();
    var ctx = Contexts.of(Map.of(), Map.of("cmd", program.toString()), 5, recorder);

    // When
    ObjectiveResult result = new CommandObjective().run(ctx);

    // Then
    assertThat(result.value()).isEqualTo(0.75);
    assertThat(result.epochsRun()).isEqualTo(2);
  }

  @Test
  void shouldThrowTimeoutWhenTheProgramRunsTooLong() throws Exception {
    // Given a program that sleeps far beyond a half-second timeout
    Path program = script("echo 'epoch=1 loss=1'; sleep 30");
    var ctx =
        Contexts.of(
            Map.of(),
            Map.of("cmd", program.toString(), "timeout_s", "0.5", "kill_grace_s", "0.5"),
            5,
            new Contexts.Recorder());

    // When / Then
    long start = System.nanoTime();
    assertThatThrownBy(() -> new CommandObjective().run(ctx))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining("timeout_s=0.5");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldKillTheProcessTreeWhenAStopIsDecided() throws Exception {
    // Given a program that starts a long-running child, records both PIDs, then reports epoch 1
    Path program =
        script(
            """
        sleep 60 &
        echo $! > "%s/child.pid"
        echo $$ > "%s/parent.pid"
        echo "epoch=1 loss=0.9"
        wait
        echo "epoch=2 loss=0.8"
        """
                .formatted(dir, dir));
    Contexts.Recorder recorder = new Contexts.Recorder();
    recorder.stopAfterEpoch = 1;
    var ctx = Contexts.of(Map.of(), Map.of("cmd", program.toString()), 5, recorder);

    // When
    ObjectiveResult result = new CommandObjective().run(ctx);

    // Then the trial ends stopped after epoch 1, and neither process is alive
    assertThat(result.stopped()).isTrue();
    assertThat(result.epochsRun()).isEqualTo(1);
    assertThat(recorder.values).containsExactly(0.9);
    for (String name : new String[] {"child.pid", "parent.pid"}) {
      long pid = Long.parseLong(Files.readString(dir.resolve(name)).trim());
      assertThat(waitUntilGone(pid)).as("process %s (%d) is gone", name, pid).isTrue();
    }
  }

  @Test
  void shouldFailWithTheStderrTailWhenTheProgramExitsNonZero() throws Exception {
    // Given
    Path program = script("echo 'epoch=1 loss=1'; echo 'out of cheese' >&2; exit 3");
    var ctx = Contexts.of(Map.of(), Map.of("cmd", program.toString()), 5, new Contexts.Recorder());

    // When / Then
    assertThatThrownBy(() -> new CommandObjective().run(ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("status 3")
        .hasMessageContaining("out of cheese");
  }

  @Test
  void shouldFailWhenTheProgramPrintsNoMetric() throws Exception {
    // Given
    Path program = script("echo hello");
    var ctx = Contexts.of(Map.of(), Map.of("cmd", program.toString()), 5, new Contexts.Recorder());

    // When / Then
    assertThatThrownBy(() -> new CommandObjective().run(ctx))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no metric");
  }

  @Test
  void shouldNameParametersForTheEnvironmentWhenTheyHaveOddCharacters() {
    assertThat(CommandObjective.envName("learning-rate.v2")).isEqualTo("LEARNING_RATE_V2");
  }

  private static boolean waitUntilGone(long pid) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        Thread.sleep(50);
      } else {
        return true;
      }
    }
    return false;
  }
}
