#!/usr/bin/env python3
"""Runs every (method, problem, seed) of the optimizer-peer benchmark.

  .venv/bin/python run_suite.py --methods optuna-gp,random --problems all --seeds 10 --evals 60 \
      --initial 10 --batch 1 --out ../results/peers-seq.json --jobs 2

Each finished run is appended as one JSON line to the cache <out minus .json>.jsonl, so an
interrupted run resumes where it stopped and runs of other methods (other days, other machines)
merge: the --out JSON holds every cached run of the same (evals, initial, batch) for the selected
problems, whatever method produced it. Runs that raised are cached with their error and are not
retried unless --retry-errors. Methods that cannot run here (the Java server not built) are skipped.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import platform
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)


def _limit_threads(n):
    for v in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ[v] = str(n)


def cache_path(out):
    base = out[:-5] if out.endswith(".json") else out
    return base + ".jsonl"


def run_key(method, problem, seed, evals, initial, batch):
    return f"{method}|{problem}|{seed}|{evals}|{initial}|{batch}"


def load_cache(path):
    recs = {}
    if os.path.exists(path):
        with open(path) as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                try:
                    r = json.loads(line)
                except ValueError:
                    continue  # a line cut by an interruption
                recs[run_key(r["method"], r["problem"], r["seed"], r["evals"], r["initial"], r["batch"])] = r
    return recs


def _worker_init(threads):
    _limit_threads(threads)
    try:
        import torch
        torch.set_num_threads(threads)
    except Exception:
        pass


def _do(task):
    import methods
    method, problem, seed, evals, initial, batch = task
    t0 = time.time()
    r = methods.run(method, problem, seed, n_evals=evals, n_initial=initial, batch=batch)
    r["observed"] = [float(f"{v:.8g}") for v in r["observed"]]  # the trace keeps full precision
    r.update(method=method, problem=problem, seed=seed, evals=evals, initial=initial, batch=batch,
             finished=time.strftime("%Y-%m-%dT%H:%M:%S"), host=platform.node(), elapsed_s=time.time() - t0)
    return r


def versions():
    from importlib import metadata
    out = {"python": platform.python_version()}
    for n in ["optuna", "torch", "numpy", "scipy", "scikit-optimize", "scikit-learn"]:
        try:
            out[n] = metadata.version(n)
        except metadata.PackageNotFoundError:
            pass
    return out


def write_json(out, cache, problems, evals, initial, batch, seeds):
    import suite
    runs = [r for r in cache.values()
            if r["evals"] == evals and r["initial"] == initial and r["batch"] == batch
            and r["problem"] in problems and r["seed"] in seeds]
    runs.sort(key=lambda r: (r["method"], r["problem"], r["seed"]))
    doc = {
        "config": {"evals": evals, "initial": initial, "batch": batch, "seeds": seeds},
        "versions": versions(),
        "written": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "problems": {
            p.name: {"fmin": p.fmin, "dim": p.dim, "types": p.types(), "noise_sd": p.noise_sd,
                     "source": p.source, "box": p.box}
            for p in suite.SUITE + suite.DL4J if p.name in problems
        },
        "runs": runs,
    }
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    tmp = out + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(doc, fh)
    os.replace(tmp, out)
    return len(runs)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--methods", required=True, help="comma-separated, e.g. optuna-gp,skopt-gp-ei,random,streamtune; "
                    "semicolon-separated when a variant has several options")
    ap.add_argument("--problems", default="all", help="all (the 31 functions), dl4j, or names")
    ap.add_argument("--seeds", type=int, default=10, help="number of seeds (seed-start .. seed-start+N-1)")
    ap.add_argument("--seed-start", type=int, default=0)
    ap.add_argument("--evals", type=int, default=60)
    ap.add_argument("--initial", type=int, default=10)
    ap.add_argument("--batch", type=int, default=1)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1, help="BLAS/torch threads per worker")
    ap.add_argument("--retry-errors", action="store_true")
    ap.add_argument("--order", choices=["method", "seed"], default="method",
                    help="method: all runs of the first method first (default); seed: round-robin")
    ap.add_argument("--write-only", action="store_true", help="only rewrite --out from the cache")
    a = ap.parse_args(argv)
    _limit_threads(a.threads)
    os.environ.setdefault("STREAMTUNE_LOG_DIR", os.path.join(HERE, "logs"))
    os.makedirs(os.environ["STREAMTUNE_LOG_DIR"], exist_ok=True)

    import methods
    import suite
    probs = [p.name for p in suite.get(a.problems)]
    # ';' separates methods when a variant carries several options (streamtune:gp:a=1,b=2)
    sep = ";" if ";" in a.methods else ","
    meths = [m.strip() for m in a.methods.split(sep) if m.strip()]
    seeds = list(range(a.seed_start, a.seed_start + a.seeds))
    cpath = cache_path(a.out)
    os.makedirs(os.path.dirname(os.path.abspath(cpath)), exist_ok=True)
    cache = load_cache(cpath)

    runnable = []
    for m in meths:
        why = methods.available(m)
        if why:
            print(f"skipping method {m}: {why}", flush=True)
        else:
            runnable.append(m)
    tasks = []
    if a.order == "method":
        order = [(m, p, s) for m in runnable for p in probs for s in seeds]
    else:
        order = [(m, p, s) for s in seeds for p in probs for m in runnable]
    for m, p, s in order:
        r = cache.get(run_key(m, p, s, a.evals, a.initial, a.batch))
        if r is not None and (r.get("error") is None or not a.retry_errors):
            continue
        tasks.append((m, p, s, a.evals, a.initial, a.batch))
    total = len(order)
    print(f"{total} runs requested, {total - len(tasks)} cached in {cpath}, {len(tasks)} to do "
          f"({a.jobs} jobs)", flush=True)

    if tasks and not a.write_only:
        t_start = time.time()
        ctx = mp.get_context("spawn")
        done = 0
        with open(cpath, "a") as fh, ctx.Pool(a.jobs, initializer=_worker_init, initargs=(a.threads,)) as pool:
            for r in pool.imap_unordered(_do, tasks):
                fh.write(json.dumps(r) + "\n")
                fh.flush()
                os.fsync(fh.fileno())
                cache[run_key(r["method"], r["problem"], r["seed"], r["evals"], r["initial"], r["batch"])] = r
                done += 1
                fmin = suite.BY_NAME[r["problem"]].fmin
                # no known minimum (DL4J): the value itself; the report takes the best of all runs
                reg = (r["trace"][-1] - (fmin or 0.0)) if r["trace"] else float("nan")
                el = time.time() - t_start
                eta = el / done * (len(tasks) - done)
                status = "ERROR " + r["error"].strip().splitlines()[-1] if r["error"] else f"regret={reg:.3g}"
                print(f"[{done}/{len(tasks)}] {r['method']} {r['problem']} seed={r['seed']} {status} "
                      f"cpu={r['cpu_s']:.1f}s wall={r['wall_s']:.1f}s eta={eta / 60:.0f}min", flush=True)
    n = write_json(a.out, cache, set(probs), a.evals, a.initial, a.batch, seeds)
    print(f"wrote {a.out} ({n} runs)", flush=True)


if __name__ == "__main__":
    main()
