"""A Keras callback that reports each epoch to StreamTune and stops training when told.

    from streamtune.keras import StreamTuneCallback

    for trial in trainer.trials():
        with trial:
            model = build(trial.params)
            model.fit(x, y, validation_data=(xv, yv), epochs=trial.max_epochs,
                      callbacks=[StreamTuneCallback(trial, monitor="val_accuracy")], verbose=0)
            trial.complete()

Works with Keras 3 (``import keras``) and tf.keras 2.
"""

try:
    import keras
    _Callback = keras.callbacks.Callback
except ImportError:  # tf.keras 2 installs keras inside tensorflow
    try:
        from tensorflow import keras
        _Callback = keras.callbacks.Callback
    except ImportError as e:
        raise ImportError("streamtune.keras needs Keras (pip install keras, or tensorflow)") from e


class StreamTuneCallback(_Callback):
    """Reports ``logs[monitor]`` after each epoch as the trial's metric (epochs counted from 1)
    and sets ``model.stop_training`` when the trial must stop: a stop decision, patience, a
    cancelled study or a trainer shutting down.

    :param trial: the ``streamtune.Trial`` being trained
    :param monitor: the Keras log key to report (default: the study's metric name)
    """

    def __init__(self, trial, monitor=None):
        super().__init__()
        self.trial = trial
        self.monitor = monitor or trial.metric

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if self.monitor not in logs:
            raise KeyError("Keras logged no %r after epoch %d (it logged %s); pass monitor= one of "
                           "them, matching the study's metric" % (self.monitor, epoch + 1, sorted(logs)))
        if not self.trial.report(epoch + 1, float(logs[self.monitor])):
            self.model.stop_training = True
