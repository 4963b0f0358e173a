"""The Keras callback, against a stand-in for Keras's Callback base (Keras is not installed in CI)."""

import sys
import types
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


class KerasCallbackTest(unittest.TestCase):

    def setUp(self):
        fake = types.ModuleType("keras")
        fake.callbacks = types.SimpleNamespace(Callback=type("Callback", (), {"__init__": lambda self: None}))
        sys.modules["keras"] = fake
        sys.modules.pop("streamtune.keras", None)
        from streamtune.keras import StreamTuneCallback
        self.callback_type = StreamTuneCallback

    def tearDown(self):
        sys.modules.pop("keras", None)
        sys.modules.pop("streamtune.keras", None)

    def test_it_reports_each_epoch_from_one_and_stops_fit_when_told(self):
        reports = []

        class Trial:
            metric = "val_accuracy"

            def report(self, epoch, value):
                reports.append((epoch, value))
                return epoch < 2

        cb = self.callback_type(Trial())
        cb.model = types.SimpleNamespace(stop_training=False)
        cb.on_epoch_end(0, {"val_accuracy": 0.5, "loss": 1.0})
        self.assertFalse(cb.model.stop_training)
        cb.on_epoch_end(1, {"val_accuracy": 0.7})
        self.assertTrue(cb.model.stop_training)
        self.assertEqual(reports, [(1, 0.5), (2, 0.7)])

    def test_it_names_the_logged_keys_when_the_metric_is_missing(self):
        class Trial:
            metric = "val_auc"

        cb = self.callback_type(Trial())
        with self.assertRaisesRegex(KeyError, "val_auc.*loss"):
            cb.on_epoch_end(0, {"loss": 1.0})


if __name__ == "__main__":
    unittest.main()
