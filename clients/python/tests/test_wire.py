"""The wire encoding against values the Java build computes (murmur2 from kafka-clients, the
fingerprints from `streamtune schemas`), and the trial's result rules."""

import json
import math
import sys
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from streamtune import _wire  # noqa: E402
from streamtune._trial import Patience, Trial  # noqa: E402


class WireTest(unittest.TestCase):

    def test_crc64_matches_the_avro_specification(self):
        # The Avro specification's fingerprint of the schema "int"
        self.assertEqual(_wire.crc64_avro(b'"int"'), 0x7275D51A3F395C8F)

    def test_every_fingerprint_matches_the_published_one(self):
        index = json.loads((Path(_wire.__file__).parent / "schemas" / "index.json").read_text())
        for entry in index["records"]:
            self.assertEqual(_wire.CODECS[entry["topic"]].fingerprint, int(entry["fingerprint"], 16))
            self.assertEqual(_wire.CODECS[entry["topic"]].header.hex(" "), entry["header"])

    def test_murmur2_matches_kafka_clients(self):
        # Utils.murmur2 of kafka-clients 4.4 on these strings' UTF-8 bytes
        for text, expected in [("hello", 2132663229), ("abc", 479470107), ("abcde", 461995741),
                               ("quickstart-branin", -701023871), ("é-study", 21318064)]:
            self.assertEqual(_wire.murmur2(text.encode("utf-8")), expected, text)
        self.assertEqual(_wire.study_partition("quickstart-branin", 3), 0)
        self.assertEqual(_wire.study_partition("abcde", 3), 1)

    def test_a_claim_round_trips_and_keeps_the_union_branch_of_params(self):
        codec = _wire.CODECS["trial-results"]
        result = {"study_id": "s", "trial_id": "s-t0000", "trial_number": 0, "attempt": 2,
                  "params": {"n": 3, "lr": 3.0, "act": "relu"}, "status": "PRUNED", "value": 0.5,
                  "epochs_run": 4, "max_epochs": 10, "error": None, "extra_metrics": {},
                  "worker": "py", "started_at": 1, "finished_at": 2, "stop_rule": "median",
                  "stop_step": 3, "stop_reason": "r"}
        back = codec.decode(codec.encode(result))
        self.assertEqual(back, result)
        self.assertIsInstance(back["params"]["n"], int)
        self.assertIsInstance(back["params"]["lr"], float)

    def test_a_foreign_record_is_refused_with_its_fingerprint(self):
        codec = _wire.CODECS["trial-requests"]
        other = _wire.CODECS["trial-claims"].encode({
            "study_id": "s", "trial_id": "t", "trial_number": 0, "attempt": 1,
            "event": "CLAIMED", "worker": "w", "at": 0})
        with self.assertRaisesRegex(_wire.WireError, "unknown schema fingerprint"):
            codec.decode(other)
        with self.assertRaisesRegex(_wire.WireError, "not an Avro single-object record"):
            codec.decode(b"not avro at all")


class _Trainer:
    """What a Trial asks of its trainer, without Kafka."""
    worker_id = "py-test"
    stopping = False

    def __init__(self):
        self.metrics, self.decision, self.cancel = [], None, None

    def _send_metric(self, trial, epoch, value):
        self.metrics.append((epoch, value))

    def _decision(self, trial):
        return self.decision

    def _cancel(self, study):
        return self.cancel


def request(max_epochs=10, early_stop=None, direction="MINIMIZE"):
    return {"study_id": "s", "trial_id": "s-t0001", "trial_number": 1, "params": {"x": 1.0},
            "objective": {"name": "external", "options": {}},
            "metric": {"name": "loss", "direction": direction}, "max_epochs": max_epochs,
            "bracket": 0, "requested_at": 0, "attempt": 2, "study_partition": 0, "lease_ms": 8000,
            "early_stop": early_stop}


class TrialTest(unittest.TestCase):

    def test_a_trial_that_ran_every_epoch_completes_even_if_told_to_stop_at_the_end(self):
        t = Trial(_Trainer(), request(max_epochs=3), 0)
        for e in (1, 2, 3):
            t.report(e, 1.0 / e)
        t._trainer.decision = {"rule": "median", "step": 3, "reason": "late"}
        r = t.result(None, {}, None)
        self.assertEqual((r["status"], r["value"], r["epochs_run"], r["attempt"]),
                         ("COMPLETED", 1 / 3, 3, 2))

    def test_a_stopped_trial_is_pruned_with_the_decision_it_obeyed(self):
        trainer = _Trainer()
        t = Trial(trainer, request(), 0)
        self.assertTrue(t.report(1, 5.0))
        trainer.decision = {"rule": "median", "step": 2, "reason": "worse than the median"}
        self.assertFalse(t.report(2, 4.0))
        r = t.result(None, {}, None)
        self.assertEqual((r["status"], r["value"], r["stop_rule"], r["stop_step"]),
                         ("PRUNED", 4.0, "median", 2))
        self.assertEqual(trainer.metrics, [(1, 5.0), (2, 4.0)])

    def test_a_non_finite_value_fails_the_trial_and_is_not_sent(self):
        trainer = _Trainer()
        t = Trial(trainer, request(), 0)
        t.report(1, 2.0)
        self.assertFalse(t.report(2, math.nan))
        r = t.result(None, {}, None)
        self.assertEqual(r["status"], "FAILED")
        self.assertIn("non-finite metric (nan) at epoch 2", r["error"])
        self.assertEqual(trainer.metrics, [(1, 2.0)])

    def test_a_trial_stopped_by_the_trainers_shutdown_is_given_back(self):
        trainer = _Trainer()
        t = Trial(trainer, request(), 0)
        t.report(1, 2.0)
        trainer.stopping = True
        self.assertIsNone(t.result(None, {}, None))

    def test_a_cancelled_study_prunes_its_trial_with_the_reason(self):
        trainer = _Trainer()
        t = Trial(trainer, request(), 0)
        t.report(1, 2.0)
        trainer.cancel = {"requested_at": 1, "reason": "budget", "requested_by": "me"}
        r = t.result(None, {}, None)
        self.assertEqual((r["status"], r["stop_rule"], r["stop_reason"]),
                         ("PRUNED", "cancelled", "study cancelled: budget"))

    def test_patience_counts_as_keras_does(self):
        # patience 2, min_delta 0: 3.0 improves, 3.0 and 3.5 do not, so it runs out at epoch 3
        p = Patience({"patience": 2, "min_delta": 0.0, "restore_best": True}, maximize=False)
        self.assertEqual([p.exhausted(e, v) for e, v in [(1, 3.0), (2, 3.0), (3, 3.5)]],
                         [False, False, True])
        self.assertEqual((p.stopped_at, p.value(3.5)), (3, 3.0))
        early = {"patience": 2, "min_delta": 0.0, "restore_best": False}
        t = Trial(_Trainer(), request(early_stop=early), 0)
        t.report(1, 3.0)
        t.report(2, 3.0)
        self.assertFalse(t.report(3, 3.5))
        r = t.result(None, {}, None)
        self.assertEqual((r["status"], r["stop_rule"], r["stop_step"], r["value"]),
                         ("PRUNED", "patience", 3, 3.5))


if __name__ == "__main__":
    unittest.main()
