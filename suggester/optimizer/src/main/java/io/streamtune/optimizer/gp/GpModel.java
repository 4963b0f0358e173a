package io.streamtune.optimizer.gp;

import io.streamtune.optimizer.surrogate.Posterior;
import io.streamtune.optimizer.surrogate.Surrogate;
import io.streamtune.optimizer.surrogate.SurrogateModel;
import io.streamtune.optimizer.surrogate.SurrogateState;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Keeps a {@link GaussianProcess} current as observations arrive.
 *
 * <p>Refit schedule: the hyperparameters are refitted (warm-started from the last fit) when the
 * data has grown by a fraction {@code ρ} since the last fit, i.e. when {@code n - n_fit ≥ max(1, ⌈ρ
 * n_fit⌉)}; in between, new points enter through the O(n²) Cholesky extension with the
 * hyperparameters held. The marginal-likelihood optimum moves by O(1/n) per observation, so a
 * relative schedule keeps the fit as fresh early on (every observation up to {@code n = 1/ρ}) while
 * bounding the amortised cost to O(n³ / (ρ n)) = O(n²/ρ) per observation. Random restarts are only
 * used while {@code n ≤ restartLimit}: with more data the likelihood surface is sharply peaked near
 * the warm start.
 */
public final class GpModel implements SurrogateModel {

  private final GpFitter fitter;
  private final double refitFraction;
  private final int restartLimit;
  private final SplittableRandom rng;
  private GaussianProcess gp;
  private double[] theta;
  private int nAtFit;
  private int fits;
  private SurrogateState restored;

  public GpModel(GpFitter fitter, double refitFraction, int restartLimit, long seed) {
    if (!(refitFraction >= 0)) {
      throw new IllegalArgumentException("refitFraction must be >= 0 but was " + refitFraction);
    }
    this.fitter = fitter;
    this.refitFraction = refitFraction;
    this.restartLimit = restartLimit;
    this.rng = new SplittableRandom(seed);
  }

  @Override
  public Surrogate update(List<double[]> x, double[] y) {
    int n = x.size();
    if (gp != null && n == gp.size()) {
      return gp;
    }
    if (gp == null && restored != null) {
      SurrogateState r = restored;
      restored = null;
      if (r.hyperparameters().length == x.get(0).length + 2 && n >= r.fittedAt()) {
        theta = r.hyperparameters();
        if (n - r.fittedAt() < Math.max(1, (int) Math.ceil(refitFraction * r.fittedAt()))) {
          // within the schedule of the instance that fitted it: condition, fit nothing
          gp = GaussianProcess.fit(x, y, theta);
          nAtFit = r.fittedAt();
          return gp;
        }
      }
    }
    if (gp == null
        || n < gp.size()
        || n - nAtFit >= Math.max(1, (int) Math.ceil(refitFraction * nAtFit))) {
      refit(x, y);
    } else {
      double[] known = Arrays.copyOf(y, gp.size());
      if (!Arrays.equals(known, gp.values())) {
        gp.setValues(known); // warped values move as the data grows
      }
      for (int i = gp.size(); i < n; i++) {
        gp.add(x.get(i), y[i]);
      }
    }
    return gp;
  }

  /** Full refit: hyperparameters by maximum likelihood, then a fresh factorisation. */
  public void refit(List<double[]> x, double[] y) {
    int restarts =
        theta == null
            ? Math.max(fitter.restarts(), 1)
            : x.size() <= restartLimit ? fitter.restarts() : 0;
    theta = fitter.fit(x, y, theta, restarts, rng);
    gp = GaussianProcess.fit(x, y, theta);
    nAtFit = x.size();
    fits++;
  }

  @Override
  public Optional<SurrogateState> state() {
    return theta == null ? Optional.empty() : Optional.of(new SurrogateState("gp", theta, nAtFit));
  }

  @Override
  public void restore(SurrogateState state) {
    if (state.kind().equals("gp")) {
      restored = state;
    }
  }

  /** How many times the hyperparameters were fitted, in this instance. */
  public int fits() {
    return fits;
  }

  public GaussianProcess current() {
    return gp;
  }

  @Override
  public Fantasy fantasize() {
    GaussianProcess copy = gp.fantasyCopy();
    return new Fantasy() {
      @Override
      public void add(double[] x, double y) {
        copy.add(x, y);
      }

      @Override
      public Posterior posterior(double[] x, boolean withGradient) {
        return copy.posterior(x, withGradient);
      }

      @Override
      public void posteriors(double[][] xs, int from, int to, double[] mean, double[] std) {
        copy.posteriors(xs, from, to, mean, std);
      }

      @Override
      public boolean hasGradient() {
        return true;
      }
    };
  }

  @Override
  public Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("model", "gp");
    d.put("kernel", "constant * matern52(ard) + white");
    if (theta != null) {
      int dim = theta.length - 2;
      d.put("amplitude", Math.exp(theta[0]));
      d.put("lengthScales", Arrays.stream(theta, 1, dim + 1).map(Math::exp).boxed().toList());
      d.put("noise", Math.exp(theta[dim + 1]));
      d.put("logMarginalLikelihood", gp.logMarginalLikelihood());
      d.put("n", gp.size());
      d.put("hyperparameterFits", fits);
    }
    return d;
  }
}
