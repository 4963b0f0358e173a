#!/usr/bin/env python3
"""Markdown tables from optimizer-peer results files (run_suite.py --out, or its .jsonl cache).

  .venv/bin/python report.py ../results/peers-seq.json ../results/streamtune-seq.json \
      --ours streamtune --md ../results/peers-seq.md
  .venv/bin/python report.py --batch-compare ../results/peers-seq.json ../results/peers-batch4.json \
      --md ../results/peers-batch.md

Regret = true_f(point with the best observed f so far) - fmin (trace - fmin). Several files are
merged; a (method, problem, seed, evals, initial, batch) run in a later file replaces an earlier one.
Runs that raised are left out of the statistics and counted in the 'err' column.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys
from collections import defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

LOG_FLOOR = 1e-12
RATIO_FLOOR = 1e-8
TIE_REL = 0.05
TIE_ABS = 1e-8


def load(paths):
    """-> (runs dict[(method, problem)] -> {seed: run}, fmin dict, problem meta dict, errors)"""
    runs = {}
    meta = {}
    for path in paths:
        if path.endswith(".jsonl"):
            recs = []
            with open(path) as fh:
                for line in fh:
                    line = line.strip()
                    if line:
                        try:
                            recs.append(json.loads(line))
                        except ValueError:
                            pass
        else:
            with open(path) as fh:
                doc = json.load(fh)
            recs = doc["runs"]
            meta.update(doc.get("problems", {}))
        for r in recs:
            runs[(r["method"], r["problem"], r["seed"], r["evals"], r["initial"], r["batch"])] = r
    # problems not described by a file: take them from the suite
    missing = {k[1] for k in runs} - set(meta)
    if missing:
        import suite
        for n in missing:
            p = suite.BY_NAME[n]
            meta[n] = {"fmin": p.fmin, "dim": p.dim, "types": p.types(), "noise_sd": p.noise_sd}
    by = defaultdict(dict)
    errors = defaultdict(int)
    for (m, p, s, *_), r in runs.items():
        if r.get("error"):
            errors[(m, p)] += 1
            continue
        by[(m, p)][s] = r
    # no known minimum (the DL4J objectives): regret from the best value any loaded run found
    for p, info in meta.items():
        if info.get("fmin") is None:
            found = [min(r["trace"]) for (m, q), rs in by.items() if q == p for r in rs.values() if r["trace"]]
            info["fmin"] = min(found) if found else float("nan")
            info["fmin_is_best_found"] = True
    return by, meta, errors


def regrets(runs_by_seed, fmin, at):
    out = []
    for s in sorted(runs_by_seed):
        tr = runs_by_seed[s]["trace"]
        if len(tr) >= at:
            out.append(max(tr[at - 1] - fmin, 0.0))
    return np.array(out)


def fmt(v):
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "–"
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e4 or a < 1e-3:
        return f"{v:.2e}"
    return f"{v:.3g}"


def order_methods(methods, ours=None):
    pref = ["streamtune", "optuna-gp", "optuna-tpe", "skopt-gp-ei", "skopt-gp-hedge", "skopt-forest",
            "skopt-gbrt", "random"]
    key = lambda m: (0 if m == ours else 1, pref.index(m) if m in pref else len(pref), m)
    return sorted(methods, key=key)


def problem_order(meta, present):
    import suite
    names = [p.name for p in suite.SUITE + suite.DL4J if p.name in present]
    return names + sorted(present - set(names))


def per_problem_table(by, meta, errors, ours, evals_points):
    methods = order_methods({m for m, _ in by} | {m for m, _ in errors}, ours)
    probs = problem_order(meta, {p for _, p in by} | {p for _, p in errors})
    head = (["Problem", "Method"] + [f"median regret @{k}" for k in evals_points]
            + [f"mean log10 regret @{evals_points[-1]}", "CPU s/run (median)", "runs", "err"])
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    summary = defaultdict(lambda: {"log": [], "cpu": [], "best": 0})
    last = evals_points[-1]
    for p in probs:
        fmin = meta[p]["fmin"]
        med_last = {}
        for m in methods:
            rs = by.get((m, p), {})
            if not rs and not errors.get((m, p)):
                continue
            row = [p, m]
            for k in evals_points:
                r = regrets(rs, fmin, k)
                row.append(fmt(float(np.median(r))) if len(r) else "–")
            r = regrets(rs, fmin, last)
            ml = float(np.mean(np.log10(np.maximum(r, LOG_FLOOR)))) if len(r) else float("nan")
            cpu = float(np.median([x["cpu_s"] for x in rs.values()])) if rs else float("nan")
            row += [f"{ml:.2f}" if not math.isnan(ml) else "–", fmt(cpu), str(len(rs)), str(errors.get((m, p), 0))]
            lines.append("| " + " | ".join(row) + " |")
            if len(r):
                med_last[m] = float(np.median(r))
                summary[m]["log"].append(ml)
                summary[m]["cpu"].append(cpu)
        if med_last:
            b = min(med_last.values())
            for m, v in med_last.items():
                if v <= b * (1 + TIE_REL) or (v < TIE_ABS and b < TIE_ABS):
                    summary[m]["best"] += 1
    # summary over problems
    sl = ["| Method | problems | mean of mean-log10 regret @%d | best (or within 5%%) on | median CPU s/run |" % last,
          "|---|---|---|---|---|"]
    for m in methods:
        s = summary.get(m)
        if not s or not s["log"]:
            continue
        sl.append(f"| {m} | {len(s['log'])} | {np.mean(s['log']):.2f} | {s['best']} | {fmt(float(np.median(s['cpu'])))} |")
    return lines, sl


def head_to_head(by, meta, ours, last):
    from scipy.stats import mannwhitneyu
    methods = order_methods({m for m, _ in by}, ours)
    if ours not in methods:
        return [f"_--ours {ours}: no runs in the files_"], []
    probs = problem_order(meta, {p for _, p in by})
    lines = [f"Ours = `{ours}`; medians of regret @{last} over seeds compared per problem; tie = within "
             f"{int(TIE_REL * 100)} % relative or both < {TIE_ABS:g}; sig = two-sided Mann–Whitney U, p < 0.05; "
             f"ratio = geometric mean over problems of median(ours)/median(peer), regrets floored at {RATIO_FLOOR:g}.",
             "",
             "| Peer | problems | win / tie / loss | sig. wins / sig. losses | geo-mean ratio ours/peer | ours ≤ peer |",
             "|---|---|---|---|---|---|"]
    worse_than_random = []
    for peer in methods:
        if peer == ours:
            continue
        w = t = l = sw = sl = 0
        logs = []
        le = 0
        n = 0
        for p in probs:
            a = regrets(by.get((ours, p), {}), meta[p]["fmin"], last)
            b = regrets(by.get((peer, p), {}), meta[p]["fmin"], last)
            if not len(a) or not len(b):
                continue
            n += 1
            ma, mb = float(np.median(a)), float(np.median(b))
            if (ma < TIE_ABS and mb < TIE_ABS) or abs(ma - mb) <= TIE_REL * max(abs(ma), abs(mb)):
                t += 1
            elif ma < mb:
                w += 1
            else:
                l += 1
            if ma <= mb:
                le += 1
            logs.append(math.log(max(ma, RATIO_FLOOR) / max(mb, RATIO_FLOOR)))
            try:
                pv = mannwhitneyu(a, b, alternative="two-sided").pvalue
            except ValueError:
                pv = 1.0
            if not math.isnan(pv) and pv < 0.05:
                if ma < mb:
                    sw += 1
                elif ma > mb:
                    sl += 1
            if peer == "random" and ma > mb and not (abs(ma - mb) <= TIE_REL * max(ma, mb)):
                worse_than_random.append(f"{p} (ours {fmt(ma)} vs random {fmt(mb)}"
                                         f"{', significant' if pv < 0.05 else ''})")
        if n == 0:
            continue
        gm = math.exp(np.mean(logs))
        lines.append(f"| {peer} | {n} | {w} / {t} / {l} | {sw} / {sl} | {gm:.3g} | {le}/{n} ({100 * le / n:.0f} %) |")
    extra = []
    if "random" in methods:
        extra.append(f"Problems where `{ours}` is worse than random (median regret @{last}): "
                     + ("; ".join(worse_than_random) if worse_than_random else "none") + ".")
    return lines, extra


def batch_compare(seq_path, batch_path, last):
    sby, smeta, _ = load([seq_path])
    bby, bmeta, _ = load([batch_path])
    meta = {**smeta, **bmeta}
    methods = order_methods({m for m, _ in bby} & {m for m, _ in sby})
    probs = problem_order(meta, {p for _, p in bby})
    bsize = sorted({r["batch"] for rs in bby.values() for r in rs.values()})
    head = ["Problem"] + [c for m in methods for c in (f"{m} seq @{last}", "batch", "ratio")]
    lines = [f"Median regret @{last} with batches of {bsize} / sequential median regret (regrets floored at "
             f"{RATIO_FLOOR:g}); > 1 means batching costs quality.", "",
             "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    logs = defaultdict(list)
    for p in probs:
        row = [p]
        for m in methods:
            a = regrets(sby.get((m, p), {}), meta[p]["fmin"], last)
            b = regrets(bby.get((m, p), {}), meta[p]["fmin"], last)
            if not len(a) or not len(b):
                row += ["–", "–", "–"]
                continue
            ma, mb = float(np.median(a)), float(np.median(b))
            ratio = max(mb, RATIO_FLOOR) / max(ma, RATIO_FLOOR)
            logs[m].append(math.log(ratio))
            row.append(f"{fmt(ma)} | {fmt(mb)} | {ratio:.3g}")
        lines.append("| " + " | ".join(row) + " |")
    lines.append("")
    for m in methods:
        if logs[m]:
            lines.append(f"- `{m}`: geometric mean of batch/sequential ratios over {len(logs[m])} problems: "
                         f"{math.exp(np.mean(logs[m])):.3g}; batch worse (> 1.05) on "
                         f"{sum(1 for v in logs[m] if v > math.log(1.05))}.")
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="results .json (or .jsonl cache) files; later ones win")
    ap.add_argument("--ours", default=None, help="method to compare against every other (e.g. streamtune)")
    ap.add_argument("--at", default="20,40,60", help="evaluation counts for the regret columns")
    ap.add_argument("--batch-compare", nargs=2, metavar=("SEQFILE", "BATCHFILE"))
    ap.add_argument("--md", default=None, help="also write the tables to this markdown file")
    a = ap.parse_args(argv)
    at = [int(x) for x in a.at.split(",")]
    out = []
    if a.batch_compare:
        out += ["## Batch vs sequential", ""] + batch_compare(*a.batch_compare, at[-1]) + [""]
    if a.files:
        by, meta, errors = load(a.files)
        table, summary = per_problem_table(by, meta, errors, a.ours, at)
        out += ["## Summary over problems", ""] + summary + [""]
        if a.ours:
            h2h, extra = head_to_head(by, meta, a.ours, at[-1])
            out += [f"## `{a.ours}` against each method", ""] + h2h + [""] + extra + [""]
        out += ["## Per problem", ""] + table + [""]
        nerr = sum(errors.values())
        if nerr:
            out += [f"{nerr} runs raised and are left out: "
                    + ", ".join(f"{m}/{p}: {n}" for (m, p), n in sorted(errors.items())), ""]
    if not out:
        ap.error("give results files and/or --batch-compare")
    text = "\n".join(out)
    print(text)
    if a.md:
        os.makedirs(os.path.dirname(os.path.abspath(a.md)), exist_ok=True)
        with open(a.md, "w") as fh:
            fh.write(text + "\n")


if __name__ == "__main__":
    main()
