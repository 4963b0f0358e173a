"""A StreamTune trainer in Python: a member of the trainer group that runs one trial at a time, with
the guarantees of the Java trainers (docs/protocol.md): a request is claimed and consumed in one
transaction before it runs, its lease is renewed while it trains, metrics go out at once through a
non-transactional producer, stop decisions for its trial and attempt are obeyed, the result is
written in a transaction, and a trial stopped by a shutdown is given back (RELEASED) rather than
reported."""

import collections
import logging
import os
import signal
import socket
import threading
import time
import uuid

from confluent_kafka import OFFSET_BEGINNING, OFFSET_END, Consumer, KafkaException, Producer, \
    TopicPartition

from . import _wire
from ._config import librdkafka_settings
from ._trial import Trial, now_ms

LOG = logging.getLogger("streamtune")

GROUP = "streamtune-trainers"
REQUESTS, CLAIMS, METRICS, RESULTS = "trial-requests", "trial-claims", "trial-metrics", "trial-results"
CONTROL, STUDIES, DEAD_LETTERS = "trial-control", "studies", "streamtune-dlq"
SERVICE = "trainer"
SPEC_WAIT_S = 10.0
DEFAULT_RENEW_MS = 3000
MAX_ATTEMPT = 1000
TX_TIMEOUT_S = 30.0


class Trainer:
    """Trains StreamTune trials. ``with Trainer(...) as trainer: for trial in trainer.trials():``

    :param bootstrap: Kafka bootstrap servers (default: $STREAMTUNE_BOOTSTRAP, or the config's)
    :param client_config: a dict of librdkafka settings, or the path of a Java client-config file
        (the CLI's --client-config; SCRAM's sasl.jaas.config is translated); default
        $STREAMTUNE_CLIENT_CONFIG
    :param worker_id: this trainer's name in results and claims (default py-HOST-PID)
    """

    def __init__(self, bootstrap=None, client_config=None, worker_id=None, group_id=GROUP,
                 handle_signals=True):
        settings = librdkafka_settings(client_config)
        bootstrap = bootstrap or os.environ.get("STREAMTUNE_BOOTSTRAP") \
            or settings.get("bootstrap.servers")
        if not bootstrap:
            raise ValueError("no Kafka bootstrap servers: pass bootstrap=, set STREAMTUNE_BOOTSTRAP,"
                             " or put bootstrap.servers in the client config")
        settings["bootstrap.servers"] = bootstrap
        # librdkafka's own messages go through Python's logging, not raw to stderr
        settings.setdefault("logger", logging.getLogger("streamtune.kafka"))
        self.worker_id = worker_id or "py-%s-%d" % (socket.gethostname(), os.getpid())
        self.stopping = False
        self._lock = threading.RLock()  # the group consumer and the running trial
        self._state = threading.Lock()  # specs, decisions, cancels
        self._specs = {}
        self._decisions = {}
        self._closed = threading.Event()
        self._busy = None
        self._pending = collections.deque()
        self._consumer = Consumer(dict(
            settings, **{"group.id": group_id, "client.id": self.worker_id,
                         "enable.auto.commit": False, "auto.offset.reset": "earliest",
                         "isolation.level": "read_committed",
                         "partition.assignment.strategy": "cooperative-sticky",
                         "session.timeout.ms": 10000}))
        self._tx = Producer(dict(
            settings, **{"transactional.id": "streamtune-trainer-%s-%s" % (self.worker_id, uuid.uuid4()),
                         "client.id": self.worker_id + "-results", "enable.idempotence": True,
                         "acks": "all", "linger.ms": 0}))
        self._plain = Producer(dict(
            settings, **{"client.id": self.worker_id + "-metrics", "enable.idempotence": True,
                         "acks": "all", "linger.ms": 0}))
        self._watch = Consumer(dict(
            settings, **{"group.id": "streamtune-py-watch-" + str(uuid.uuid4()),
                         "client.id": self.worker_id + "-watch", "enable.auto.commit": False,
                         "isolation.level": "read_committed"}))
        try:
            self._tx.init_transactions(TX_TIMEOUT_S)
        except KafkaException as e:
            raise RuntimeError("cannot start a transactional producer on %s within %d s (is Kafka "
                               "running there, and may this principal use transactional ids "
                               "streamtune-trainer-*?): %s" % (bootstrap, TX_TIMEOUT_S, e)) from e
        self._study_partitions = self._partitions(STUDIES)
        self._watch.assign(
            [TopicPartition(STUDIES, p, OFFSET_BEGINNING) for p in range(self._study_partitions)]
            + [TopicPartition(CONTROL, p, OFFSET_END) for p in range(self._partitions(CONTROL))])
        self._watcher = threading.Thread(target=self._watch_loop, name="streamtune-watch",
                                         daemon=True)
        self._watcher.start()
        self._consumer.subscribe([REQUESTS], on_assign=self._on_assign,
                                 on_revoke=self._on_revoke, on_lost=self._on_revoke)
        if handle_signals and threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: self.stop())
        LOG.info("trainer %s started on %s", self.worker_id, bootstrap)


    def _on_assign(self, consumer, partitions):
        """Cooperative rebalancing: take the new partitions, paused while a trial runs and
        resumed otherwise. librdkafka keeps a partition's pause across a revoke and a later
        assignment, so a partition paused during an old trial would never be read again."""
        consumer.incremental_assign(partitions)
        if self._busy is not None:
            consumer.pause(partitions)
        else:
            consumer.resume(partitions)

    def _on_revoke(self, consumer, partitions):
        consumer.resume(partitions)  # clear the pause, which would outlive the assignment
        consumer.incremental_unassign(partitions)

    def _partitions(self, topic):
        deadline = time.time() + 60
        while True:
            meta = self._plain.list_topics(topic, timeout=15)
            t = meta.topics.get(topic)
            if t is not None and t.error is None and t.partitions:
                return len(t.partitions)
            if time.time() > deadline:
                raise RuntimeError("topic %s does not exist on %s: start the StreamTune services "
                                   "(they create it) first" % (topic, meta.orig_broker_name))
            time.sleep(1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def stop(self):
        """Asks the trainer to stop: the running trial stops at its next report and is given back,
        and ``trials()`` ends."""
        self.stopping = True

    def trials(self):
        """The trials this trainer claims, one at a time, until ``stop()``. A trial left without
        ``complete()`` or ``fail()`` is completed when the next one is asked for."""
        while not self.stopping:
            msg = self._next_request()
            if msg is None:
                continue
            if msg.error():
                LOG.warning("trainer %s: consumer error %s", self.worker_id, msg.error())
                continue
            trial = self._admit(msg)
            if trial is None:
                continue
            keeper = self._keep(trial)
            try:
                yield trial
                if not trial.done:
                    trial.complete()
            finally:
                if not trial.done:  # the generator was closed mid-trial
                    self._release(trial)
                    trial.done = True
                keeper.set()
                with self._lock:
                    self._busy = None
                    self._consumer.resume(self._consumer.assignment())

    def _next_request(self):
        """A request read while a trial ran (still ours), else the next one from the group."""
        with self._lock:
            while self._pending:
                msg = self._pending.popleft()
                owned = {(tp.topic, tp.partition) for tp in self._consumer.assignment()}
                if (msg.topic(), msg.partition()) in owned:
                    return msg
                # its partition moved to another trainer, which reads it from the committed offset

            return self._consumer.poll(0.5)

    # -- admission: decode, check, claim ------------------------------------------------------

    def _admit(self, msg):
        try:
            request = _wire.CODECS[REQUESTS].decode(msg.value())
        except _wire.WireError as e:
            self._consume(msg, str(e))
            return None
        spec = self._await_spec(request["study_id"])
        problem = "unknown study " + request["study_id"] if spec is None \
            else self._check(request, spec)
        if problem is not None:
            self._consume(msg, "request %s: %s" % (request["trial_id"], problem))
            return None
        if spec.get("cancel") is not None:
            self._consume(msg, None)  # not poison: issued again if the study resumes
            return None
        partition = request["study_partition"]
        if partition < 0:
            partition = _wire.study_partition(request["study_id"], self._study_partitions)
        trial = Trial(self, request, partition)
        if not self._claim(msg, trial):
            return None
        with self._lock:
            self._busy = trial
            self._consumer.pause(self._consumer.assignment())
        LOG.info("trainer %s runs %s attempt %d", self.worker_id, trial.trial_id, trial.attempt)
        return trial

    def _check(self, request, spec):
        """Why the study's suggester cannot have issued this request, or None (as RequestCheck)."""
        for field in ("objective", "metric", "max_epochs", "early_stop"):
            if request[field] != spec[field]:
                return "%s %r differs from the study's %r" % (field, request[field], spec[field])
        n = request["trial_number"]
        if not 0 <= n < spec["n_trials"]:
            return "trial_number %d is outside [0, %d)" % (n, spec["n_trials"])
        if request["trial_id"] != "%s-t%04d" % (spec["study_id"], n):
            return "trial_id %r should be %r" % (request["trial_id"], "%s-t%04d" % (spec["study_id"], n))
        if not 1 <= request["attempt"] <= MAX_ATTEMPT:
            return "attempt %d is outside [1, %d]" % (request["attempt"], MAX_ATTEMPT)
        home = _wire.study_partition(spec["study_id"], self._study_partitions)
        if request["study_partition"] not in (-1, home):
            return "study_partition %d is not the study's (%d)" % (request["study_partition"], home)
        if request["bracket"] < 0:
            return "bracket %d is negative" % request["bracket"]
        names = set()
        for d in spec["space"]:
            names.add(d["name"])
            v = request["params"].get(d["name"])
            if v is None:
                return "params lack %r" % d["name"]
            if d["type"] == "CATEGORICAL":
                ok = isinstance(v, str) and v in d["categories"]
            elif d["type"] == "INTEGER":
                ok = isinstance(v, int) and d["low"] <= v <= d["high"]
            else:
                ok = isinstance(v, float) and d["low"] <= v <= d["high"]
            if not ok:
                return "param %s = %r is outside the space" % (d["name"], v)
        extra = set(request["params"]) - names
        return "params %s are not in the space" % sorted(extra) if extra else None

    def _await_spec(self, study):
        deadline = time.time() + SPEC_WAIT_S
        while time.time() < deadline and not self.stopping:
            with self._state:
                spec = self._specs.get(study)
            if spec is not None:
                return spec
            time.sleep(0.05)
        return None

    def _claim(self, msg, trial):
        """CLAIMED, in the transaction that consumes the request: exactly one trainer holds it."""
        try:
            self._tx.begin_transaction()
            self._tx.produce(CLAIMS, self._claim_record(trial, "CLAIMED"), trial.study_id.encode(),
                             partition=trial.partition)
            self._commit_with(msg)
            return True
        except KafkaException as e:
            self._abort(msg, "claim " + trial.trial_id, e)
            return False

    def _consume(self, msg, reason):
        """Consumes a request that will not run; with a reason, it is dead-lettered in the same
        transaction, with the headers every StreamTune service writes."""
        try:
            self._tx.begin_transaction()
            if reason is not None:
                LOG.warning("trainer %s: dead-lettering %s-%d@%d: %s", self.worker_id, msg.topic(),
                            msg.partition(), msg.offset(), reason)
                self._tx.produce(DEAD_LETTERS, msg.value(), msg.key(), headers=[
                    ("streamtune.dlq.topic", msg.topic().encode()),
                    ("streamtune.dlq.partition", str(msg.partition()).encode()),
                    ("streamtune.dlq.offset", str(msg.offset()).encode()),
                    ("streamtune.dlq.reason", reason.encode()),
                    ("streamtune.dlq.service", SERVICE.encode())])
            self._commit_with(msg)
        except KafkaException as e:
            self._abort(msg, "consume a refused request", e)

    def _commit_with(self, msg):
        offsets = [TopicPartition(msg.topic(), msg.partition(), msg.offset() + 1)]
        self._tx.send_offsets_to_transaction(offsets, self._consumer.consumer_group_metadata(),
                                             TX_TIMEOUT_S)
        self._tx.commit_transaction(TX_TIMEOUT_S)

    def _abort(self, msg, what, error):
        LOG.info("trainer %s: could not %s (trying again): %s", self.worker_id, what, error)
        err = error.args[0] if error.args else None
        if err is not None and hasattr(err, "fatal") and err.fatal():
            raise error
        try:
            self._tx.abort_transaction(TX_TIMEOUT_S)
        except KafkaException:
            pass
        with self._lock:
            self._consumer.seek(TopicPartition(msg.topic(), msg.partition(), msg.offset()))
        time.sleep(0.2)

    # -- while a trial runs ---------------------------------------------------------------------

    def _keep(self, trial):
        """Renews the lease every lease_ms / 4 and keeps the group membership alive while the
        caller trains; a request that arrives meanwhile (a partition assigned by a rebalance) is
        kept, to be claimed once this trial is over."""
        done = threading.Event()

        def keep():
            while not done.is_set():
                try:
                    beat()
                except Exception:  # a failed beat must not end the lease's renewals
                    LOG.exception("trainer %s: renewing %s", self.worker_id, trial.trial_id)
                    done.wait(1)

        def beat():
            period = max(250, trial.lease_ms // 4) if trial.lease_ms > 0 else DEFAULT_RENEW_MS
            while not done.wait(0.2):
                if not trial.done and now_ms() - trial.renewed_at >= period:
                    self._plain.produce(CLAIMS, self._claim_record(trial, "RENEWED"),
                                        trial.study_id.encode(), partition=trial.partition)
                    self._plain.poll(0)
                    trial.renewed_at = now_ms()
                with self._lock:
                    if self._busy is not trial:
                        continue
                    msg = self._consumer.poll(0)
                    if msg is not None and not msg.error():
                        # A partition assigned meanwhile is not paused: keep its request for
                        # later (no seek: librdkafka refuses one on a partition not yet fetching)
                        self._pending.append(msg)

                        self._consumer.pause([TopicPartition(msg.topic(), msg.partition())])
        threading.Thread(target=keep, name="streamtune-lease", daemon=True).start()
        return done

    def _send_metric(self, trial, epoch, value):
        record = {"study_id": trial.study_id, "trial_id": trial.trial_id, "attempt": trial.attempt,
                  "epoch": epoch, "value": value, "max_epochs": trial.max_epochs,
                  "bracket": trial.bracket, "worker": self.worker_id, "timestamp": now_ms()}
        self._plain.produce(METRICS, _wire.CODECS[METRICS].encode(record), trial.study_id.encode(),
                            partition=trial.partition)
        self._plain.poll(0)

    def _decision(self, trial):
        with self._state:
            return self._decisions.get((trial.trial_id, trial.attempt))

    def _cancel(self, study):
        with self._state:
            spec = self._specs.get(study)
        return None if spec is None else spec.get("cancel")

    def _finish(self, trial, value, extra, error):
        if trial.done:
            raise RuntimeError("trial %s has already ended" % trial.trial_id)
        trial.done = True
        result = trial.result(value, extra, error)
        if result is None:
            self._release(trial)
            return
        self._plain.flush(TX_TIMEOUT_S)  # the monitor sees the whole curve before the result
        for tries in range(1, 4):
            try:
                self._tx.begin_transaction()
                self._tx.produce(RESULTS, _wire.CODECS[RESULTS].encode(result),
                                 trial.study_id.encode(), partition=trial.partition)
                self._tx.commit_transaction(TX_TIMEOUT_S)
                LOG.info("trainer %s finished %s: %s %s", self.worker_id, trial.trial_id,
                         result["status"], result["value"])
                return
            except KafkaException as e:
                LOG.warning("trainer %s: result of %s not written (try %d): %s", self.worker_id,
                            trial.trial_id, tries, e)
                try:
                    self._tx.abort_transaction(TX_TIMEOUT_S)
                except KafkaException:
                    pass
                time.sleep(0.5 * tries)
        LOG.warning("%s: its result could not be written; its lease will lapse and it runs again",
                    trial.trial_id)

    def _release(self, trial):
        """Gives the attempt back unfinished: the suggester issues the next one at once and does
        not count this one as lost."""
        self._plain.produce(CLAIMS, self._claim_record(trial, "RELEASED"), trial.study_id.encode(),
                            partition=trial.partition)
        self._plain.flush(TX_TIMEOUT_S)
        LOG.info("trainer %s gave back %s attempt %d", self.worker_id, trial.trial_id, trial.attempt)

    def _claim_record(self, trial, event):
        return _wire.CODECS[CLAIMS].encode({
            "study_id": trial.study_id, "trial_id": trial.trial_id, "trial_number": trial.number,
            "attempt": trial.attempt, "event": event, "worker": self.worker_id, "at": now_ms()})

    # -- the studies and the stop decisions ---------------------------------------------------

    def _watch_loop(self):
        while not self._closed.is_set():
            try:
                msg = self._watch.poll(0.1)
            except (KafkaException, RuntimeError) as e:
                if self._closed.is_set():
                    return
                LOG.warning("trainer %s: reading studies and stop decisions: %s", self.worker_id, e)
                continue
            if msg is None or msg.error() or msg.value() is None:
                continue
            try:
                if msg.topic() == STUDIES:
                    spec = _wire.CODECS[STUDIES].decode(msg.value())
                    with self._state:
                        self._specs[spec["study_id"]] = spec
                else:
                    d = _wire.CODECS[CONTROL].decode(msg.value())
                    with self._state:
                        self._decisions.setdefault((d["trial_id"], d["attempt"]), d)
            except _wire.WireError as e:
                LOG.warning("trainer %s: skipping %s-%d@%d: %s", self.worker_id, msg.topic(),
                            msg.partition(), msg.offset(), e)

    def close(self):
        """Leaves the group. Call it after ``trials()`` ended; a trial still held is given back."""
        self.stopping = True
        busy = self._busy
        if busy is not None and not busy.done:
            busy.done = True
            self._release(busy)
        self._closed.set()
        self._watcher.join(5)
        with self._lock:
            self._consumer.close()
        self._watch.close()
        self._plain.flush(TX_TIMEOUT_S)
        LOG.info("trainer %s stopped", self.worker_id)
