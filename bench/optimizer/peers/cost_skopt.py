#!/usr/bin/env python3
"""scikit-optimize's costs beside the Java library's (OptimizerBench --cost), on the same problem:
Hartmann6 on [0, 1]^6, n = 50, 100, 200, 400 uniform random observations.

  cold fit   : the GP gp_minimize builds (Matern-5/2 ARD x constant + white noise, normalize_y,
               2 optimizer restarts), fitted to n points from its initial hyperparameters;
  warm refit : scikit-optimize has none (every tell clones the base estimator and fits it from its
               initial hyperparameters), so this is the cold fit again;
  tell+ask   : Optimizer(acq_func="EI", acq_optimizer="lbfgs") told n points, then one
               tell(x, y) + ask(), the median of --reps.

Writes JSON to --out and prints a table. Run with the venv of setup.sh.
"""
import argparse
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
warnings.filterwarnings("ignore")

from skopt import Optimizer  # noqa: E402
from skopt.learning import GaussianProcessRegressor  # noqa: E402,F401
from skopt.space import Space  # noqa: E402
from skopt.utils import cook_estimator  # noqa: E402

import suite  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(HERE, "..", "results", "cost-skopt.json"))
    ap.add_argument("--reps", type=int, default=3)
    a = ap.parse_args()
    dims = [(0.0, 1.0)] * 6
    rows = []
    print("%-5s %12s %12s %16s" % ("n", "cold fit", "warm refit", "tell+ask median"))
    for n in (50, 100, 200, 400):
        rng = np.random.default_rng(n)
        xs = rng.uniform(size=(n + a.reps, 6))
        ys = np.array([suite.hartmann6(x) for x in xs])
        cold = []
        for r in range(a.reps):
            gp = cook_estimator("GP", space=Space(dims), random_state=r, noise="gaussian")
            t0 = time.perf_counter()
            gp.fit(xs[:n], ys[:n])
            cold.append((time.perf_counter() - t0) * 1e3)
        opt = Optimizer(dims, base_estimator=cook_estimator("GP", space=Space(dims), random_state=1,
                                                            noise="gaussian"),
                        acq_func="EI", acq_optimizer="lbfgs", n_initial_points=0, random_state=1)
        opt.tell([list(x) for x in xs[:n - 1]], list(ys[:n - 1]))
        step = []
        for r in range(a.reps):
            x, y = list(xs[n - 1 + r]), float(ys[n - 1 + r])
            t0 = time.perf_counter()
            opt.tell(x, y)
            opt.ask()
            step.append((time.perf_counter() - t0) * 1e3)
        row = {"n": n, "coldFitMs": statistics.median(cold), "warmRefitMs": statistics.median(cold),
               "tellAskMedianMs": statistics.median(step)}
        rows.append(row)
        print("%-5d %9.1f ms %9.1f ms %13.1f ms" % (n, row["coldFitMs"], row["warmRefitMs"],
                                                   row["tellAskMedianMs"]))
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        json.dump({"method": "skopt", "dims": 6, "clock": "wall (perf_counter)", "rows": rows}, f,
                  indent=2)
    print("wrote", a.out)


if __name__ == "__main__":
    main()
