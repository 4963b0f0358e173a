"""Uniform runners for the optimizer-peer benchmark.

    run(method, problem, seed, n_evals=60, n_initial=10, batch=1) -> dict

returns {"trace": [...], "observed": [...], "cpu_s": float, "eval_cpu_s": float, "wall_s": float,
"error": None | str}. trace[i] is true_f of the point with the best *observed* f among the first i+1
evaluations (for noiseless problems simply the best value so far); regret = trace - fmin.
cpu_s is the process CPU used by the method (all threads of this process, or of the Java server
for streamtune), without the CPU spent in the objective.

Methods:
  optuna-gp, optuna-tpe                      Optuna 5 GPSampler / TPESampler
  skopt-gp-ei, skopt-gp-hedge                skopt gp_minimize set-up (EI / gp_hedge)
  skopt-forest, skopt-gbrt                   skopt forest_minimize(ET) / gbrt_minimize set-up
  random                                     uniform (log-uniform on log dims), numpy Generator(seed)
  streamtune                                 the Java optimizer (algorithm gp, default options)
  streamtune:<algorithm>                     e.g. streamtune:gbrt, streamtune:random
  streamtune:gp:<acq>                        options {"acq": <acq>}
  streamtune:gp:key=value,key=value          any options (numbers parsed), e.g. streamtune:gp:acq=EI,xi=0.001
  ('-' may be used instead of ':' after "streamtune", e.g. streamtune-gp-EI)
With batch > 1, every method asks `batch` points before telling their values (Optuna: `batch`
study.ask() calls, its samplers condition on running trials; skopt: ask(n_points=batch,
strategy="cl_min"); streamtune: {"op":"ask","n":batch}).
"""
from __future__ import annotations

import json
import logging
import math
import os
import subprocess
import sys
import time
import traceback
import warnings

import numpy as np

import suite as suite_mod

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)  # bench/optimizer
PEER_METHODS = ["optuna-gp", "optuna-tpe", "skopt-gp-ei", "skopt-gp-hedge", "skopt-forest",
                "skopt-gbrt", "random"]


class MethodUnavailable(RuntimeError):
    """The method cannot run on this machine (e.g. the Java server is not built)."""


class Tracker:
    """Evaluates the objective and keeps the best-observed trace and the objective's CPU time."""

    def __init__(self, problem, n_evals):
        self.p = problem
        self.n_evals = n_evals
        self.trace, self.observed = [], []
        self.best_obs = math.inf
        self.best_true = math.inf
        self.eval_cpu = 0.0

    @property
    def remaining(self):
        return self.n_evals - len(self.observed)

    def __call__(self, params: dict) -> float:
        if not suite_mod.in_space(self.p.space, params):
            raise ValueError(f"point outside the space: {params}")
        t0 = time.process_time()
        y = self.p.f(params)
        ty = self.p.true_f(params) if self.p.noisy else y
        self.eval_cpu += time.process_time() - t0
        self.observed.append(float(y))
        if y < self.best_obs:
            self.best_obs, self.best_true = y, ty
        self.trace.append(float(self.best_true))
        return float(y)


def _py(v):
    """numpy scalar -> plain Python."""
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    if isinstance(v, np.str_):
        return str(v)
    return v


def _coerce(space, point: dict) -> dict:
    out = {}
    for d in space:
        v = _py(point[d["name"]])
        if d["type"] == "int":
            if isinstance(v, float) and v.is_integer():
                v = int(v)
        elif d["type"] == "real":
            v = float(v)
            # log round trips (exp(log(low))) may land a hair outside the box
            tol = 1e-12 * max(abs(d["low"]), abs(d["high"]))
            if d["low"] - tol <= v < d["low"]:
                v = float(d["low"])
            elif d["high"] < v <= d["high"] + tol:
                v = float(d["high"])
        elif d["type"] == "cat":
            v = str(v)
        out[d["name"]] = v
    return out


# ------------------------------------------------------------------ Optuna

def _run_optuna(kind, problem, seed, tr, n_initial, batch):
    import optuna
    from optuna.distributions import CategoricalDistribution, FloatDistribution, IntDistribution
    optuna.logging.set_verbosity(optuna.logging.ERROR)
    optuna.logging.disable_default_handler()
    warnings.filterwarnings("ignore", category=optuna.exceptions.ExperimentalWarning)
    if kind == "gp":
        sampler = optuna.samplers.GPSampler(seed=seed, n_startup_trials=n_initial)
    else:
        sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=n_initial)
    dists = {}
    for d in problem.space:
        if d["type"] == "real":
            dists[d["name"]] = FloatDistribution(d["low"], d["high"], log=d.get("log", False))
        elif d["type"] == "int":
            dists[d["name"]] = IntDistribution(d["low"], d["high"], log=d.get("log", False))
        else:
            dists[d["name"]] = CategoricalDistribution(d["categories"])
    study = optuna.create_study(direction="minimize", sampler=sampler)
    while tr.remaining > 0:
        trials = [study.ask(dists) for _ in range(min(batch, tr.remaining))]
        for t in trials:
            study.tell(t, tr(_coerce(problem.space, t.params)))


# ------------------------------------------------------------------ scikit-optimize

_SKOPT_PATCHED = False


def _patch_skopt():
    """skopt 0.10.2's GradientBoostingQuantileRegressor lists BaseEstimator before RegressorMixin,
    so scikit-learn >= 1.6's tag-based is_regressor() says it is not a regressor."""
    global _SKOPT_PATCHED
    if _SKOPT_PATCHED:
        return
    from sklearn.base import BaseEstimator, is_regressor
    from skopt.learning import GradientBoostingQuantileRegressor as G
    if not is_regressor(G()):
        def _tags(self):
            t = BaseEstimator.__sklearn_tags__(self)
            t.estimator_type = "regressor"
            return t
        G.__sklearn_tags__ = _tags
        G._estimator_type = "regressor"
    _SKOPT_PATCHED = True


def _skopt_dims(space):
    from skopt.space import Categorical, Integer, Real
    out = []
    for d in space:
        if d["type"] == "real":
            out.append(Real(d["low"], d["high"], prior="log-uniform" if d.get("log") else "uniform",
                            name=d["name"]))
        elif d["type"] == "int":
            out.append(Integer(d["low"], d["high"], prior="log-uniform" if d.get("log") else "uniform",
                               name=d["name"]))
        else:
            out.append(Categorical(d["categories"], name=d["name"]))
    return out


def _skopt_optimizer(kind, space, seed, n_initial):
    """The Optimizer that gp_minimize / forest_minimize / gbrt_minimize build (skopt 0.10.2,
    skopt/optimizer/{gp,forest,gbrt,base}.py), with the same random-state plumbing."""
    _patch_skopt()
    from sklearn.utils import check_random_state
    from skopt import Optimizer
    from skopt.space import Space
    from skopt.utils import cook_estimator, normalize_dimensions
    dims = _skopt_dims(space)
    acq_opt_kwargs = {"n_points": 10000, "n_restarts_optimizer": 5, "n_jobs": 1}
    acq_func_kwargs = {"xi": 0.01, "kappa": 1.96}
    common = dict(n_initial_points=n_initial, initial_point_generator="random", n_jobs=1,
                  acq_optimizer_kwargs=acq_opt_kwargs, acq_func_kwargs=acq_func_kwargs)
    if kind in ("gp-ei", "gp-hedge"):
        rng = check_random_state(seed)
        sp = normalize_dimensions(dims)
        base = cook_estimator("GP", space=sp, random_state=rng.randint(0, np.iinfo(np.int32).max),
                              noise="gaussian")
        return Optimizer(sp, base, acq_func="EI" if kind == "gp-ei" else "gp_hedge",
                         acq_optimizer="auto", random_state=rng, **common)
    if kind == "forest":
        return Optimizer(dims, "ET", acq_func="EI", acq_optimizer="sampling", random_state=seed, **common)
    if kind == "gbrt":
        rng = check_random_state(seed)
        base = cook_estimator("GBRT", random_state=rng, n_jobs=1)
        return Optimizer(dims, base, acq_func="LCB", acq_optimizer="sampling", random_state=seed, **common)
    raise ValueError(kind)


def _run_skopt(kind, problem, seed, tr, n_initial, batch):
    warnings.filterwarnings("ignore", module="skopt")
    warnings.filterwarnings("ignore", message="The objective has been evaluated at point")
    opt = _skopt_optimizer(kind, problem.space, seed, n_initial)
    names = [d["name"] for d in problem.space]
    while tr.remaining > 0:
        k = min(batch, tr.remaining)
        xs = [opt.ask()] if k == 1 else opt.ask(n_points=k, strategy="cl_min")
        ys = [tr(_coerce(problem.space, dict(zip(names, x)))) for x in xs]
        opt.tell(xs if k > 1 else xs[0], ys if k > 1 else ys[0])


# ------------------------------------------------------------------ random

def _run_random(problem, seed, tr):
    rng = np.random.default_rng(seed)
    while tr.remaining > 0:
        tr(problem.sample(rng))


# ------------------------------------------------------------------ streamtune (Java)

def java_command(main="AskTellServer"):
    cp_file = os.path.join(BENCH, "target", "classpath.txt")
    classes = os.path.join(BENCH, "target", "classes")
    cls = os.path.join(classes, "io", "streamtune", "bench", main + ".class")
    if not (os.path.isfile(cp_file) and os.path.isfile(cls)):
        raise MethodUnavailable(
            f"Java {main} not built ({cls} / {cp_file} missing); run the bench/optimizer build")
    with open(cp_file) as fh:
        cp = fh.read().strip()
    java = os.environ.get("STREAMTUNE_JAVA", "java")
    extra = os.environ.get("STREAMTUNE_JAVA_OPTS", "").split()
    return [java, *extra, "-cp", f"{cp}:{classes}", "io.streamtune.bench." + main]


def parse_streamtune(method: str):
    """'streamtune' -> ('gp', {}); 'streamtune:gbrt' -> ('gbrt', {}); 'streamtune:gp:EI' ->
    ('gp', {'acq': 'EI'}); 'streamtune:gp:acq=EI,xi=0.001' -> ('gp', {'acq': 'EI', 'xi': 0.001})."""
    rest = method[len("streamtune"):]
    if not rest:
        return "gp", {}
    sep, rest = rest[0], rest[1:]
    parts = rest.split(sep, 1)
    algo = parts[0] or "gp"
    opts = {}
    if len(parts) > 1 and parts[1]:
        spec = parts[1]
        if "=" not in spec:
            opts["acq"] = spec
        else:
            for kv in spec.split(","):
                k, v = kv.split("=", 1)
                try:
                    v = json.loads(v)
                except ValueError:
                    pass
                opts[k] = v
    return algo, opts


class JavaServer:
    """One Java JSON-lines server of this benchmark as a subprocess (reused across runs in a
    worker): the AskTellServer by default, or the ObjectiveServer (dl4j.py)."""

    def __init__(self, main="AskTellServer", env=None):
        self.main = main
        self.cmd = java_command(main)
        self.stderr = open(os.path.join(os.environ.get("STREAMTUNE_LOG_DIR", "/tmp"),
                                        f"{main}-{os.getpid()}.stderr"), "ab")
        self.proc = subprocess.Popen(self.cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=self.stderr, text=True, bufsize=1, env=env)

    def alive(self):
        return self.proc.poll() is None

    def reply(self, obj):
        """The server's reply to one request, an {"error": ...} reply included."""
        self.proc.stdin.write(json.dumps(obj) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.main} exited (rc={self.proc.poll()}); see {self.stderr.name}")
        return json.loads(line)

    def request(self, obj):
        """The reply to one request; an error reply raises."""
        reply = self.reply(obj)
        if "error" in reply:
            raise RuntimeError(f"{self.main} error on {obj.get('op')}: {reply['error']}")
        return reply

    def close(self):
        try:
            self.proc.stdin.close()
            self.proc.wait(timeout=10)
        except Exception:
            self.proc.kill()


_SERVER = None


def _server():
    global _SERVER
    if _SERVER is None or not _SERVER.alive():
        _SERVER = JavaServer()
    return _SERVER


def _run_streamtune(method, problem, seed, tr, n_initial, batch):
    algo, opts = parse_streamtune(method)
    srv = _server()
    try:
        srv.request({"op": "start", "space": problem.space, "algorithm": algo, "options": opts,
                     "seed": int(seed), "n_initial": int(n_initial)})
        while tr.remaining > 0:
            k = min(batch, tr.remaining)
            pts = srv.request({"op": "ask", "n": k})["points"]
            if len(pts) != k:
                raise RuntimeError(f"asked {k} points, got {len(pts)}")
            pts = [_coerce(problem.space, p) for p in pts]
            ys = [tr(p) for p in pts]
            srv.request({"op": "tell", "points": pts, "values": ys})
        return float(srv.request({"op": "cpu"})["cpu_s"])
    except (BrokenPipeError, RuntimeError):
        if not srv.alive():
            global _SERVER
            _SERVER = None
        raise


# ------------------------------------------------------------------ entry point

def available(method: str):
    """None if the method can run here, else the reason it cannot."""
    if method.startswith("streamtune"):
        try:
            java_command()
        except MethodUnavailable as e:
            return str(e)
    elif method not in PEER_METHODS:
        return f"unknown method {method!r}"
    return None


def run(method, problem, seed, n_evals=60, n_initial=10, batch=1) -> dict:
    if isinstance(problem, str):
        problem = suite_mod.BY_NAME[problem]
    problem.reseed(seed)
    tr = Tracker(problem, n_evals)
    err = None
    cpu0, wall0 = time.process_time(), time.perf_counter()
    java_cpu = None
    try:
        if method == "optuna-gp":
            _run_optuna("gp", problem, seed, tr, n_initial, batch)
        elif method == "optuna-tpe":
            _run_optuna("tpe", problem, seed, tr, n_initial, batch)
        elif method.startswith("skopt-"):
            _run_skopt(method[len("skopt-"):], problem, seed, tr, n_initial, batch)
        elif method == "random":
            _run_random(problem, seed, tr)
        elif method.startswith("streamtune"):
            java_cpu = _run_streamtune(method, problem, seed, tr, n_initial, batch)
        else:
            raise ValueError(f"unknown method {method!r}")
    except MethodUnavailable:
        raise
    except Exception:
        err = traceback.format_exc(limit=8)
    cpu = time.process_time() - cpu0 - tr.eval_cpu
    if java_cpu is not None:
        cpu = java_cpu  # the optimizer's work happens in the JVM
    return {"trace": tr.trace, "observed": tr.observed, "cpu_s": cpu, "eval_cpu_s": tr.eval_cpu,
            "wall_s": time.perf_counter() - wall0, "error": err}


if __name__ == "__main__":
    # quick smoke test: python methods.py METHOD PROBLEM [SEED] [EVALS] [BATCH]
    m = sys.argv[1] if len(sys.argv) > 1 else "random"
    pn = sys.argv[2] if len(sys.argv) > 2 else "branin"
    s = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    ne = int(sys.argv[4]) if len(sys.argv) > 4 else 60
    b = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    r = run(m, pn, s, n_evals=ne, batch=b)
    p = suite_mod.BY_NAME[pn]
    print(json.dumps({"method": m, "problem": pn, "regret_end": r["trace"][-1] - p.fmin if r["trace"] else None,
                      "n": len(r["trace"]), "cpu_s": round(r["cpu_s"], 3), "wall_s": round(r["wall_s"], 3),
                      "error": r["error"]}))
