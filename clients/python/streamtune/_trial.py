"""One attempt of one trial, as a trainer holds it: its parameters, and how it reports and ends."""

import math
import time

from ._wire import finite

PATIENCE_RULE = "patience"
CANCELLED_RULE = "cancelled"


def now_ms():
    return int(time.time() * 1000)


class Patience:
    """Trial-level patience, counted as Keras's EarlyStopping and the Java trainer count it: a
    report improves iff s*v + min_delta < reference (s = -1 for a maximised metric)."""

    def __init__(self, spec, maximize):
        self.patience = spec["patience"]
        self.min_delta = spec["min_delta"]
        self.restore_best = spec["restore_best"]
        self.sign = -1.0 if maximize else 1.0
        self.reference = math.inf
        self.reference_value = None
        self.reference_epoch = 0
        self.best_loss = math.inf
        self.best_value = None
        self.best_epoch = 0
        self.wait = 0
        self.stopped_at = 0

    def exhausted(self, epoch, value):
        if self.stopped_at:
            return True
        loss = self.sign * value
        if math.isfinite(loss) and loss < self.best_loss:
            self.best_loss, self.best_value, self.best_epoch = loss, value, epoch
        if math.isfinite(loss) and loss + self.min_delta < self.reference:
            self.reference, self.reference_value, self.reference_epoch = loss, value, epoch
            self.wait = 0
            return False
        self.wait += 1
        if self.wait >= self.patience:
            self.stopped_at = epoch
        return self.stopped_at > 0

    def value(self, last):
        return self.best_value if self.restore_best and self.best_epoch > 0 else last

    def reason(self, metric):
        why = "no improvement of more than %s in %s for %d epoch%s" % (
            _num(self.min_delta), metric, self.patience, "" if self.patience == 1 else "s")
        if self.reference_epoch != self.best_epoch and self.reference_epoch > 0:
            why += " over %s at epoch %d" % (_num(self.reference_value), self.reference_epoch)
        if self.best_epoch > 0:
            why += "; best %s at epoch %d" % (_num(self.best_value), self.best_epoch)
        return why


def _num(v):
    return ("%.6g" % v) if isinstance(v, float) else str(v)


class Trial:
    """An attempt this trainer has claimed. Train it, ``report`` each epoch, and end it with
    ``complete()`` or ``fail(error)``; used as a context manager, an exception fails it (and is not
    raised further: a failing objective is a FAILED trial, not a dead trainer).

    Attributes: ``study_id``, ``trial_id``, ``number``, ``attempt``, ``params`` (name to int, float
    or str), ``max_epochs``, ``bracket``, ``objective`` (its name), ``options`` (the objective's
    options, name to str), ``metric``, ``maximize``, ``request`` (the whole TrialRequest).
    """

    def __init__(self, trainer, request, partition):
        self._trainer = trainer
        self.request = request
        self.partition = partition
        self.study_id = request["study_id"]
        self.trial_id = request["trial_id"]
        self.number = request["trial_number"]
        self.attempt = request["attempt"]
        self.params = dict(request["params"])
        self.max_epochs = request["max_epochs"]
        self.bracket = request["bracket"]
        self.objective = request["objective"]["name"]
        self.options = dict(request["objective"]["options"])
        self.metric = request["metric"]["name"]
        self.maximize = request["metric"]["direction"] == "MAXIMIZE"
        early = request.get("early_stop")
        self._patience = Patience(early, self.maximize) if early and early["patience"] > 0 else None
        self.started_at = now_ms()
        self.renewed_at = self.started_at
        self.epochs_run = 0
        self.last_value = None
        self._non_finite = None
        self.done = False

    @property
    def lease_ms(self):
        return self.request.get("lease_ms") or 0

    def report(self, epoch, value):
        """Reports the metric after ``epoch`` (1-based). Returns whether to go on training: False
        once the trial must stop (a stop decision, patience, a cancelled study, a trainer shutting
        down, or a value that is not finite)."""
        if self.done:
            raise RuntimeError("trial %s has already ended" % self.trial_id)
        self.epochs_run = int(epoch)
        if not finite(value):
            self._non_finite = (int(epoch), value)
            return False
        value = float(value)
        self.last_value = value
        self._trainer._send_metric(self, int(epoch), value)
        if self._patience is not None and self._patience.exhausted(int(epoch), value):
            return False
        return not self.should_stop

    @property
    def should_stop(self):
        """Whether the trial must stop at its next epoch."""
        return (self._non_finite is not None
                or (self._patience is not None and self._patience.stopped_at > 0)
                or self._trainer._decision(self) is not None
                or self._trainer._cancel(self.study_id) is not None
                or self._trainer.stopping)

    def complete(self, value=None, extra_metrics=None):
        """Ends the trial with its final value (by default the last reported). It is PRUNED when
        it stopped before ``max_epochs`` because it had to; COMPLETED otherwise."""
        self._trainer._finish(self, value, extra_metrics or {}, None)

    def fail(self, error):
        """Ends the trial as FAILED with a reason."""
        self._trainer._finish(self, None, {}, str(error) or "failed")

    def __enter__(self):
        return self

    def __exit__(self, kind, error, trace):
        if self.done:
            return False
        if error is None:
            self.complete()
            return False
        if isinstance(error, (KeyboardInterrupt, SystemExit)):
            return False
        self.fail("%s: %s" % (kind.__name__, error) if str(error) else kind.__name__)
        return True

    def result(self, value, extra_metrics, error):
        """The TrialResult this attempt ends with, or None to give the attempt back."""
        out = {
            "study_id": self.study_id, "trial_id": self.trial_id, "trial_number": self.number,
            "attempt": self.attempt, "params": self.request["params"], "status": "COMPLETED",
            "value": None, "epochs_run": self.epochs_run, "max_epochs": self.max_epochs,
            "error": None, "extra_metrics": {k: float(v) for k, v in extra_metrics.items()},
            "worker": self._trainer.worker_id, "started_at": self.started_at,
            "finished_at": now_ms(), "stop_rule": "", "stop_step": 0, "stop_reason": "",
        }
        if error is not None:
            return dict(out, status="FAILED", extra_metrics={}, error=error)
        if self._non_finite is not None:
            epoch, bad = self._non_finite
            return dict(out, status="FAILED", extra_metrics={},
                        error="objective produced a non-finite metric (%s) at epoch %d" % (bad, epoch))
        if value is None:
            value = self.last_value
        if value is None and self.epochs_run == 0 and self.should_stop:
            return dict(out, status="PRUNED")  # stopped before its first epoch: nothing measured
        if not finite(value):
            return dict(out, status="FAILED", extra_metrics={},
                        error="objective produced a non-finite metric (%s) at epoch %d"
                        % (value, self.epochs_run))
        out["value"] = float(value)
        if self.epochs_run >= self.max_epochs or not self.should_stop:
            return out
        out["status"] = "PRUNED"
        if self._patience is not None and self._patience.stopped_at > 0:
            return dict(out, value=float(self._patience.value(value)), stop_rule=PATIENCE_RULE,
                        stop_step=self._patience.stopped_at,
                        stop_reason=self._patience.reason(self.metric))
        cancel = self._trainer._cancel(self.study_id)
        decision = self._trainer._decision(self)
        if cancel is not None:
            reason = cancel.get("reason") or ""
            return dict(out, stop_rule=CANCELLED_RULE, stop_step=self.epochs_run,
                        stop_reason="study cancelled" + (": " + reason if reason.strip() else ""))
        if decision is not None:
            return dict(out, stop_rule=decision["rule"], stop_step=decision["step"],
                        stop_reason=decision["reason"])
        return None  # stopped by this trainer's shutdown: give the attempt back
