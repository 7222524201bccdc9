"""Long runs: progress shown as a bar on a terminal or as plain lines, and Ctrl-C that stops between items."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TextIO, TypeVar

from tqdm import tqdm

T = TypeVar("T")


class Progress:
    """Articles (or pages, `unit`) done out of a total: a bar with rate and time left on a terminal, else a plain line every `every` seconds."""

    def __init__(self, total: int, done: int, stream: TextIO, every: float = 10.0, clock: Callable[[], float] = time.monotonic,
                 unit: str = "articles") -> None:
        self.total, self.done, self.stream, self.every, self.clock, self.unit = total, done, stream, every, clock, unit
        self.since: tuple[int, float] | None = None  # articles done and the time when the rate starts counting
        self.shown = clock()
        self.bar: tqdm | None = None
        if done < total and getattr(stream, "isatty", lambda: False)():
            self.bar = tqdm(total=total, initial=done, file=stream, desc="ingest", unit=f" {unit}", leave=False, dynamic_ncols=True)
        elif done < total:
            self.note(f"ingest: {total - done} of {total} {unit} to do" + (f" ({done} done before)" if done else ""))

    def advance(self) -> None:
        """One more article done."""
        self.done += 1
        if self.since is None:  # the first article waited for spaCy to load: the rate counts from the second
            self.since = (self.done, self.clock())
        if self.bar is not None:
            self.bar.update()
        elif self.clock() - self.shown >= self.every:
            self.shown = self.clock()
            self.note(self.line())

    def line(self) -> str:
        """How far it is, as a plain line: `ingest: 640/10000 articles (12.3/s, about 13 min left)`."""
        first, start = self.since or (self.done, self.clock())
        rate = (self.done - first) / max(self.clock() - start, 1e-9)
        left = f", about {_duration((self.total - self.done) / rate)} left" if rate else ""
        return f"ingest: {self.done}/{self.total} {self.unit} ({rate:.1f}/s{left})"

    def note(self, line: str) -> None:
        """Writes a line to the progress stream, above the bar if there is one."""
        if self.bar is not None:
            tqdm.write(line, file=self.stream)
        else:
            self.stream.write(line + "\n")
            self.stream.flush()

    def around(self, say: Callable[[str], None]) -> Callable[[str], None]:
        """`say`, taking the bar away while it writes its line so that the two do not mix."""
        if self.bar is None:
            return say

        def said(line: str) -> None:
            with tqdm.external_write_mode(file=self.stream):
                say(line)

        return said

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def until(stop: threading.Event, items: Iterable[T]) -> Iterator[T]:
    """The items, ending early once `stop` is set."""
    for item in items:
        if stop.is_set():
            return
        yield item


@contextmanager
def stop_on_interrupt(stop: threading.Event) -> Iterator[None]:
    """Inside, a first Ctrl-C sets `stop` instead of raising wherever it lands; a second raises as usual.

    spaCy's worker processes start in here and inherit the handler: the first Ctrl-C leaves them to finish the texts
    they hold (so that spaCy can end them in order), a second ends them without a traceback.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread gets signals
        return
    parent = os.getpid()

    def interrupted(signum: int, frame: object) -> None:
        if os.getpid() == parent:
            stop.set()
            signal.signal(signal.SIGINT, signal.default_int_handler)
        else:
            signal.signal(signal.SIGINT, signal.SIG_DFL)

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)


def _duration(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 90 * 60:
        return f"{seconds / 60:.0f} min"
    return f"{seconds // 3600:.0f} h {seconds % 3600 / 60:.0f} min"
