package io.streamtune.monitor.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.monitor.CurveBooks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What every stopping rule promises, checked on the rule as the monitor runs it ({@code
 * StoppingRules.create}, so behind the one final-step guard). Each rule's test nests a subclass
 * that names the rule, as every EJML decomposition extends {@code GenericCholeskyTests_DDRM}.
 *
 * <p>The study: six completed loss curves ℓ_k(t) = a_k + b_k·e^(−0.3t) + ε over a budget of M =
 * {@value #BUDGET} steps (a_k = 0.3 + 0.05k, b_k = 1 + 0.1k, ε ~ N(0, 0.01²) from a seeded {@link
 * Random}). The judged trials: GOOD, 0.05 + 0.5·e^(−0.3t), below every completed curve at every
 * step; POOR, 3 + 1.5·e^(−0.3t) + ε, finite and improving but plateauing ten times higher, which
 * every rule stops somewhere before M; DIVERGED, NaN at every step.
 *
 * <p>The cases the issue names: an empty study, NaN (and infinite) values of the judged trial and
 * of references, the final step, a maximised metric, and a finished trial's own curve.
 */
public abstract class StoppingRuleContract {

  protected static final int BUDGET = 20;
  private static final long SEED = 42;
  private static final double NAN = Double.NaN;

  /** The rule under test, as {@code StoppingRules.create} builds it from a study spec. */
  protected abstract StoppingRule rule();

  /**
   * Whether the rule cannot judge a trial without a budget (maxSteps ≤ 0): the curve rule
   * extrapolates to the budget and ASHA places its rungs below it. Such a rule lets the trial
   * continue; any other rule judges it as if its last step were far away.
   */
  protected boolean needsBudget() {
    return false;
  }

  /** The study above; built afresh from the seed each time. */
  record Scenario(
      List<TrialCurve> completed, TrialCurve good, TrialCurve poor, TrialCurve diverged) {

    static Scenario build() {
      Random random = new Random(SEED);
      List<TrialCurve> completed = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        double a = 0.3 + 0.05 * k;
        double b = 1 + 0.1 * k;
        completed.add(curve("c" + k, BUDGET, t -> a + b * Math.exp(-0.3 * t), 0.01, random));
      }
      TrialCurve good = curve("good", BUDGET, t -> 0.05 + 0.5 * Math.exp(-0.3 * t), 0, random);
      TrialCurve poor = curve("poor", BUDGET, t -> 3 + 1.5 * Math.exp(-0.3 * t), 0.01, random);
      double[] nan = new double[BUDGET];
      Arrays.fill(nan, NAN);
      return new Scenario(completed, good, poor, new TrialCurve("diverged", nan, BUDGET, 0));
    }

    StudyCurves study() {
      return StudyCurves.of(completed);
    }

    List<TrialCurve> judged() {
      return List.of(good, poor, diverged);
    }
  }

  private static TrialCurve curve(
      String id, int steps, IntToDoubleFunction loss, double noise, Random random) {
    double[] v = new double[steps];
    for (int t = 1; t <= steps; t++) {
      v[t - 1] = loss.applyAsDouble(t) + noise * random.nextGaussian();
    }
    return new TrialCurve(id, v, BUDGET, 0);
  }

  /** The first {@code steps} values of {@code trial}, with budget {@code maxSteps}. */
  static TrialCurve prefix(TrialCurve trial, int steps, int maxSteps) {
    return new TrialCurve(
        trial.trialId(), Arrays.copyOf(trial.losses(), steps), maxSteps, trial.bracket());
  }

  static TrialCurve negated(TrialCurve trial) {
    return new TrialCurve(
        trial.trialId(),
        Arrays.stream(trial.losses()).map(v -> -v).toArray(),
        trial.maxSteps(),
        trial.bracket());
  }

  /** The rule's decision at each step 1..n of {@code trial}, the trial keeping its budget. */
  static List<Decision> decisions(StoppingRule rule, StudyCurves study, TrialCurve trial) {
    List<Decision> out = new ArrayList<>();
    for (int s = 1; s <= trial.steps(); s++) {
      out.add(rule.evaluate(study, prefix(trial, s, trial.maxSteps())));
    }
    return out;
  }

  private static boolean anyStop(List<Decision> decisions) {
    return decisions.stream().anyMatch(Decision::stop);
  }

  private final Scenario scenario = Scenario.build();

  @Test
  void shouldStopAPoorTrialBeforeItsLastStepWhenBetterTrialsCompleted() {
    // Given the study, and the poor trial reporting every step of its budget
    // When the rule judges it at each step
    List<Decision> d = decisions(rule(), scenario.study(), scenario.poor());
    // Then it is stopped somewhere (which makes the other cases below mean something)
    assertThat(d)
        .filteredOn(Decision::stop)
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x.step()).isLessThan(BUDGET));
  }

  @Test
  void shouldNeverStopAGoodTrialWhenItBeatsEveryOtherTrialAtEveryStep() {
    assertThat(decisions(rule(), scenario.study(), scenario.good())).noneMatch(Decision::stop);
  }

  @Test
  void shouldNeverStopAHealthyTrialWhenTheStudyIsEmpty() {
    // Given no other trial at all
    StudyCurves empty = new StudyCurves(List.of(), List.of());
    // When finite, improving curves report every step, however high their values
    // Then nothing is stopped: there is nothing to compare with
    assertThat(decisions(rule(), empty, scenario.good())).noneMatch(Decision::stop);
    assertThat(decisions(rule(), empty, scenario.poor())).noneMatch(Decision::stop);
  }

  @Test
  void shouldStopAtTheFirstStepAsDivergedWhenEveryValueIsNaNWhateverTheStudy() {
    // Given the study, an empty one, and the budget or none at all
    for (StudyCurves study : List.of(scenario.study(), new StudyCurves(List.of(), List.of()))) {
      for (int budget : new int[] {BUDGET, 0}) {
        // When a trial reports NaN at its first step
        Decision d = rule().evaluate(study, prefix(scenario.diverged(), 1, budget));
        // Then it is stopped there, as diverged, with NaN as its statistic and no threshold
        assertThat(d.stop()).as("budget %d", budget).isTrue();
        assertThat(d.rule()).isEqualTo(Guards.DIVERGED);
        assertThat(d.step()).isEqualTo(1);
        assertThat(d.value()).isNaN();
        assertThat(d.threshold()).isNaN();
      }
    }
  }

  /**
   * The case: a trial that turns NaN after a good start kept its good best-so-far and ran
   * to the end under the median and the curve rule.
   */
  @ParameterizedTest(name = "value {0}")
  @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
  void shouldStopAtOnceAsDivergedWhenAValueTurnsNonFiniteAfterAGoodStart(double bad) {
    // Given the good trial, the best of the study at every step, for 8 steps
    double[] v = Arrays.copyOf(scenario.good().losses(), 12);
    // When its 9th value is NaN or infinite (an infinitely good loss is as broken as a bad one)
    Arrays.fill(v, 8, 12, bad);
    List<Decision> d = decisions(rule(), scenario.study(), new TrialCurve("g", v, BUDGET, 0));
    // Then it is stopped at step 9 and not before, as diverged, against its best so far
    assertThat(d.subList(0, 8)).noneMatch(Decision::stop);
    Decision stop = d.get(8);
    assertThat(stop.stop()).isTrue();
    assertThat(stop.rule()).isEqualTo(Guards.DIVERGED);
    assertThat(stop.step()).isEqualTo(9);
    assertThat((Object) stop.value()).isEqualTo(bad); // as Double: NaN equals NaN
    assertThat(stop.threshold()).isEqualTo(scenario.good().bestUpTo(8));
    // And the reason says so in the metric's own sign
    assertThat(stop.reason(false))
        .isEqualTo(
            "the metric became %s at step 9 after a best of %s at step 8",
            Reason.compact(bad), Reason.compact(v[7]));
    assertThat(stop.reason(true))
        .isEqualTo(
            "the metric became %s at step 9 after a best of %s at step 8",
            Reason.compact(-bad), Reason.compact(-v[7]));
  }

  @Test
  void shouldNeitherStopNorProtectAnyoneWhenAReferenceTrialIsNaNOrInfinite() {
    // Given the study with diverged trials among the completed ones (NaN throughout, and −∞
    // throughout, which would look best of all) and two more still running
    List<TrialCurve> completed = new ArrayList<>(scenario.completed());
    double[] nan = new double[BUDGET];
    Arrays.fill(nan, NAN);
    completed.add(new TrialCurve("c-nan", nan, BUDGET, 0));
    double[] inf = new double[BUDGET];
    Arrays.fill(inf, Double.NEGATIVE_INFINITY);
    completed.add(new TrialCurve("c-inf", inf, BUDGET, 0));
    TrialCurve running = new TrialCurve("running", new double[] {NAN, NAN, NAN, NAN}, BUDGET, 0);
    TrialCurve runningInf = new TrialCurve("running-inf", Arrays.copyOf(inf, 4), BUDGET, 0);
    StudyCurves withNaN = new StudyCurves(completed, List.of(running, runningInf));
    StoppingRule rule = rule();
    // Then every decision about the good and the poor trial is the one taken without them
    for (TrialCurve trial : List.of(scenario.good(), scenario.poor())) {
      assertThat(decisions(rule, withNaN, trial))
          .as(trial.trialId())
          .isEqualTo(decisions(rule, scenario.study(), trial));
    }
    assertThat(anyStop(decisions(rule, withNaN, scenario.poor()))).as("not protected").isTrue();
  }

  @Test
  void shouldNeverStopAtOrAfterTheLastStepWhateverTheCurve() {
    // Given poor and diverged curves that report two steps past the study's budget
    StoppingRule rule = rule();
    for (TrialCurve trial : List.of(scenario.poor(), scenario.diverged())) {
      double[] longer = Arrays.copyOf(trial.losses(), BUDGET + 2);
      Arrays.fill(longer, BUDGET, BUDGET + 2, trial.last());
      TrialCurve full = new TrialCurve(trial.trialId(), longer, BUDGET, 0);
      // When each step s is judged with a budget of s or less (s is the last step or past it)
      for (int s = 1; s <= full.steps(); s++) {
        for (int budget = 1; budget <= s; budget++) {
          // Then the trial is never stopped
          assertThat(rule.evaluate(scenario.study(), prefix(full, s, budget)).stop())
              .as("%s at step %d of %d", trial.trialId(), s, budget)
              .isFalse();
        }
      }
    }
  }

  /**
   * Rules that need a budget let a trial without one continue; every other rule lets the budget
   * matter only through the final-step guard. One test, so no rule skips a case.
   */
  @Test
  void shouldTreatTheBudgetAsTheRuleDeclaresWhenItIsNearMissingOrNegative() {
    if (needsBudget()) {
      shouldContinueWhenTheTrialHasNoBudget();
    } else {
      shouldLetTheBudgetMatterOnlyThroughTheFinalStepGuard();
    }
  }

  private void shouldLetTheBudgetMatterOnlyThroughTheFinalStepGuard() {
    // Given the poor and the diverged trial, judged at each step s
    StoppingRule rule = rule();
    StudyCurves study = scenario.study();
    for (TrialCurve trial : List.of(scenario.poor(), scenario.diverged())) {
      for (int s = 1; s <= trial.steps(); s++) {
        Decision farAway = rule.evaluate(study, prefix(trial, s, 10 * BUDGET));
        // When its budget is just past s, or it has none (0 or negative)
        // Then the decision is the one taken when the last step is far away
        for (int budget : new int[] {s + 1, 0, -1}) {
          assertThat(rule.evaluate(study, prefix(trial, s, budget)))
              .as("%s at step %d, budget %d", trial.trialId(), s, budget)
              .isEqualTo(farAway);
        }
      }
    }
    assertThat(anyStop(decisions(rule, study, prefix(scenario.poor(), BUDGET, 0))))
        .as("a trial without a budget is judged")
        .isTrue();
  }

  private void shouldContinueWhenTheTrialHasNoBudget() {
    // A diverged trial needs no budget to be stopped: that is the diverged guard's, above
    StoppingRule rule = rule();
    for (int budget : new int[] {0, -1}) {
      assertThat(decisions(rule, scenario.study(), prefix(scenario.poor(), BUDGET, budget)))
          .as("budget %d", budget)
          .noneMatch(Decision::stop);
    }
  }

  @Test
  void shouldDecideAMaximisedStudyAsItsMinimisedMirrorWhenTheMonitorNegatesIt() {
    // Given the study as a minimised metric, and its mirror: the same curves negated and maximised
    StoppingRule rule = rule();
    StudyCurves minimised = scenario.study();
    StudyCurves maximised =
        StudyCurves.of(scenario.completed().stream().map(StoppingRuleContract::negated).toList());
    for (TrialCurve trial : scenario.judged()) {
      List<Decision> asLoss = new ArrayList<>();
      List<Decision> asGain = new ArrayList<>();
      // When the monitor's curve book orients each for the rule at every step
      for (int s = 1; s <= trial.steps(); s++) {
        TrialCurve seen = prefix(trial, s, BUDGET);
        asLoss.add(CurveBooks.judge(rule, minimised, seen, false));
        asGain.add(CurveBooks.judge(rule, maximised, negated(seen), true));
      }
      // Then the decisions are the same, and the ones the rule takes on the losses directly
      assertThat(asGain).as(trial.trialId()).isEqualTo(asLoss);
      assertThat(asLoss).as(trial.trialId()).isEqualTo(decisions(rule, minimised, trial));
    }
    assertThat(anyStop(decisions(rule, minimised, scenario.poor()))).isTrue();
  }

  @Test
  void shouldShowTheDecisionsValueInTheMetricsOwnSignWhenTheMetricIsMaximised() {
    // Given every stop of the poor and the diverged trial
    StoppingRule rule = rule();
    for (TrialCurve trial : List.of(scenario.poor(), scenario.diverged())) {
      for (Decision d : decisions(rule, scenario.study(), trial)) {
        if (!d.stop()) {
          continue;
        }
        // Then the reason quotes the statistic as a loss, and negated for a maximised metric
        String negated = Reason.compact(-d.value());
        assertThat(d.reason(false)).as(d.rule()).contains(Reason.compact(d.value()));
        assertThat(d.reason(true)).as(d.rule()).contains(negated);
        if (d.value() > 0) {
          assertThat(d.reason(false)).as(d.rule()).doesNotContain(negated);
        }
      }
    }
  }

  /**
   * A finished trial's metric: the monitor never judges a trial again once its result is in ({@code
   * MetricProcessor}, tested through the topology), and a rule asked about a trial that also
   * appears among the completed ones does not use its own curve as a reference.
   */
  @Test
  void shouldNotUseTheJudgedTrialsOwnCurveWhenItIsAlsoAmongTheCompleted() {
    StoppingRule rule = rule();
    for (TrialCurve trial : List.of(scenario.good(), scenario.poor())) {
      // Given the study, and the same study with the judged trial's full curve as completed
      List<TrialCurve> withSelf = new ArrayList<>(scenario.completed());
      withSelf.add(trial);
      // Then every decision is the one taken without it
      assertThat(decisions(rule, StudyCurves.of(withSelf), trial))
          .as(trial.trialId())
          .isEqualTo(decisions(rule, scenario.study(), trial));
    }
  }

  @Test
  void shouldGiveTheSameDecisionsWhenAskedAgainWithTheSameInputs() {
    // Given two rules built alike, and the study built twice from the same seed
    Scenario again = Scenario.build();
    // Then they decide alike, and a rule asked twice answers the same
    StoppingRule first = rule();
    StoppingRule second = rule();
    for (int i = 0; i < scenario.judged().size(); i++) {
      TrialCurve trial = scenario.judged().get(i);
      List<Decision> once = decisions(first, scenario.study(), trial);
      assertThat(decisions(first, scenario.study(), trial)).as(trial.trialId()).isEqualTo(once);
      assertThat(decisions(second, again.study(), again.judged().get(i)))
          .as(trial.trialId())
          .isEqualTo(once);
    }
  }

  @Test
  void shouldGiveTheSameDecisionsWhateverTheOrderOfTheOtherTrials() {
    // Given the completed trials in another order (the store's order is an accident of the keys)
    List<TrialCurve> shuffled = new ArrayList<>(scenario.completed());
    Collections.shuffle(shuffled, new Random(SEED));
    StoppingRule rule = rule();
    // Then every decision is the same
    for (TrialCurve trial : scenario.judged()) {
      assertThat(decisions(rule, StudyCurves.of(shuffled), trial))
          .as(trial.trialId())
          .isEqualTo(decisions(rule, scenario.study(), trial));
    }
  }
}
