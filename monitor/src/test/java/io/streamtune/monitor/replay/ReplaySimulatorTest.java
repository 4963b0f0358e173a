package io.streamtune.monitor.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.streamtune.monitor.StoppingRules;
import io.streamtune.monitor.rules.Decision;
import io.streamtune.monitor.rules.Reason;
import io.streamtune.monitor.rules.StoppingRule;
import io.streamtune.monitor.rules.StudyCurves;
import io.streamtune.monitor.rules.TrialCurve;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReplaySimulatorTest {

  private static LearningCurves.Curve constant(String id, int epochs, double value) {
    double[] v = new double[epochs];
    Arrays.fill(v, value);
    return new LearningCurves.Curve(id, v);
  }

  /** Two good (loss 0.1, 0.2) and two bad (loss 1.0) trials of 10 epochs. */
  private static final LearningCurves FOUR =
      new LearningCurves(
          "four",
          false,
          List.of(
              constant("good", 10, 0.1),
              constant("ok", 10, 0.2),
              constant("bad1", 10, 1.0),
              constant("bad2", 10, 1.0)));

  /** Stops any trial whose loss exceeds 0.5 at step 2. */
  private static final StoppingRule BAD_AT_TWO =
      (study, trial) ->
          trial.steps() == 2 && trial.last() > 0.5
              ? Decision.stop("test", 2, trial.last(), 0.5, Reason.none())
              : Decision.keepGoing();

  @Test
  void shouldRunEveryEpochAndTakeCeilOfTrialsOverWorkersWhenRuleIsNone() {
    var set =
        new LearningCurves(
            "eight",
            false,
            List.of(
                constant("a", 5, 1),
                constant("b", 5, 1),
                constant("c", 5, 1),
                constant("d", 5, 1),
                constant("e", 5, 1),
                constant("f", 5, 1),
                constant("g", 5, 1),
                constant("h", 5, 1)));
    ReplayResult r = new ReplaySimulator(4).run(set, StoppingRule.NONE, "none", 1);
    assertThat(r.epochsRun()).isEqualTo(40);
    assertThat(r.timeUnits()).isEqualTo(10);
    assertThat(r.savedFraction()).isZero();
    assertThat(new ReplaySimulator(1).run(set, StoppingRule.NONE, "none", 1).timeUnits())
        .isEqualTo(40);
  }

  @Test
  void shouldCountSavedEpochsWhenTrialsAreStopped() {
    // When both bad trials stop after 2 of 10 epochs: 10 + 10 + 2 + 2 = 24 of 40
    ReplayResult r = new ReplaySimulator(4).run(FOUR, BAD_AT_TWO, "test", 7);
    // Then
    assertThat(r.epochsRun()).isEqualTo(24);
    assertThat(r.stopped()).isEqualTo(2);
    assertThat(r.savedFraction()).isCloseTo(0.4, within(1e-12));
    assertThat(r.speedup()).isCloseTo(40.0 / 24, within(1e-12));
    assertThat(r.bestKept()).isTrue();
    assertThat(r.regret(false)).isZero();
    // All four start at once, so the makespan is the longest trial
    assertThat(r.timeUnits()).isEqualTo(10);
  }

  @Test
  void shouldReportRegretWhenBestTrialIsStopped() {
    StoppingRule stopGood =
        (study, trial) ->
            trial.trialId().equals("good")
                ? Decision.stop("test", trial.steps(), 0, 0, Reason.none())
                : Decision.keepGoing();
    ReplayResult r = new ReplaySimulator(2).run(FOUR, stopGood, "test", 3);
    // Best without stopping 0.1, with 0.2: relative regret (0.2 − 0.1)/0.1 = 1
    assertThat(r.bestKept()).isFalse();
    assertThat(r.bestFinalWithout()).isEqualTo(0.1);
    assertThat(r.bestFinalWith()).isEqualTo(0.2);
    assertThat(r.regret(false)).isCloseTo(1.0, within(1e-12));
    assertThat(r.epochsRun()).isEqualTo(31);
  }

  @Test
  void shouldOrientRegretWhenMetricIsMaximised() {
    var acc =
        new LearningCurves("acc", true, List.of(constant("a", 3, 0.9), constant("b", 3, 0.8)));
    StoppingRule stopA =
        (study, trial) ->
            trial.trialId().equals("a")
                ? Decision.stop("test", 1, 0, 0, Reason.none())
                : Decision.keepGoing();
    ReplayResult r = new ReplaySimulator(2).run(acc, stopA, "test", 1);
    assertThat(r.bestFinalWithout()).isEqualTo(0.9);
    assertThat(r.bestFinalWith()).isEqualTo(0.8);
    assertThat(r.regret(true)).isCloseTo(0.1 / 0.9, within(1e-12));
  }

  @Test
  void shouldCountATrialAsFailedAndNeverAsAReferenceWhenItsFinalValueIsNaN() {
    // Given the best-looking trial diverging on its last epoch, and a rule that records which
    // completed trials it is shown
    double[] nanAtTheEnd = {0.01, 0.01, 0.01, Double.NaN};
    var set =
        new LearningCurves(
            "nan",
            false,
            List.of(
                new LearningCurves.Curve("diverged", nanAtTheEnd),
                constant("a", 4, 0.5),
                constant("b", 4, 0.6)));
    List<String> references = new ArrayList<>();
    StoppingRule spy =
        (study, trial) -> {
          study.completed().forEach(t -> references.add(t.trialId()));
          return Decision.keepGoing();
        };
    // When one worker runs them in turn, whatever the order
    for (long seed = 1; seed <= 4; seed++) {
      ReplayResult r = new ReplaySimulator(1).run(set, spy, "spy", seed);
      // Then it failed: it is neither completed nor stopped, and the best is a finite final value
      assertThat(r.failed()).isEqualTo(1);
      assertThat(r.stopped()).isZero();
      assertThat(r.bestFinalWith()).isEqualTo(0.5);
      assertThat(r.bestKept()).isTrue();
      assertThat(r.epochsRun()).isEqualTo(12);
    }
    assertThat(references).isNotEmpty().doesNotContain("diverged");
  }

  @Test
  void shouldShowRulesLossesAndCompletedAndRunningCurvesLikeTopology() {
    // Given a rule that records what it sees, two workers, three trials of 3 epochs
    var acc =
        new LearningCurves(
            "acc",
            true,
            List.of(
                new LearningCurves.Curve("a", new double[] {0.1, 0.2, 0.3}),
                new LearningCurves.Curve("b", new double[] {0.4, 0.5, 0.6}),
                new LearningCurves.Curve("c", new double[] {0.7, 0.8, 0.9})));
    List<String> seen = new ArrayList<>();
    StoppingRule spy =
        (StudyCurves study, TrialCurve trial) -> {
          seen.add(
              trial.trialId()
                  + "@"
                  + trial.steps()
                  + " last="
                  + trial.last()
                  + " completed="
                  + study.completed().stream().map(TrialCurve::trialId).toList()
                  + " others="
                  + study.others().stream().map(t -> t.trialId() + ":" + t.steps()).toList());
          return Decision.keepGoing();
        };
    // When
    ReplayResult r = new ReplaySimulator(2).run(acc, spy, "spy", 5);
    // Then every value was negated, the first two ran side by side and the third saw both finished
    assertThat(r.epochsRun()).isEqualTo(9);
    assertThat(r.timeUnits()).isEqualTo(6);
    assertThat(seen).hasSize(9);
    assertThat(seen).allSatisfy(s -> assertThat(s).contains("last=-"));
    String second = seen.get(1);
    assertThat(second).endsWith("completed=[] others=[" + seen.get(0).substring(0, 1) + ":1]");
    assertThat(seen.get(6)).contains("@1").contains("completed=[").doesNotContain("completed=[]");
    assertThat(seen.get(8)).contains("@3").contains("others=[]");
  }

  @Test
  void shouldGiveSameResultForSameSeedAndVaryOrderWithSeed() {
    LearningCurves set = SyntheticCurves.powerLaw("s", 9, 24, 12, 0.01, false);
    StoppingRule median = StoppingRules.create("median", Map.of("min_trials", 3.0));
    ReplaySimulator sim = new ReplaySimulator(4);
    assertThat(sim.run(set, median, "median", 11)).isEqualTo(sim.run(set, median, "median", 11));
    long distinct =
        LongStream.range(0, 6)
            .map(seed -> sim.run(set, median, "m", seed).epochsRun())
            .distinct()
            .count();
    assertThat(distinct).isGreaterThan(1);
  }

  @Test
  void shouldSaveEpochsWithoutLosingBestWhenPercentileRuleReplaysSyntheticCurves() {
    // Given 40 crossing power-law curves of 20 epochs (a regression check on a seeded scenario)
    LearningCurves set = SyntheticCurves.powerLaw("synthetic", 2024, 40, 20, 0.01, true);
    StoppingRule rule = StoppingRules.create("percentile", Map.of());
    // When replayed in three arrival orders
    List<ReplayResult> results = new ArrayList<>();
    for (long seed = 1; seed <= 3; seed++) {
      results.add(new ReplaySimulator(4).run(set, rule, "percentile", seed));
    }
    ReplaySummary summary = ReplaySummary.of("percentile", results, 3 * 200, true);
    // Then it saves at least half the epochs with at most 1 % regret
    assertThat(summary.savedFraction()).isGreaterThan(0.5);
    assertThat(summary.maxRegret()).isLessThanOrEqualTo(0.01);
  }
}
