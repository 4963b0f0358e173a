#!/usr/bin/env python3
"""A stand-in training script for the `command` objective (examples/command.yaml).

It shows the three ways a program receives its parameters (arguments, JSON on stdin, environment)
and the output it prints: one `epoch=N loss=V` line per epoch, then a `final loss=V` line.
"""
import argparse
import json
import math
import os
import sys
import time

parser = argparse.ArgumentParser()
parser.add_argument("--x", type=float, required=True)  # from args: "--x={x}"
args = parser.parse_args()

params = json.loads(sys.stdin.readline() or "{}")      # the same parameters, as JSON
y = float(os.environ["STREAMTUNE_PARAM_Y"])            # ... and in the environment
epochs = int(os.environ.get("STREAMTUNE_MAX_EPOCHS", "10"))
assert params["y"] == y

target = (args.x - 1.0) ** 2 + (y + 2.0) ** 2          # minimum 0 at x = 1, y = -2
for epoch in range(1, epochs + 1):
    time.sleep(0.05)                                    # pretend to train
    loss = target + 5.0 * math.exp(-epoch / 3.0)
    print(f"epoch={epoch} loss={loss:.6f}", flush=True)  # flush: the trainer reads lines as they come
print(f"final loss={loss:.6f} true_value={target:.6f}", flush=True)
