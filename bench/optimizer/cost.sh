#!/usr/bin/env bash
# The cost table: the library's cold fit, warm refit and incremental tell+ask (OptimizerBench --cost)
# and scikit-optimize's (peers/cost_skopt.py), one after the other in one run, on Hartmann6 at
# n = 50, 100, 200, 400. Writes results/cost.json and results/cost-skopt.json.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/peers/setup.sh" >/dev/null
uptime
"$here/run.sh" --cost --out "$here/results/cost.json"
"$here/peers/.venv/bin/python" "$here/peers/cost_skopt.py" --out "$here/results/cost-skopt.json"
uptime
