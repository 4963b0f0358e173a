package io.streamtune.monitor.rules.curve;

/**
 * The parametric learning-curve families of Domhan, Springenberg and Hutter, "Speeding up Automatic
 * Hyperparameter Optimization of Deep Neural Networks by Extrapolation of Learning Curves", IJCAI
 * 2015, Table 1 (names and formulas as in their reference implementation's {@code curvefunctions}).
 *
 * <p>Notation: x ≥ 1 is the step, y = f(x | θ) an increasing "goodness" on roughly [0, 1] (the
 * paper models accuracy; {@link CurveEnsemble} maps losses onto that scale). Each family gives:
 *
 * <ul>
 *   <li>{@link #value(double, double[])}: f(x | θ), and {@link #gradient}: ∂f/∂θ;
 *   <li>{@link #starts}: starting points for the least-squares restarts: one derived from the data
 *       (asymptote just above the last value, f(1) near the first) and the reference defaults;
 *   <li>{@link #clamp}: the box that keeps f finite and increasing (a positive exponent, a positive
 *       rate, a positive base for powers), used as Levenberg–Marquardt's parameter validator.
 * </ul>
 *
 * ilog2 is evaluated at x + 1, as in the reference implementation, because 1/ln x has a pole at x =
 * 1.
 */
public enum CurveFamily {

  /** pow3: c − a·x^(−α); θ = (c, a, α). */
  POW3("pow3", 3) {
    @Override
    public double value(double x, double[] t) {
      return t[0] - t[1] * Math.pow(x, -t[2]);
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double u = Math.pow(x, -t[2]);
      g[0] = 1;
      g[1] = -u;
      g[2] = t[1] * u * Math.log(x);
      return t[0] - t[1] * u;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      double c = yn + 0.05;
      return new double[][] {{c, c - y1, 0.5}, {0.84, 0.52, 0.01}};
    }

    @Override
    void clamp(double[] t) {
      t[2] = clip(t[2], 1e-4, 5);
    }
  },
  /** pow4: c − (a·x + b)^(−α); θ = (c, a, b, α). */
  POW4("pow4", 4) {
    @Override
    public double value(double x, double[] t) {
      return t[0] - Math.pow(t[1] * x + t[2], -t[3]);
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double z = t[1] * x + t[2];
      double u = Math.pow(z, -t[3]);
      g[0] = 1;
      g[1] = t[3] * u / z * x;
      g[2] = t[3] * u / z;
      g[3] = u * Math.log(z);
      return t[0] - u;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      double c = yn + 0.05;
      return new double[][] {{c, Math.pow(c - y1, -2), 0, 0.5}, {0.8, 200, 0, 0.1}};
    }

    @Override
    void clamp(double[] t) {
      t[1] = clip(t[1], 1e-6, 1e6);
      t[2] = Math.max(t[2], 1e-6 - t[1]); // a·x + b > 0 for every x ≥ 1
      t[3] = clip(t[3], 1e-4, 5);
    }
  },
  /** log_power: a / (1 + (x/e^b)^c); θ = (a, b, c), c < 0 for an increasing curve. */
  LOG_POWER("log_power", 3) {
    @Override
    public double value(double x, double[] t) {
      return t[0] / (1 + Math.pow(x / Math.exp(t[1]), t[2]));
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double lx = Math.log(x) - t[1];
      double q = Math.exp(t[2] * lx);
      double d = 1 + q;
      g[0] = 1 / d;
      g[1] = t[0] * t[2] * q / (d * d);
      g[2] = -t[0] * q * lx / (d * d);
      return t[0] / d;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      double a = yn + 0.05;
      return new double[][] {{a, Math.log(Math.max(a / y1 - 1, 1e-3)), -1}, {0.77, 2.98, -0.51}};
    }

    @Override
    void clamp(double[] t) {
      t[1] = clip(t[1], -20, 20);
      t[2] = clip(t[2], -10, -1e-4);
    }
  },
  /** exp4: c − exp(−a·x^α + b); θ = (c, a, b, α). */
  EXP4("exp4", 4) {
    @Override
    public double value(double x, double[] t) {
      return t[0] - Math.exp(-t[1] * Math.pow(x, t[3]) + t[2]);
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double xa = Math.pow(x, t[3]);
      double e = Math.exp(-t[1] * xa + t[2]);
      g[0] = 1;
      g[1] = e * xa;
      g[2] = -e;
      g[3] = e * t[1] * xa * Math.log(x);
      return t[0] - e;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      double c = yn + 0.05;
      double a = 3.0 / n;
      return new double[][] {
        {c, a, Math.log(Math.max(c - y1, 1e-3)) + a, 1}, {0.7, 0.8, -0.8, 0.3}
      };
    }

    @Override
    void clamp(double[] t) {
      t[1] = clip(t[1], 0, 50);
      t[2] = clip(t[2], -50, 50);
      t[3] = clip(t[3], 1e-4, 3);
    }
  },
  /** weibull: α − (α − β)·exp(−(κx)^δ); θ = (α, β, κ, δ). */
  WEIBULL("weibull", 4) {
    @Override
    public double value(double x, double[] t) {
      return t[0] - (t[0] - t[1]) * Math.exp(-Math.pow(t[2] * x, t[3]));
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double w = Math.pow(t[2] * x, t[3]);
      double e = Math.exp(-w);
      double span = t[0] - t[1];
      g[0] = 1 - e;
      g[1] = e;
      g[2] = span * e * t[3] * w / t[2];
      g[3] = span * e * w * Math.log(t[2] * x);
      return t[0] - span * e;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      return new double[][] {{yn + 0.05, y1 - 0.05, 2.0 / n, 1}, {0.7, 0.1, 0.01, 1}};
    }

    @Override
    void clamp(double[] t) {
      t[2] = clip(t[2], 1e-6, 100);
      t[3] = clip(t[3], 1e-3, 10);
    }
  },
  /** mmf (Morgan–Mercer–Flodin): α − (α − β)/(1 + (κx)^δ); θ = (α, β, κ, δ). */
  MMF("mmf", 4) {
    @Override
    public double value(double x, double[] t) {
      return t[0] - (t[0] - t[1]) / (1 + Math.pow(t[2] * x, t[3]));
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double w = Math.pow(t[2] * x, t[3]);
      double d = 1 + w;
      double span = t[0] - t[1];
      double dw = span / (d * d);
      g[0] = 1 - 1 / d;
      g[1] = 1 / d;
      g[2] = dw * t[3] * w / t[2];
      g[3] = dw * w * Math.log(t[2] * x);
      return t[0] - span / d;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      return new double[][] {{yn + 0.05, y1 - 0.05, 2.0 / n, 1}, {0.7, 0.1, 0.01, 5}};
    }

    @Override
    void clamp(double[] t) {
      t[2] = clip(t[2], 1e-6, 100);
      t[3] = clip(t[3], 1e-3, 10);
    }
  },
  /** janoschek: α − (α − β)·exp(−κ·x^δ); θ = (α, β, κ, δ). */
  JANOSCHEK("janoschek", 4) {
    @Override
    public double value(double x, double[] t) {
      return t[0] - (t[0] - t[1]) * Math.exp(-t[2] * Math.pow(x, t[3]));
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double u = Math.pow(x, t[3]);
      double e = Math.exp(-t[2] * u);
      double span = t[0] - t[1];
      g[0] = 1 - e;
      g[1] = e;
      g[2] = span * e * u;
      g[3] = span * e * t[2] * u * Math.log(x);
      return t[0] - span * e;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      return new double[][] {{yn + 0.05, y1 - 0.05, 0.3, 0.5}, {0.73, 0.07, 0.355, 0.46}};
    }

    @Override
    void clamp(double[] t) {
      t[2] = clip(t[2], 1e-6, 100);
      t[3] = clip(t[3], 1e-3, 10);
    }
  },
  /** ilog2: c − a / ln(x + 1); θ = (c, a). Linear in θ, so one start reaches the optimum. */
  ILOG2("ilog2", 2) {
    @Override
    public double value(double x, double[] t) {
      return t[0] - t[1] / Math.log(x + 1);
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double l = Math.log(x + 1);
      g[0] = 1;
      g[1] = -1 / l;
      return t[0] - t[1] / l;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      double a = (yn - y1) / (1 / Math.log(2) - 1 / Math.log(n + 1));
      return new double[][] {{y1 + a / Math.log(2), a}};
    }

    @Override
    void clamp(double[] t) {}
  },
  /** vap (vapour pressure): exp(a + b/x + c·ln x); θ = (a, b, c). */
  VAP("vap", 3) {
    @Override
    public double value(double x, double[] t) {
      return Math.exp(t[0] + t[1] / x + t[2] * Math.log(x));
    }

    @Override
    public double gradient(double x, double[] t, double[] g) {
      double lx = Math.log(x);
      double f = Math.exp(t[0] + t[1] / x + t[2] * lx);
      g[0] = f;
      g[1] = f / x;
      g[2] = f * lx;
      return f;
    }

    @Override
    double[][] starts(double y1, double yn, int n) {
      double b = (Math.log(y1) - Math.log(yn)) / (1 - 1.0 / n);
      return new double[][] {{Math.log(y1) - b, b, 0}, {-0.622028, -0.470050, 0.042322}};
    }

    @Override
    void clamp(double[] t) {
      for (int i = 0; i < 3; i++) {
        t[i] = clip(t[i], -50, 50);
      }
    }
  };

  private final String label;
  private final int parameters;

  CurveFamily(String label, int parameters) {
    this.label = label;
    this.parameters = parameters;
  }

  public String label() {
    return label;
  }

  /** Number of parameters, p = |θ|. */
  public int parameters() {
    return parameters;
  }

  /** f(x | θ). */
  public abstract double value(double x, double[] theta);

  /** f(x | θ), writing ∂f/∂θ_j into g[j] (analytic: three times cheaper than differences). */
  public abstract double gradient(double x, double[] theta, double[] g);

  /** Starting points for a curve whose first and last goodness are y1 and yn after n points. */
  abstract double[][] starts(double y1, double yn, int n);

  /** Projects θ onto the family's box, in place. */
  abstract void clamp(double[] theta);

  static double clip(double v, double lo, double hi) {
    return Double.isNaN(v) ? lo : Math.max(lo, Math.min(hi, v));
  }
}
