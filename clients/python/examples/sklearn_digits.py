"""Tune scikit-learn's MLPClassifier on the digits data set from Python trainers: one epoch is one
``partial_fit`` pass, the metric is the validation accuracy. Light enough for a laptop or CI.

    ./streamtune submit clients/python/examples/digits.yaml --bootstrap localhost:9092
    python3 clients/python/examples/sklearn_digits.py --bootstrap localhost:9092   # one or more
"""

import argparse
import logging
import sys
import warnings
from pathlib import Path

import numpy as np
from sklearn.datasets import load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import streamtune  # noqa: E402


def data(seed=0):
    x, y = load_digits(return_X_y=True)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.25, random_state=seed,
                                                      stratify=y)
    scaler = StandardScaler().fit(x_train)
    return scaler.transform(x_train), scaler.transform(x_val), y_train, y_val


def train(trial, x_train, x_val, y_train, y_val):
    p = trial.params
    model = MLPClassifier(hidden_layer_sizes=(int(p["hidden"]),), activation=p["activation"],
                          alpha=p["alpha"], learning_rate_init=p["learning_rate"],
                          batch_size=64, random_state=trial.number)
    classes = np.unique(y_train)
    for epoch in range(1, trial.max_epochs + 1):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ConvergenceWarning)
            model.partial_fit(x_train, y_train, classes=classes)
        accuracy = model.score(x_val, y_val)
        if not trial.report(epoch, accuracy):
            break
    trial.complete(extra_metrics={"train_accuracy": model.score(x_train, y_train)})


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bootstrap", help="Kafka bootstrap servers (env STREAMTUNE_BOOTSTRAP)")
    parser.add_argument("--client-config", help="Kafka client properties file")
    parser.add_argument("--worker-id", help="this trainer's name (default py-HOST-PID)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    split = data()
    with streamtune.Trainer(args.bootstrap, args.client_config, args.worker_id) as trainer:
        print("ready", trainer.worker_id, flush=True)
        for trial in trainer.trials():
            with trial:
                if trial.options.get("task") != "sklearn-digits":
                    raise ValueError("this trainer runs task sklearn-digits, not %r"
                                     % trial.options.get("task"))
                train(trial, *split)


if __name__ == "__main__":
    main()
