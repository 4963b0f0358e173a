#!/usr/bin/env python3
"""A scikit-learn-style MLPClassifier written in NumPy only, trained on an MNIST subsample, for the
`command` objective (bench/curves/mlp-numpy.yaml). It prints `epoch=N accuracy=V loss=W` after each
pass over the training images (V: validation accuracy, W: mean training log-loss of that pass).

It follows sklearn.neural_network.MLPClassifier where that matters for the shape of the curves:
Glorot-uniform initialisation (factor 2 for the logistic activation, 6 otherwise), an L2 penalty
alpha / (2 n) per batch, softmax cross-entropy, and the 'sgd' (momentum, Nesterov) and 'adam'
solvers with their defaults (beta1 0.9, beta2 0.999, epsilon 1e-8), a constant learning rate and
reshuffling every epoch. Unlike sklearn it does not stop when the loss stalls, so every curve runs
to the budget, and when the training loss stops being finite (a learning rate too large for the
solver) the model is meaningless and every later epoch is reported as accuracy=nan, as a trainer's
NaN check would report it.

Parameters (JSON in STREAMTUNE_PARAMS): hidden (units per layer), layers (1 or 2), activation
(relu|tanh|logistic), solver (sgd|adam), learning_rate, momentum (sgd only), alpha, batch_size.
Environment: STREAMTUNE_MAX_EPOCHS (budget), STREAMTUNE_SEED, STREAMTUNE_DATA_DIR (default ./data).
Options on the command line: --train N (default 4000), --validation N (default 2000).
"""
import argparse
import gzip
import json
import math
import os
import sys

import numpy as np


def read_idx(path, count, offset, item_bytes):
    """The first `count` items of an IDX file (header `offset` bytes), as uint8 rows."""
    with gzip.open(path, "rb") as f:
        data = f.read(offset + count * item_bytes)
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(count, item_bytes)


def load(data_dir, n_train, n_validation):
    mnist = os.path.join(data_dir, "mnist")
    x = read_idx(os.path.join(mnist, "train-images-idx3-ubyte.gz"), n_train, 16, 784)
    y = read_idx(os.path.join(mnist, "train-labels-idx1-ubyte.gz"), n_train, 8, 1).ravel()
    xv = read_idx(os.path.join(mnist, "t10k-images-idx3-ubyte.gz"), n_validation, 16, 784)
    yv = read_idx(os.path.join(mnist, "t10k-labels-idx1-ubyte.gz"), n_validation, 8, 1).ravel()
    return x.astype(np.float32) / 255, y.astype(np.int64), xv.astype(np.float32) / 255, yv


ACTIVATIONS = {
    "relu": (lambda z: np.maximum(z, 0), lambda a: (a > 0).astype(a.dtype)),
    "tanh": (np.tanh, lambda a: 1 - a * a),
    "logistic": (lambda z: 1 / (1 + np.exp(-np.clip(z, -500, 500))), lambda a: a * (1 - a)),
}


def main():
    cli = argparse.ArgumentParser()
    cli.add_argument("--train", type=int, default=4000)
    cli.add_argument("--validation", type=int, default=2000)
    opts = cli.parse_args()
    p = json.loads(os.environ["STREAMTUNE_PARAMS"])
    epochs = int(os.environ.get("STREAMTUNE_MAX_EPOCHS", "20"))
    seed = int(os.environ.get("STREAMTUNE_SEED", "0")) % (2**32)
    data_dir = os.environ.get("STREAMTUNE_DATA_DIR") or "data"
    x, y, xv, yv = load(data_dir, opts.train, opts.validation)
    n = len(x)
    rng = np.random.default_rng(seed)

    act, dact = ACTIVATIONS[p["activation"]]
    sizes = [784] + [int(p["hidden"])] * int(p["layers"]) + [10]
    factor = 2.0 if p["activation"] == "logistic" else 6.0
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        bound = math.sqrt(factor / (fan_in + fan_out))
        params.append(rng.uniform(-bound, bound, (fan_in, fan_out)).astype(np.float32))
        params.append(rng.uniform(-bound, bound, fan_out).astype(np.float32))
    lr = float(p["learning_rate"])
    alpha = float(p["alpha"])
    batch = min(int(p["batch_size"]), n)
    adam = p["solver"] == "adam"
    momentum = float(p.get("momentum", 0.9))
    m1 = [np.zeros_like(w) for w in params]
    m2 = [np.zeros_like(w) for w in params]
    t = 0
    diverged = False

    def forward(inputs):
        acts = [inputs]
        for i in range(0, len(params) - 2, 2):
            acts.append(act(acts[-1] @ params[i] + params[i + 1]))
        logits = acts[-1] @ params[-2] + params[-1]
        logits -= logits.max(axis=1, keepdims=True)
        prob = np.exp(logits)
        prob /= prob.sum(axis=1, keepdims=True)
        return acts, prob

    with np.errstate(all="ignore"):
        for epoch in range(1, epochs + 1):
            if diverged:
                print(f"epoch={epoch} accuracy=nan loss=nan", flush=True)
                continue
            order = rng.permutation(n)
            total = 0.0
            for start in range(0, n, batch):
                idx = order[start : start + batch]
                acts, prob = forward(x[idx])
                b = len(idx)
                total += -np.log(np.maximum(prob[np.arange(b), y[idx]], 1e-10)).sum()
                delta = prob
                delta[np.arange(b), y[idx]] -= 1
                delta /= b
                grads = [None] * len(params)
                for layer in range(len(params) // 2 - 1, -1, -1):
                    w = params[2 * layer]
                    grads[2 * layer] = acts[layer].T @ delta + alpha / b * w
                    grads[2 * layer + 1] = delta.sum(axis=0)
                    if layer > 0:
                        delta = (delta @ w.T) * dact(acts[layer])
                t += 1
                for i, g in enumerate(grads):
                    if adam:
                        m1[i] = 0.9 * m1[i] + 0.1 * g
                        m2[i] = 0.999 * m2[i] + 0.001 * g * g
                        step = lr * math.sqrt(1 - 0.999**t) / (1 - 0.9**t)
                        params[i] -= step * m1[i] / (np.sqrt(m2[i]) + 1e-8)
                    else:  # sklearn's default: Nesterov momentum
                        m1[i] = momentum * m1[i] - lr * g
                        params[i] += momentum * m1[i] - lr * g
            loss = total / n
            if not math.isfinite(loss) or not all(np.isfinite(w).all() for w in params):
                diverged = True
                print(f"epoch={epoch} accuracy=nan loss=nan", flush=True)
                continue
            _, prob = forward(xv)
            accuracy = float((prob.argmax(axis=1) == yv).mean())
            print(f"epoch={epoch} accuracy={accuracy:.4f} loss={loss:.6f}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
