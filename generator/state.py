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
ENTRIES_FILE = "entries.json"  # what load read, by file stamp, and the slugs of names
PAGES_FILE = "pages.json"  # what write put in site/
LOCK_FILE = "build.lock"
FORMAT = 1


@dataclass
class BuildState:
    """The entries read from content/ (by file stamp) and the files written to site/ (by key and digest)."""

    known: Known = field(default_factory=dict)
    manifest: Manifest | None = None  # None: nothing is known about site/, so the next build starts afresh
    slugs: dict[str, str] = field(default_factory=dict)  # name -> slug, as slugify gave it (slugify is slow)


def read_state(root: Path) -> BuildState:
    """The cache of the last build, or an empty one if there is none or it cannot be used."""
    state = BuildState()
    try:
        entries = _read(root / CACHE_DIR / ENTRIES_FILE)
        state.known = {path: (tuple(stamp), _entry(fields)) for path, (stamp, fields) in entries["entries"].items()}  # type: ignore[misc]
        state.slugs = {str(name): str(slug) for name, slug in entries["slugs"].items()}
        pages = _read(root / CACHE_DIR / PAGES_FILE)
        state.manifest = {path: Written(*record) for path, record in pages["pages"].items()}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # what could be read is used; the rest is rebuilt
    return state


def write_state(root: Path, state: BuildState, entries: bool = True, pages: bool = True) -> None:
    """Saves the parts of the state that changed."""
    if entries:
        _write(root / CACHE_DIR / ENTRIES_FILE, {
            "entries": {path: [list(stamp), _fields(entry)] for path, (stamp, entry) in state.known.items()},
            "slugs": state.slugs,
        })
    if pages:
        _write(root / CACHE_DIR / PAGES_FILE, {"pages": {path: [w.key, w.digest, w.size, w.mtime_ns] for path, w in (state.manifest or {}).items()}})


def _read(path: Path) -> dict[str, Any]:
    data = json.loads(path.read_bytes())
    if data.get("format") != FORMAT or data.get("generator") != __version__:
        raise ValueError("made by another version")
    return data  # type: ignore[no-any-return]


def _write(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps({"format": FORMAT, "generator": __version__, **data}, ensure_ascii=False, separators=(",", ":"))
    write_atomically(path, text.encode("utf-8"), durable=False)  # a lost cache only costs a cold build


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


def _fields(entry: Entry) -> list[Any]:
    image = [entry.image.caption, entry.image.credit] if entry.image else None
    return [entry.id, entry.title, entry.date.isoformat(), entry.path, entry.summary, entry.actors, entry.locations, entry.tags,
            entry.source, image, entry.lines, entry.digest]


def _entry(fields: list[Any]) -> Entry:
    id_, title, date, path, summary, actors, locations, tags, source, image, lines, digest = fields
    return Entry(id=id_, title=title, date=datetime.date.fromisoformat(date), path=path, summary=summary,
                 actors=tuple(actors), locations=tuple(locations), tags=tuple(tags), source=source,
                 image=Image(*image) if image else None, lines=lines, digest=digest)
