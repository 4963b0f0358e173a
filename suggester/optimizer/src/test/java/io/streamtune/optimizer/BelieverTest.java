package io.streamtune.optimizer;

import static org.assertj.core.api.Assertions.assertThat;

import io.streamtune.optimizer.acquisition.Acquisition;
import io.streamtune.optimizer.gp.GpFitter;
import io.streamtune.optimizer.gp.GpModel;
import io.streamtune.optimizer.gp.YScaling;
import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kriging believer of a batch, and the incumbent it moves. */
class BelieverTest {

  /** y = x observed on [0.3, 1]: the model extrapolates below the observed best towards 0. */
  private static final double[] XS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0};

  private static Believer believer(GpModel model) {
    List<double[]> x = new ArrayList<>();
    for (double v : XS) {
      x.add(new double[] {v});
    }
    Surrogate fitted = model.update(x, XS.clone());
    return new Believer(
        model,
        fitted,
        "kb",
        Arrays.stream(XS).summaryStatistics(),
        YScaling.of(XS),
        best ->
            BayesianOptimizer.acquisitionsFor(
                BayesianOptimizer.DEFAULT_ACQUISITION, best, Double.NaN, 1.96));
  }

  @Test
  void shouldMoveTheIncumbentToABelievedValueWhenItBeatsTheObservedBest() {
    Believer b = believer(new GpModel(GpFitter.defaults(), 0.05, 100, 7));
    double[] edge = {0.0};
    double believed = b.surrogate().posterior(edge).mean();
    assertThat(believed).isLessThan(0.3);

    b.believe(edge);

    assertThat(b.incumbent()).isEqualTo(believed);
    // beside the believed point, measured from the observed best, a near-certain improvement of
    // about 0.3 would remain and draw the next point there; measured from the belief, none does
    var beside = b.surrogate().posterior(new double[] {0.03});
    Acquisition fromObserved =
        BayesianOptimizer.acquisitionsFor(
            BayesianOptimizer.DEFAULT_ACQUISITION, 0.3, Double.NaN, 1.96)[0];
    double fixed = fromObserved.utility(beside.mean(), beside.std(), null);
    double moved = b.acquisitions()[0].utility(beside.mean(), beside.std(), null);
    assertThat(Math.exp(fixed)).isGreaterThan(0.1); // log-EI: the expected improvement is > 0.1
    assertThat(moved).isLessThan(fixed - 5);
  }

  @Test
  void shouldKeepTheObservedBestWhenTheBelievedValueIsWorse() {
    Believer b = believer(new GpModel(GpFitter.defaults(), 0.05, 100, 7));
    b.believe(new double[] {0.95});
    assertThat(b.incumbent()).isEqualTo(0.3);
    assertThat(b.points()).hasSize(1);
  }
}
