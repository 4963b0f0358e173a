package io.streamtune.monitor.rules.curve;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.math3.special.Erf;

/**
 * A weighted ensemble of learning-curve families extrapolated to the trial's budget (Domhan,
 * Springenberg and Hutter, IJCAI 2015, §3.1–3.2), for losses.
 *
 * <p>Notation: the n finite points (x_i, ℓ_i) of a loss curve, hi = max ℓ_i, lo = min ℓ_i. The
 * families model an increasing accuracy on [0, 1] and their starting points assume that scale, so
 * the loss is mapped affinely to the goodness y_i = 0.1 + 0.8·(hi − ℓ_i)/(hi − lo) ∈ [0.1, 0.9]
 * (the 0.1 margin keeps the strictly positive families, vap and log_power, away from 0). Families
 * with a free asymptote and offset are invariant to this map; it also conditions
 * Levenberg–Marquardt.
 *
 * <p>Each family k is fitted ({@link CurveFit}) and kept if its prediction at the target m is
 * finite, |y_k(m)| ≤ 100 and y_k(m) ≥ y_k(1) (the paper's prior that the curve ends above where it
 * starts). Instead of MCMC over (w, θ, σ) we use the Gaussian approximation around each fit and BIC
 * weights, w_k ∝ exp(−½(BIC_k − min BIC)) (Raftery 1995, approximate Bayesian model averaging). The
 * predictive distribution of y(m) is the mixture Σ_k w_k·N(μ_k, s_k²), with μ_k = y_k(m) and s_k²
 * from the delta method plus σ̂_k². This is what makes a decision cost milliseconds instead of
 * seconds.
 */
public final class CurveEnsemble {

  static final double MARGIN = 0.1;
  static final double SPAN = 0.8;

  /** One family's share of the prediction, in goodness units. */
  public record Component(CurveFit fit, double weight, double mean, double sd) {}

  /** The mixture at the target step, with the map back to losses. */
  public record Prediction(List<Component> components, double hi, double lo) {

    /** ℓ for a goodness y. */
    public double toLoss(double y) {
      return hi - (y - MARGIN) * (hi - lo) / SPAN;
    }

    /** y for a loss ℓ. */
    public double toGoodness(double loss) {
      return MARGIN + SPAN * (hi - loss) / (hi - lo);
    }

    /** E[ℓ(m)]: the mixture mean mapped back (the map is affine, so it commutes with E). */
    public double meanLoss() {
      double mean = 0;
      for (Component c : components) {
        mean += c.weight * c.mean;
      }
      return toLoss(mean);
    }

    /** sd[ℓ(m)] from the mixture variance Σw(s² + μ²) − (Σwμ)². */
    public double sdLoss() {
      double m1 = 0;
      double m2 = 0;
      for (Component c : components) {
        m1 += c.weight * c.mean;
        m2 += c.weight * (c.sd * c.sd + c.mean * c.mean);
      }
      return Math.sqrt(Math.max(m2 - m1 * m1, 0)) * (hi - lo) / SPAN;
    }

    /** P(ℓ(m) < loss) = Σ_k w_k·(1 − Φ((y(loss) − μ_k)/s_k)). */
    public double probabilityBelow(double loss) {
      double g = toGoodness(loss);
      double p = 0;
      for (Component c : components) {
        p += c.weight * upperTail((g - c.mean) / c.sd);
      }
      return Math.min(Math.max(p, 0), 1);
    }
  }

  private CurveEnsemble() {}

  /**
   * Fits {@code families} to the finite points of {@code losses} (step i + 1 for index i) and
   * predicts step {@code target}; null when fewer than 3 finite points, a flat curve, or no family
   * survives.
   */
  public static Prediction predict(double[] losses, int target, Set<CurveFamily> families) {
    int n = 0;
    double hi = Double.NEGATIVE_INFINITY;
    double lo = Double.POSITIVE_INFINITY;
    for (double l : losses) {
      if (Double.isFinite(l)) {
        n++;
        hi = Math.max(hi, l);
        lo = Math.min(lo, l);
      }
    }
    if (n < 3 || !(hi - lo > 1e-12 * Math.max(1, Math.abs(hi)))) {
      return null;
    }
    double[] x = new double[n];
    double[] y = new double[n];
    for (int i = 0, j = 0; i < losses.length; i++) {
      if (Double.isFinite(losses[i])) {
        x[j] = i + 1;
        y[j++] = MARGIN + SPAN * (hi - losses[i]) / (hi - lo);
      }
    }
    List<CurveFit> fits = new ArrayList<>();
    for (CurveFamily family : families) {
      CurveFit fit = CurveFit.fit(family, x, y);
      if (fit != null && plausible(fit, target)) {
        fits.add(fit);
      }
    }
    if (fits.isEmpty()) {
      return null;
    }
    return new Prediction(components(fits, target), hi, lo);
  }

  private static boolean plausible(CurveFit fit, int target) {
    double end = fit.predict(target);
    double var = fit.predictiveVariance(target);
    return Double.isFinite(end)
        && Math.abs(end) <= 100
        && end >= fit.predict(1)
        && Double.isFinite(var)
        && var > 0;
  }

  private static List<Component> components(List<CurveFit> fits, int target) {
    double minBic = fits.stream().mapToDouble(CurveFit::bic).min().orElseThrow();
    double total = 0;
    double[] w = new double[fits.size()];
    for (int k = 0; k < w.length; k++) {
      w[k] = Math.exp(-0.5 * (fits.get(k).bic() - minBic));
      total += w[k];
    }
    List<Component> out = new ArrayList<>();
    for (int k = 0; k < w.length; k++) {
      CurveFit f = fits.get(k);
      out.add(
          new Component(
              f, w[k] / total, f.predict(target), Math.sqrt(f.predictiveVariance(target))));
    }
    return out;
  }

  /** 1 − Φ(z). */
  static double upperTail(double z) {
    return 0.5 * Erf.erfc(z / Math.sqrt(2));
  }
}
