"""The trainer's three DL4J objectives as benchmark problems, at a small budget.

Each evaluation trains a real network in the Java `ObjectiveServer` (the trainer's own objective
code, the same as a study runs) with a fixed training seed, so a problem is a deterministic
function of its parameters; the spaces are the examples' (examples/mlp-mnist.yaml,
lstm-stock.yaml, cnn-peptides.yaml), the data and epochs are cut so that one evaluation takes
about a second on one core:

  dl4j-mlp-mnist     7-D mixed (2 reals, one log; 4 ints; 1 categorical): 1 - validation accuracy,
                     1,000 training / 1,000 validation images, 1 epoch
  dl4j-lstm-stock    8-D mixed (2 reals, 1 log real; 5 ints): validation RMSE on the min-max scaled
                     series, the last 500 trading days, epochs = 0.025 x lstm_max_epoch (at most 5)
  dl4j-cnn-peptides  6-D mixed (3 reals, 2 log; 3 ints): 1 - validation ROC AUC, 1,000 training
                     sequences, 2 epochs

No minimum is known, so the report measures regret from the best value that any run of any method
found (`fmin` is None here). A training that fails or ends in NaN scores `fail_value` (1.0, the
worst error or AUC loss; far above any RMSE seen), as skopt's tutorial scores a failed model, and is
counted.

Evaluations are cached on disk (results/dl4j-evaluations.jsonl, one line per distinct parameter
set), so repeated points and re-runs cost nothing; the cache holds the parameters, the value and the
training time.
"""
from __future__ import annotations

import json
import math
import os
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(os.path.dirname(BENCH))
CACHE = os.path.join(BENCH, "results", "dl4j-evaluations.jsonl")
SEED = 42


def _real(name, low, high, log=False):
    return {"name": name, "type": "real", "low": float(low), "high": float(high), "log": log}


def _int(name, low, high, log=False):
    return {"name": name, "type": "int", "low": int(low), "high": int(high), "log": log}


def _cat(name, cats):
    return {"name": name, "type": "cat", "categories": list(cats)}


_SERVER = None


def _objective_server():
    """This process's Java ObjectiveServer (methods.JavaServer), started on first use."""
    global _SERVER
    if _SERVER is None or not _SERVER.alive():
        import methods  # the classpath is found as for the AskTellServer
        env = dict(os.environ)
        env.setdefault("STREAMTUNE_DATA_DIR", os.path.join(ROOT, "data"))
        # one core per evaluation, as the run's other worker has the other
        env.setdefault("OMP_NUM_THREADS", "1")
        _SERVER = methods.JavaServer("ObjectiveServer", env)
    return _SERVER


class Evaluations:
    """The on-disk cache of evaluations, shared by the run's worker processes (appends only)."""

    def __init__(self, path=CACHE):
        self.path = path
        self.known = {}
        self._offset = 0  # the file is read once: later reads start where the last one ended
        self._read()

    @staticmethod
    def key(objective, options, epochs, params):
        return json.dumps([objective, options, epochs, SEED, params], sort_keys=True)

    def _read(self):
        """Reads the lines appended since the last read (by this worker or another)."""
        if not os.path.exists(self.path):
            return
        with open(self.path, "rb") as fh:
            fh.seek(self._offset)
            for line in fh:
                if not line.endswith(b"\n"):
                    break  # another worker is writing it: read it next time
                self._offset += len(line)
                try:
                    r = json.loads(line)
                except ValueError:
                    continue  # a line cut by an interruption
                self.known[r["key"]] = r

    def lookup(self, key):
        if key not in self.known:
            self._read()  # another worker may have evaluated it since
        return self.known.get(key)

    def add(self, rec):
        self.known[rec["key"]] = rec
        os.makedirs(os.path.dirname(self.path), exist_ok=True)
        # one short line per write with O_APPEND: lines of two workers do not interleave
        with open(self.path, "a") as fh:
            fh.write(json.dumps(rec) + "\n")


_EVALS = None


def _plain(v):
    """numpy scalars (skopt's points) -> plain Python, for JSON."""
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    return v


class Dl4jObjective:
    """true_f of a DL4J problem: trains through the ObjectiveServer, or reads the cache."""

    def __init__(self, objective, options, epochs, transform, fail_value=1.0):
        self.objective, self.options, self.epochs = objective, options, epochs
        self.transform, self.fail_value = transform, fail_value

    def __call__(self, params):
        global _EVALS
        if _EVALS is None:
            _EVALS = Evaluations()
        params = {k: _plain(v) for k, v in params.items()}
        key = Evaluations.key(self.objective, self.options, self.epochs, params)
        rec = _EVALS.lookup(key)
        if rec is None:
            reply = _objective_server().reply({
                "objective": self.objective, "options": self.options, "epochs": self.epochs,
                "seed": SEED, "params": params})
            metric = reply.get("value")
            rec = {"key": key, "objective": self.objective, "params": params, "metric": metric,
                   "seconds": reply.get("seconds"), "error": reply.get("error")}
            _EVALS.add(rec)
        m = rec.get("metric")
        if rec.get("error") or m is None or not math.isfinite(m):
            return self.fail_value
        return float(self.transform(m))


def problems():
    from suite import Problem
    mnist_space = [
        _real("learning_rate", 1e-4, 1e-2, log=True),
        _int("num_dense_layers", 1, 5),
        _int("num_input_nodes", 1, 512),
        _int("num_dense_nodes", 1, 28),
        _cat("activation", ["relu", "sigmoid"]),
        _int("batch_size", 1, 128),
        _real("adam_decay", 1e-6, 1e-2),
    ]
    lstm_space = [
        _int("lstm_num_steps", 2, 14),
        _int("size", 8, 200),
        _int("lstm_init_epoch", 2, 50),
        _int("lstm_max_epoch", 20, 200),
        _real("lstm_learning_rate_decay", 0.7, 0.99),
        _int("lstm_batch_size", 5, 100),
        _real("lstm_dropout_rate", 0.1, 0.9),
        _real("lstm_init_learning_rate", 1e-4, 1e-1, log=True),
    ]
    cnn_space = [
        _real("reg", 1e-5, 1e-1, log=True),
        _real("dropout", 0.0, 0.5),
        _real("learning_rate", 1e-4, 1e-2, log=True),
        _int("batch_size", 16, 128),
        _int("filters", 8, 64),
        _int("dense_units", 32, 256),
    ]
    error = lambda m: 1.0 - m
    same = lambda m: m
    made = [
        ("dl4j-mlp-mnist", mnist_space,
         Dl4jObjective("mlp-mnist", {"train_size": "1000", "validation_size": "1000", "test_size": "1"},
                       1, error),
         "DL4J MLP on MNIST (trainer objective mlp-mnist): 1 - validation accuracy"),
        ("dl4j-lstm-stock", lstm_space,
         Dl4jObjective("lstm-stock", {"rows": "500", "epoch_scale": "0.025"}, 5, same),
         "DL4J LSTM on S&P 500 (trainer objective lstm-stock): validation RMSE, scaled"),
        ("dl4j-cnn-peptides", cnn_space,
         Dl4jObjective("cnn-peptides", {"epochs": "2", "train_size": "1000"}, 2, error),
         "DL4J CNN on peptides (trainer objective cnn-peptides): 1 - validation ROC AUC"),
    ]
    out = []
    for name, space, f, source in made:
        p = Problem(name, space, f, None, {}, 0.0, source, "the example's space; no known minimum")
        out.append(p)
    return out
