"""Runs a function over batches in forked worker processes, each batch under a time limit, in order.

A batch that overruns its limit (or kills its worker) is tried again one item at a time; an item that
overruns alone comes out as a `Failure` and the rest go on. Workers ignore Ctrl-C (the caller decides
when to stop) and die with the process that started them, even when it is killed with SIGKILL.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import islice
from multiprocessing.connection import Connection, wait
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent ends


@dataclass(frozen=True)
class Failure:
    """An item that could not be done, and why."""

    reason: str


@dataclass
class _Task(Generic[T]):
    """Items handed to a worker together, and where their results go in the output."""

    first: int  # output position of items[0]
    items: Sequence[T]
    alone: bool = False  # already split out of a batch that failed: a failure now is the item's own


def bounded_map(work: Callable[[Sequence[T]], list[R]], items: Iterable[T], processes: int, batch_size: int,
                limit: Callable[[Sequence[T]], float]) -> Iterator[R | Failure]:
    """`work` over `items` in batches, one result (or Failure) per item, in order; `limit(batch)` gives its seconds.

    `items` is read only as workers need more, so ending it early ends this after the items already handed out.
    """
    source = iter(items)
    pending: deque[_Task[T]] = deque()  # split batches wait here, ahead of new items
    done: dict[int, R | Failure] = {}
    busy: dict[Connection, tuple[_Worker, _Task[T], float]] = {}
    idle = [_Worker(work) for _ in range(max(1, processes))]
    taken = emitted = 0
    exhausted = False
    try:
        while True:
            while idle and (pending or not exhausted):
                if not pending:
                    batch = list(islice(source, batch_size))
                    if not batch:
                        exhausted = True
                        break
                    pending.append(_Task(taken, batch))
                    taken += len(batch)
                task = pending.popleft()
                worker = idle.pop()
                worker.send(task.items)
                busy[worker.connection] = (worker, task, time.monotonic() + limit(task.items))
            while emitted in done:
                yield done.pop(emitted)
                emitted += 1
            if not busy:
                if exhausted and not pending:
                    return
                continue
            now = time.monotonic()
            ready = wait(list(busy), timeout=max(0.0, min(deadline for _, _, deadline in busy.values()) - now))
            for connection in ready:
                worker, task, _ = busy.pop(connection)  # type: ignore[call-overload]
                try:
                    results = connection.recv()
                except (EOFError, OSError):
                    idle.append(_fail(worker, task, pending, done, "the extraction process ended unexpectedly", work))
                    continue
                done.update(zip(range(task.first, task.first + len(task.items)), results))
                idle.append(worker)
            now = time.monotonic()
            for connection, (worker, task, deadline) in list(busy.items()):
                if now >= deadline and connection not in ready:
                    del busy[connection]
                    reason = f"extraction took more than {limit(task.items):.0f} s"
                    idle.append(_fail(worker, task, pending, done, reason, work))
    finally:
        for worker in idle + [worker for worker, _, _ in busy.values()]:
            worker.stop()


def _fail(worker: _Worker, task: _Task[T], pending: deque[_Task[T]], done: dict[int, object], reason: str,
          work: Callable[[Sequence[T]], list[R]]) -> _Worker:
    """Ends a worker that failed a task; the task's items are retried alone, or fail for good. Returns a fresh worker."""
    worker.kill()
    if task.alone or len(task.items) == 1:
        done[task.first] = Failure(reason)
    else:
        pending.extendleft(reversed([_Task(task.first + n, [item], alone=True) for n, item in enumerate(task.items)]))
    return _Worker(work)


class _Worker:
    """One forked process that runs `work` on each batch it is sent and sends the results back."""

    def __init__(self, work: Callable[[Sequence[T]], list[R]]) -> None:
        self.connection, theirs = multiprocessing.get_context("fork").Pipe()
        parent = os.getpid()
        self.process = multiprocessing.get_context("fork").Process(target=_serve, args=(work, theirs, self.connection, parent), daemon=True)
        self.process.start()
        theirs.close()

    def send(self, items: Sequence[object]) -> None:
        self.connection.send(list(items))

    def stop(self) -> None:
        """Asks the worker to end, and ends it if it does not."""
        try:
            self.connection.send(None)
        except OSError:
            pass
        self.process.join(timeout=2)
        self.kill()

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.connection.close()


def _serve(work: Callable[[Sequence[object]], list[object]], connection: Connection, parents_end: Connection, parent: int) -> None:
    """The worker's loop: take a batch, send back its results, until told to stop or the parent is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it lets the batches in hand finish
    _die_with_parent(parent)
    parents_end.close()  # else the parent's end stays open here, and a dead parent would never be noticed
    while True:
        try:
            items = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if items is None:
            return
        connection.send(work(items))


def _die_with_parent(parent: int) -> None:
    """Asks Linux to SIGKILL this process when its parent ends (elsewhere the closed pipe ends it at its next batch)."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent ended before the request was made
        os._exit(0)
