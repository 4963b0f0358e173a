"""StreamTune's Python trainer SDK: train StreamTune trials from Python.

    import streamtune

    with streamtune.Trainer("localhost:9092") as trainer:
        for trial in trainer.trials():
            with trial:
                for epoch in range(1, trial.max_epochs + 1):
                    if not trial.report(epoch, train_one_epoch(trial.params)):
                        break

The wire contract is docs/protocol.md in the StreamTune repository.
"""

from ._trainer import Trainer
from ._trial import Trial
from ._wire import PROTOCOL_VERSION, WireError

__all__ = ["Trainer", "Trial", "WireError", "PROTOCOL_VERSION"]
__version__ = "0.1.0"
