"""The MNIST tutorial's Keras model, tuned by StreamTune from a Python trainer (needs TensorFlow or
Keras 3; not run in CI). Pair it with a spec whose objective is ``{name: external, options: {task:
keras-mnist}}``, metric ``val_accuracy`` (maximize), and the space learning_rate (log-uniform),
num_dense_layers, num_dense_nodes (integers) and activation (relu, sigmoid).

    python3 clients/python/examples/keras_mnist.py --bootstrap localhost:9092
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import streamtune  # noqa: E402
from streamtune.keras import StreamTuneCallback, keras  # noqa: E402


def build(p):
    model = keras.Sequential([keras.Input(shape=(28, 28)), keras.layers.Flatten()])
    for _ in range(int(p["num_dense_layers"])):
        model.add(keras.layers.Dense(int(p["num_dense_nodes"]), activation=p["activation"]))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(optimizer=keras.optimizers.Adam(learning_rate=p["learning_rate"]),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    return model


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bootstrap")
    args = parser.parse_args()
    (x, y), _ = keras.datasets.mnist.load_data()
    x = x / 255.0
    with streamtune.Trainer(args.bootstrap) as trainer:
        for trial in trainer.trials():
            with trial:
                model = build(trial.params)
                model.fit(x, y, validation_split=0.1, epochs=trial.max_epochs, batch_size=128,
                          callbacks=[StreamTuneCallback(trial, monitor="val_accuracy")], verbose=0)
                trial.complete()


if __name__ == "__main__":
    main()
