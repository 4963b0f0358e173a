package io.streamtune.optimizer.acquisition;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;

/**
 * An acquisition function: a utility of the posterior at a point, <em>maximised</em> to choose the
 * next evaluation. Implementations see only the posterior mean {@code μ} and std {@code σ}; the
 * gradient in {@code x} follows by the chain rule {@code ∇u = ∂u/∂μ ∇μ + ∂u/∂σ ∇σ}.
 */
public interface Acquisition {

  /** Short name as used in settings: {@code EI}, {@code PI}, {@code LCB}, {@code LogEI}. */
  String name();

  /**
   * The utility {@code u(μ, σ)}; when {@code partials} is non-null, writes {@code {∂u/∂μ, ∂u/∂σ}}.
   */
  double utility(double mean, double std, double[] partials);

  default double evaluate(Surrogate surrogate, double[] x) {
    Posterior p = surrogate.posterior(x, false);
    return utility(p.mean(), p.std(), null);
  }

  /**
   * The utility at {@code x} and, into {@code grad}, its gradient (requires a differentiable
   * surrogate).
   */
  default double evaluate(Surrogate surrogate, double[] x, double[] grad) {
    Posterior p = surrogate.posterior(x, true);
    double[] partials = new double[2];
    double u = utility(p.mean(), p.std(), partials);
    for (int j = 0; j < grad.length; j++) {
      grad[j] = partials[0] * p.meanGradient()[j] + partials[1] * p.stdGradient()[j];
    }
    return u;
  }
}
