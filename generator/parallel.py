"""Splits work over forked processes: both cores for the cold build's parsing and rendering."""

from __future__ import annotations

import gc
import multiprocessing
import pickle
from collections.abc import Callable
from typing import Any, TypeVar

from generator.errors import TimelineError

T = TypeVar("T")


class WorkerError(TimelineError):
    """A forked process that died, or failed with an error that could not be sent back: not a problem of the disk."""


def in_parts(work: Callable[[int, int], T], parts: int) -> list[T]:
    """[work(0, parts), work(1, parts), ...]: part 0 runs here, the others in forked processes at the same time.

    Forked children inherit everything already loaded, so only their results are pickled. An error in
    any part is raised here once every child has stopped.
    """
    if parts <= 1:
        return [work(0, 1)]
    # what exists now is shared with the children until either side writes to it: set aside from the
    # cycle collector, whose passes would write to every object and make each child copy the whole heap
    gc.freeze()
    context = multiprocessing.get_context("fork")
    children = []
    for part in range(1, parts):
        receive, send = context.Pipe(duplex=False)
        child = context.Process(target=_child, args=(work, part, parts, send, [receive, *(other for _, other in children)]))
        child.start()
        send.close()  # the child's end: once the child is gone, reading gives EOFError instead of waiting forever
        children.append((child, receive))
    try:
        results = [work(0, parts)]
        for _, receive in children:
            try:
                ok, outcome = receive.recv()
            except EOFError:
                raise WorkerError("a process working beside this one ended without finishing its work (killed, or out of memory?); "
                                  "nothing was written") from None
            if not ok:
                raise outcome
            results.append(outcome)
        return results
    except BaseException:
        for child, _ in children:
            child.terminate()
        raise
    finally:
        for child, receive in children:
            child.join()
            receive.close()


def _child(work: Callable[[int, int], Any], part: int, parts: int, send: Any, readers: list[Any]) -> None:
    # the child's copies of the reading ends: were they left open, a child whose parent was killed would
    # wait forever to hand over its result (and hold the build lock); closed, the hand-over fails and it ends
    for reader in readers:
        reader.close()
    try:
        send.send((True, work(part, parts)))
    except BaseException as error:
        send.send((False, _picklable(error)))


def _picklable(error: BaseException) -> BaseException:
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return WorkerError(f"a process working beside this one failed with {type(error).__name__}: {error}; nothing was written "
                           "(a bug in timeline or in a template: please report it)")
