#!/usr/bin/env bash
# Creates bench/optimizer/peers/.venv (if missing) and installs the pinned peers from requirements.txt.
# Idempotent: when every pin is already installed it only prints the versions.
#
# Choices (see requirements.txt for the pins):
#  * torch: the CPU build (torch==X+cpu) from https://download.pytorch.org/whl/cpu when that host
#    answers, else from the machine's configured indexes / find-links (a local +cpu wheel).
#  * scikit-optimize: 0.9.0 cannot be used: it calls np.int, removed in numpy 1.24, and every
#    optuna/scipy/torch combination here brings numpy 2.x. So the newest 0.10.x (0.10.2) is used.
#    When no reachable index has it, a pure-Python wheel placed in vendor/ is installed (not kept in
#    git: build it with `pip wheel` from the 0.10.2 tag of github.com/holgern/scikit-optimize, the
#    maintained line).
#  * numpy 2.3.x: skopt 0.10.2's GBRT uses np.in1d, removed in numpy 2.4.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="$HERE/.venv"
PY="${PYTHON:-python3}"
REQ="$HERE/requirements.txt"

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup.sh: creating $VENV with $($PY --version 2>&1)"
  "$PY" -m venv "$VENV"
fi
VPY="$VENV/bin/python"

# Already complete?
if "$VPY" - "$REQ" <<'PYEOF'
import sys, re
from importlib import metadata
ok = True
for line in open(sys.argv[1]):
    line = line.split("#", 1)[0].strip()
    if not line:
        continue
    name, ver = re.split(r"==", line)
    try:
        have = metadata.version(name)
    except metadata.PackageNotFoundError:
        ok = False; continue
    if have != ver:
        ok = False
sys.exit(0 if ok else 1)
PYEOF
then
  echo "setup.sh: all pins already installed in $VENV"
else
  probe() { "$VPY" -c "import sys,urllib.request; urllib.request.urlopen(sys.argv[1], timeout=8)" "$1" >/dev/null 2>&1; }
  ARGS=(--find-links "$HERE/vendor")
  if probe https://download.pytorch.org/whl/cpu/torch/; then
    ARGS+=(--extra-index-url https://download.pytorch.org/whl/cpu)
  else
    echo "setup.sh: download.pytorch.org not reachable; torch+cpu must come from the configured indexes/find-links"
  fi
  if ! probe https://pypi.org/simple/pip/; then
    echo "setup.sh: pypi.org not reachable; using the configured local indexes only"
    export PIP_RETRIES=0 PIP_TIMEOUT=10
    if [ -d /opt/pypi/simple ]; then export PIP_INDEX_URL=file:///opt/pypi/simple; fi
  fi
  if ! "$VPY" -m pip install "${ARGS[@]}" -r "$REQ"; then
    echo "setup.sh: torch==+cpu pin failed; retrying with any torch the indexes have" >&2
    grep -v '^torch==' "$REQ" > "$HERE/.req-notorch.txt"
    "$VPY" -m pip install "${ARGS[@]}" -r "$HERE/.req-notorch.txt" torch
    rm -f "$HERE/.req-notorch.txt"
  fi
fi
echo "setup.sh: installed in $VENV:"
"$VPY" - <<'PYEOF'
from importlib import metadata
for n in ["optuna", "torch", "greenlet", "numpy", "scipy", "scikit-optimize", "scikit-learn"]:
    try:
        print(f"  {n}=={metadata.version(n)}")
    except metadata.PackageNotFoundError:
        print(f"  {n}: MISSING")
PYEOF
"$VPY" -c "import optuna, torch, skopt, sklearn, scipy, numpy" && echo "setup.sh: imports OK"
