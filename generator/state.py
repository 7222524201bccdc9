"""The build cache, ROOT/.timeline-cache/: what the last build read and wrote, so the next one redoes only what changed.

It holds plain JSON (never pickle: a cache file must not be able to run code) and is safe to delete:
the next build is then a cold one.
"""

from __future__ import annotations

import datetime
import fcntl
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__
from generator.files import write_atomically
from generator.load import Known
from generator.model import Entry, Image
from generator.write import Manifest, Written

CACHE_DIR = ".timeline-cache"
STATE_FILE = "state.json"
LOCK_FILE = "build.lock"
FORMAT = 1


@dataclass
class BuildState:
    """The entries read from content/ (by file stamp) and the files written to site/ (by key and digest)."""

    known: Known = field(default_factory=dict)
    manifest: Manifest | None = None  # None: nothing is known about site/, so the next build starts afresh


def read_state(root: Path) -> BuildState:
    """The cache of the last build, or an empty one if there is none or it cannot be used."""
    try:
        data = json.loads((root / CACHE_DIR / STATE_FILE).read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("generator") != __version__:
            return BuildState()
        known = {path: (tuple(stamp), _entry(fields)) for path, (stamp, fields) in data["entries"].items()}
        manifest = {path: Written(*record) for path, record in data["pages"].items()}
        return BuildState(known, manifest)  # type: ignore[arg-type]
    except (OSError, ValueError, KeyError, TypeError):
        return BuildState()


def write_state(root: Path, state: BuildState) -> None:
    data = {
        "format": FORMAT,
        "generator": __version__,
        "entries": {path: [list(stamp), _fields(entry)] for path, (stamp, entry) in state.known.items()},
        "pages": {path: [w.key, w.digest, w.size, w.mtime_ns] for path, w in (state.manifest or {}).items()},
    }
    write_atomically(root / CACHE_DIR / STATE_FILE, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def forget(root: Path) -> None:
    """Drops the cache: the next build is a cold one."""
    (root / CACHE_DIR / STATE_FILE).unlink(missing_ok=True)


@contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Lets one build at a time write to this project's site/ and cache; others wait their turn."""
    folder = root / CACHE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    if not (folder / ".gitignore").exists():  # a cache is never worth committing
        (folder / ".gitignore").write_text("*\n", encoding="utf-8")
    with open(folder / LOCK_FILE, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _fields(entry: Entry) -> dict[str, Any]:
    return {
        "id": entry.id, "title": entry.title, "date": entry.date.isoformat(), "path": entry.path, "summary": entry.summary,
        "actors": entry.actors, "locations": entry.locations, "tags": entry.tags, "source": entry.source,
        "image": [entry.image.caption, entry.image.credit] if entry.image else None, "lines": entry.lines, "digest": entry.digest,
    }


def _entry(data: dict[str, Any]) -> Entry:
    return Entry(
        id=data["id"], title=data["title"], date=datetime.date.fromisoformat(data["date"]), body=None, path=data["path"],
        summary=data["summary"], actors=tuple(data["actors"]), locations=tuple(data["locations"]), tags=tuple(data["tags"]),
        source=data["source"], image=Image(*data["image"]) if data["image"] else None, lines=data["lines"], digest=data["digest"],
    )

