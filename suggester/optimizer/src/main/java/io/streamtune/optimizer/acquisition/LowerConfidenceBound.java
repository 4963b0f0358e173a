package io.streamtune.optimizer.acquisition;

/**
 * Lower confidence bound {@code LCB = μ - κσ} (Srinivas et al. 2010, for minimisation). The utility
 * is its negative, {@code u = κσ - μ}, so that every acquisition is maximised.
 */
public record LowerConfidenceBound(double kappa) implements Acquisition {

  @Override
  public String name() {
    return "LCB";
  }

  @Override
  public double utility(double mean, double std, double[] partials) {
    if (partials != null) {
      partials[0] = -1;
      partials[1] = kappa;
    }
    return kappa * std - mean;
  }
}
