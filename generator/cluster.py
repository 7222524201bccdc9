"""Extraction on a Dask cluster: spaCy runs on the workers in batches, and comes back here in article order.

Only the `Analyser` seam of generator.extract moves: reading, resolution through the registry and writing stay with
the caller, so a cluster's entries are byte for byte a local run's. Imported only when ingest is given a cluster.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import time
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from contextlib import contextmanager
from itertools import islice
from typing import Any

import spacy
from distributed import Client, Future, LocalCluster, WorkerPlugin

import generator
from generator.errors import TimelineError
from generator.extract.entities import Analysis, analysed, pipeline
from generator.extract.workers import Failure
from generator.ingest import Stopped

BATCH_SIZE = 32  # articles a task carries (4 KB each, there and back): each task costs a worker some 0.1 s besides spaCy; a lost one costs little
QUEUED = 2  # batches waiting per worker thread beyond the one it works on: none waits for the scheduler to hand it more
WORKERS_WAIT = 60.0  # seconds a scheduler with no workers is given to get one
_DONE: dict[str, float] = {"loaded": 0.0, "articles": 0.0, "seconds": 0.0}  # in each worker: what it did, for the benchmark


@contextmanager
def on_cluster(address: str, model: str) -> Iterator[OnCluster]:
    """An analyser that runs spaCy on the cluster at `address` (`tcp://host:8786`, or `local:N` for N local worker
    processes), refused unless every worker runs this timeline, spaCy and model; closed when the block ends."""
    quiet = logging.getLogger("distributed.client")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # a lost scheduler is said once, by the run, not as tracebacks of its reconnecting
    try:
        with _connected(address, model) as analyser:
            yield analyser
    finally:
        quiet.setLevel(level)


@contextmanager
def _connected(address: str, model: str) -> Iterator[OnCluster]:
    cluster = start_local(_count(address)) if address.startswith("local:") else None
    try:
        client = _connect(cluster.scheduler_address if cluster is not None else address)
    except BaseException:
        if cluster is not None:
            cluster.close()
        raise
    try:
        refuse_others(client, model)  # first: a worker without timeline could not take the plugin, and would say so less clearly
        client.register_plugin(ModelPlugin(model, quiet=cluster is not None))
        yield OnCluster(client, address)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def start_local(workers: int) -> LocalCluster:
    """A cluster of `workers` processes on this machine, one thread each (spaCy is not shared between threads)."""
    if workers < 1:
        raise TimelineError(f"--cluster local:{workers}: give the number of worker processes, e.g. local:2")
    return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR)


def versions(model: str) -> str:
    """What decides extraction here besides the article: timeline's version, spaCy's and the model's."""
    return f"timeline {generator.__version__}, spaCy {spacy.__version__}, {model} {pipeline(model).meta.get('version', '?')}"


def refuse_others(client: Client, model: str) -> None:
    """Raises TimelineError naming both sides if a worker runs another timeline, spaCy or model than this process."""
    ours = versions(model)
    for worker, theirs in sorted(client.run(versions, model, on_error="return").items()):
        if isinstance(theirs, BaseException):
            raise TimelineError(f"cluster worker {worker} cannot run extraction: {theirs}; install timeline and the spaCy model "
                                f"'{model}' on every worker")
        if theirs != ours:
            raise TimelineError(_mismatch(worker, theirs, ours))


class ModelPlugin(WorkerPlugin):
    """Loads the model once in each worker, as it joins (a worker started again after a crash too)."""

    name = "timeline-model"

    def __init__(self, model: str, quiet: bool = False) -> None:
        self.model, self.quiet = model, quiet

    def setup(self, worker: Any) -> None:
        if self.quiet:  # a local cluster's workers share this terminal: Ctrl-C is the client's, which lets the batches in hand finish
            try:
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            except ValueError:  # not the worker's main thread
                pass
        started = time.perf_counter()
        try:
            analysed(self.model, [("The model is loaded.", "The model is loaded.")])  # both of its pipelines, and the rules' tables
        except TimelineError:
            return  # the version check says so, naming the model
        _DONE["loaded"] = _DONE["loaded"] or time.perf_counter() - started  # the first time: set up again, the model is loaded already
        gc.freeze()  # the model's objects set aside from the cycle collector, whose passes would walk them after every batch


class OnCluster:
    """The analyser: batches of (text, lead) pairs sent to the cluster, a few per worker ahead, results taken in order."""

    def __init__(self, client: Client, address: str, batch_size: int | None = None) -> None:
        self.client, self.address = client, address
        self.batch_size = batch_size or BATCH_SIZE
        self.run = uuid.uuid4().hex[:12]

    def __call__(self, items: Iterable[tuple[str, str]], model: str, count: int) -> Iterator[Analysis | Failure]:
        """One Analysis (or Failure) per pair, in order; `items` is read only as the cluster takes more."""
        source, expected = iter(items), versions(model)
        threads = max(1, sum(self.client.nthreads().values()))
        size = max(1, min(self.batch_size, -(-count // (4 * threads))))  # a few batches each at least: no worker waits on the last
        ahead = (QUEUED + 1) * threads
        window: deque[tuple[Future, list[tuple[str, str]], bool]] = deque()
        exhausted = False
        while True:
            while not exhausted and len(window) < ahead:
                batch = list(islice(source, size))
                if not batch:
                    exhausted = True
                    break
                window.append((self._submit(model, batch, expected), batch, False))
            if not window:
                return
            future, batch, alone = window.popleft()
            outcome = self._outcome(future)
            if isinstance(outcome, str):  # the batch failed: its articles go again one by one, and one failing alone fails
                if alone:
                    yield Failure(outcome)
                    continue
                window.extendleft(reversed([(self._submit(model, [item], expected), [item], True) for item in batch]))
                continue
            yield from outcome[0]

    def _submit(self, model: str, batch: list[tuple[str, str]], expected: str) -> Future:
        key = f"timeline-analyse-{self.run}-{uuid.uuid4().hex[:12]}"
        return self.client.submit(analysed_on_worker, model, batch, expected, key=key, pure=False)

    def _outcome(self, future: Future) -> tuple[list[Analysis], float] | str:
        """The batch's results and compute seconds, or why it failed; a lost scheduler stops the run."""
        try:
            return future.result()
        except TimelineError as error:  # a worker that joined running another version, or lacks the model: refused, not retried
            raise Stopped(str(error)) from None
        except (CancelledError, OSError) as error:
            future.cancel()
            raise Stopped(f"ingest: lost the Dask scheduler at {self.address} ({getattr(error, 'reason', None) or _reason(error)}); what finished is saved, and "
                          "running the same command again resumes (with --cluster, once the scheduler is back, or without it)") from None
        except Exception as error:  # KilledWorker (its workers died each time), or spaCy failing on an article
            return f"extraction on the cluster failed ({type(error).__name__}: {error})"


def analysed_on_worker(model: str, batch: Sequence[tuple[str, str]], expected: str) -> tuple[list[Analysis], float]:
    """A task: the batch's analyses and the seconds they took, once this worker is known to run what the client does."""
    here = versions(model)
    if here != expected:
        from distributed import get_worker

        raise TimelineError(_mismatch(get_worker().address, here, expected))
    started = time.perf_counter()
    results = analysed(model, batch)
    seconds = time.perf_counter() - started
    _DONE["articles"] += len(batch)
    _DONE["seconds"] += seconds
    return results, seconds


def work_done() -> dict[str, float]:
    """Run on a worker (client.run): its model load seconds, and the articles and seconds it spent on extraction."""
    return {**_DONE, "pid": float(os.getpid())}


def _count(address: str) -> int:
    try:
        return int(address.split(":", 1)[1])
    except ValueError:
        raise TimelineError(f"--cluster {address}: give the number of local worker processes, e.g. local:2") from None


def _connect(address: str) -> Client:
    """A client of the scheduler at `address`, once it has a worker; a clear error if there is none."""
    try:
        client = Client(address, timeout=20, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise TimelineError(f"--cluster {address}: no Dask scheduler answers there ({_reason(error)}); start one with "
                            "'dask scheduler' and workers with 'dask worker ADDRESS', or use local:N") from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_WAIT)
    except TimeoutError:
        client.close()
        raise TimelineError(f"--cluster {address}: the scheduler has no workers after {WORKERS_WAIT:.0f} s; start some with "
                            f"'dask worker {address}'") from None
    return client


def _mismatch(worker: str, theirs: str, ours: str) -> str:
    return (f"cluster worker {worker} runs {theirs}, but this client runs {ours}: refused, since their entries would differ; "
            "install the same versions on every worker")


def _reason(error: BaseException) -> str:
    return str(error).strip() or type(error).__name__
