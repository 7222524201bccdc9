"""One writer at a time in content/: ingest, merge, rename and new take this lock; a second one waits, then refuses."""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from generator.config import CACHE_DIR
from generator.errors import TimelineError

LOCK_FILE = "content.lock"  # in the project's .timeline-cache/, beside the build's own lock
WAIT = 10.0  # seconds a second writer waits before it refuses


@contextmanager
def content_lock(root: Path, command: str, wait: float = WAIT) -> Iterator[None]:
    """Holds the project's content/ write lock while the block runs; raises TimelineError naming the holder after `wait` seconds."""
    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / ".gitignore").exists():  # as the build's lock does: a cache is never worth committing
        (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 200, 0).decode("utf-8", errors="replace").strip() or "another timeline command"
                    raise TimelineError(f"content/ is being changed by {holder}; wait for it to finish, then run this again") from None
                time.sleep(0.1)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"'timeline {command}' (process {os.getpid()})\n".encode(), 0)
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
