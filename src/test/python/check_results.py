#!/usr/bin/env python3
"""Checks a StreamTune results file the way a scikit-optimize user reads it.

    python3 check_results.py RESULTS.json

skopt's OptimizeResult promises: fun == min(func_vals) and x == x_iters[argmin(func_vals)], each
point lists one value per dimension of `space`, in order. StreamTune adds the metric's name and
direction (func_vals are minimised: a maximised metric is negated) and every trial with its curve.
Exits 1 naming the first broken promise. Standard library only.
"""
import json
import math
import sys


def fail(message):
    print("results check failed: " + message, file=sys.stderr)
    sys.exit(1)


def within(dim, value):
    kind = dim["type"]
    if kind == "categorical":
        return value in dim["categories"]
    if kind == "integer" and not (isinstance(value, int) and not isinstance(value, bool)):
        return False
    return isinstance(value, (int, float)) and dim["low"] <= value <= dim["high"]


def main(path):
    with open(path, encoding="utf-8") as f:
        res = json.load(f)
    for key in ("x", "fun", "x_iters", "func_vals", "space", "specs", "metric", "trials"):
        if key not in res:
            fail("no '%s' field" % key)
    xs, ys, space = res["x_iters"], res["func_vals"], res["space"]
    if len(xs) != len(ys):
        fail("%d x_iters but %d func_vals" % (len(xs), len(ys)))
    names = [d["name"] for d in space]
    if len(set(names)) != len(names) or not names:
        fail("space names %r" % names)
    for i, x in enumerate(xs):
        if len(x) != len(space):
            fail("x_iters[%d] has %d values for %d dimensions" % (i, len(x), len(space)))
        for d, v in zip(space, x):
            if not within(d, v):
                fail("x_iters[%d]: %s = %r is outside %r" % (i, d["name"], v, d))
    if not ys:
        if res["fun"] is not None or res["x"] is not None:
            fail("no func_vals, yet fun/x are set")
        print("ok: no trial with a final value")
        return
    best = min(range(len(ys)), key=lambda i: ys[i])
    if res["fun"] != min(ys):
        fail("fun %r != min(func_vals) %r" % (res["fun"], min(ys)))
    if res["x"] != xs[best]:
        fail("x %r != x_iters[argmin] %r" % (res["x"], xs[best]))
    metric = res["metric"]
    sign = -1 if metric["direction"] == "maximize" else 1
    if metric.get("func_vals_sign") != sign:
        fail("metric.func_vals_sign %r for direction %s" % (metric.get("func_vals_sign"), metric["direction"]))
    if res["best"] is None or not math.isclose(res["best"]["value"], sign * res["fun"]):
        fail("best.value %r is not fun %r in the metric's sign" % (res["best"], res["fun"]))
    if [res["best"]["params"][n] for n in names] != res["x"]:
        fail("best.params %r do not match x %r" % (res["best"]["params"], res["x"]))
    final = [t for t in res["trials"] if t["value"] is not None and not t["partial"]]
    if len(final) != len(ys):
        fail("%d trials with a final value but %d func_vals" % (len(final), len(ys)))
    for t, y in zip(final, ys):
        if not math.isclose(sign * t["value"], y):
            fail("trial %s value %r is not func_vals entry %r" % (t["trial_id"], t["value"], y))
        if [t["params"][n] for n in names] not in xs:
            fail("trial %s params are not in x_iters" % t["trial_id"])
    for t in res["trials"]:
        epochs = [p["epoch"] for p in t["curve"]]
        if epochs != sorted(set(epochs)):
            fail("trial %s curve epochs %r" % (t["trial_id"], epochs))
        if t["status"] == "PRUNED" and "stop" not in t:
            fail("pruned trial %s says nothing of its stop" % t["trial_id"])
    baseline = res.get("baseline")
    if baseline is not None:
        values = [v["value"] for v in baseline["values"]]
        if not all(isinstance(v, (int, float)) and math.isfinite(v) for v in values):
            fail("baseline values %r are not all finite numbers" % values)
        numbers = [v["number"] for v in baseline["values"]]
        if numbers != sorted(set(numbers)):
            fail("baseline trial numbers %r are not in trial order" % numbers)
        expected = (max if metric["direction"] == "maximize" else min)(values) if values else None
        if baseline["best"] != expected:
            fail("baseline best %r is not the best of its values %r" % (baseline["best"], expected))
        if baseline["study"] == res["study"]:
            fail("a study is its own baseline")
    print("ok: %d points, fun = %r at x = %r (%s %s)" % (len(ys), res["fun"], res["x"], metric["direction"], metric["name"]))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: check_results.py RESULTS.json")
    main(sys.argv[1])
