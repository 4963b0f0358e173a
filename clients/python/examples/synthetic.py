"""A Python trainer for StreamTune's synthetic objectives (branin, hartmann6), the same learning
curves the Java trainers draw: value(e) = f(x) + c*exp(-e/tau) + noise*exp(-e/tau)*N(0,1).
It can join the same trainer group as Java trainers; the conformance tests run it.

    python3 examples/synthetic.py --bootstrap localhost:9092 [--worker-id py-1]
"""

import argparse
import logging
import math
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import streamtune  # noqa: E402


def branin(p):
    x1, x2 = p["x1"], p["x2"]
    a, b, c, r, s, t = 1.0, 5.1 / (4 * math.pi ** 2), 5 / math.pi, 6.0, 10.0, 1 / (8 * math.pi)
    return a * (x2 - b * x1 ** 2 + c * x1 - r) ** 2 + s * (1 - t) * math.cos(x1) + s


def hartmann6(p):
    alpha = [1.0, 1.2, 3.0, 3.2]
    a = [[10, 3, 17, 3.5, 1.7, 8], [0.05, 10, 17, 0.1, 8, 14],
         [3, 3.5, 1.7, 10, 17, 8], [17, 8, 0.05, 10, 0.1, 14]]
    pm = [[1312, 1696, 5569, 124, 8283, 5886], [2329, 4135, 8307, 3736, 1004, 9991],
          [2348, 1451, 3522, 2883, 3047, 6650], [4047, 8828, 8732, 5743, 1091, 381]]
    x = [p["x%d" % (i + 1)] for i in range(6)]
    return -sum(alpha[i] * math.exp(-sum(a[i][j] * (x[j] - pm[i][j] * 1e-4) ** 2 for j in range(6)))
                for i in range(4))


FUNCTIONS = {"branin": branin, "hartmann6": hartmann6}


def train(trial):
    f = FUNCTIONS[trial.objective]
    option = lambda name, default: float(trial.options.get(name, default))  # noqa: E731
    c, tau, noise = option("c", 20), option("tau", 5), option("noise", 0.5)
    epoch_s = option("epoch_ms", 20) / 1000.0
    rng = random.Random(trial.trial_id)
    target = f(trial.params)
    value = None
    for epoch in range(1, trial.max_epochs + 1):
        time.sleep(epoch_s)
        decay = math.exp(-epoch / tau)
        value = target + c * decay + noise * decay * rng.gauss(0, 1)
        if not trial.report(epoch, value):
            break
    trial.complete(value, {"true_value": target})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", help="Kafka bootstrap servers (env STREAMTUNE_BOOTSTRAP)")
    parser.add_argument("--client-config", help="Kafka client properties file")
    parser.add_argument("--worker-id", help="this trainer's name (default py-HOST-PID)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    with streamtune.Trainer(args.bootstrap, args.client_config, args.worker_id) as trainer:
        print("ready", trainer.worker_id, flush=True)
        for trial in trainer.trials():
            with trial:
                if trial.objective not in FUNCTIONS:
                    raise ValueError("this trainer runs %s, not %s"
                                     % (sorted(FUNCTIONS), trial.objective))
                train(trial)


if __name__ == "__main__":
    main()
