#!/usr/bin/env bash
# The full peer runs (resumable: finished runs are cached in results/peers-*.jsonl).
#   nohup nice -n 10 bench/optimizer/peers/run_peers.sh > bench/optimizer/peers/logs/peers.log 2>&1 &
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
RES="$HERE/../results"
JOBS="${JOBS:-1}"
"$HERE/setup.sh"
PY="$HERE/.venv/bin/python"
"$PY" "$HERE/run_suite.py" \
  --methods optuna-gp,optuna-tpe,skopt-gp-ei,skopt-gp-hedge,skopt-forest,skopt-gbrt,random \
  --problems all --seeds 10 --evals 60 --initial 10 --batch 1 --out "$RES/peers-seq.json" --jobs "$JOBS"
"$PY" "$HERE/run_suite.py" --methods optuna-gp \
  --problems all --seeds 10 --evals 60 --initial 10 --batch 4 --out "$RES/peers-batch4.json" --jobs "$JOBS"
