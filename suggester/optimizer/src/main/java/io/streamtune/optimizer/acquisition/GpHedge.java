package io.streamtune.optimizer.acquisition;

import io.streamtune.optimizer.surrogate.Surrogate;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * The GP-Hedge portfolio (Hoffman, Brochu &amp; de Freitas 2011, Alg. 2) over EI, PI and LCB, as in
 * scikit-optimize's {@code acq_func="gp_hedge"}.
 *
 * <p>Notation: {@code g ∈ R^3} cumulative gains, {@code η} learning rate. Each ask, every member
 * proposes a point {@code x_i}; one is chosen with probability {@code softmax(η g)_i}. After the
 * model is refitted, {@code g_i -= μ̃(x_i)}: members whose proposals the new model believes are low
 * (good) gain. Unlike scikit-optimize, {@code μ̃} is the posterior mean on the normalised scale, so
 * the softmax temperature does not depend on the units of the objective.
 */
public final class GpHedge {

  private final double eta;
  private final double[] gains = new double[3];
  private double[][] lastProposals;

  public GpHedge(double eta) {
    this.eta = eta;
  }

  /** The members for incumbent {@code best}, in the fixed order EI, PI, LCB. */
  public static Acquisition[] members(double best, double xi, double kappa) {
    return new Acquisition[] {
      new ExpectedImprovement(best, xi),
      new ProbabilityOfImprovement(best, xi),
      new LowerConfidenceBound(kappa)
    };
  }

  /** Softmax probabilities {@code p_i ∝ exp(η (g_i - max g))}, shifted for overflow safety. */
  public double[] probabilities() {
    double max = Arrays.stream(gains).max().orElse(0);
    double[] p = new double[gains.length];
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(eta * (gains[i] - max));
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  public int choose(RandomGenerator rng) {
    double[] p = probabilities();
    double u = rng.nextDouble();
    double c = 0;
    for (int i = 0; i < p.length; i++) {
      c += p[i];
      if (u < c) {
        return i;
      }
    }
    return p.length - 1;
  }

  /** Remembers each member's proposal until the model is next updated. */
  public void recordProposals(double[][] proposals) {
    this.lastProposals = proposals.clone();
  }

  /**
   * Rewards the last proposals under the updated model; {@code meanShift} and {@code meanScale}
   * normalise the posterior mean.
   */
  public void reward(Surrogate updated, double meanShift, double meanScale) {
    if (lastProposals == null) {
      return;
    }
    for (int i = 0; i < gains.length && i < lastProposals.length; i++) {
      gains[i] -= (updated.posterior(lastProposals[i]).mean() - meanShift) / meanScale;
    }
    lastProposals = null;
  }

  public double[] gains() {
    return gains.clone();
  }
}
