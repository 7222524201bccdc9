"""The build cache, ROOT/.timeline-cache/: what the last build read and wrote, so the next one redoes only what changed.

It holds plain JSON (never pickle: a cache file must not be able to run code) and is safe to delete:
the next build is then a cold one.
"""

from __future__ import annotations

import datetime
import fcntl
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from generator import __version__
from generator.load import Known
from generator.model import Entry, Image
from generator.write import Manifest, Written

CACHE_DIR = ".timeline-cache"
ENTRIES_FILE = "entries.jsonl"  # what load read, by file stamp, and the slugs of names
PAGES_FILE = "pages.jsonl"  # what write put in site/
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
        header, rows = _read(root / CACHE_DIR / ENTRIES_FILE)
        state.slugs = {str(name): str(slug) for name, slug in header["slugs"].items()}
        state.known = {path: (tuple(stamp), _entry(fields)) for path, stamp, fields in rows}  # type: ignore[misc]
        _, rows = _read(root / CACHE_DIR / PAGES_FILE)
        state.manifest = {path: Written(key, digest, size, mtime_ns) for path, key, digest, size, mtime_ns in rows}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # what could be read is used; the rest is rebuilt
    return state


def write_state(root: Path, state: BuildState, entries: bool = True, pages: bool = True) -> None:
    """Saves the parts of the state that changed, one JSON line per entry or page (no big string in memory)."""
    if entries:
        _write(root / CACHE_DIR / ENTRIES_FILE, {"slugs": state.slugs},
               ([path, stamp, _fields(entry)] for path, (stamp, entry) in state.known.items()))
    if pages:
        _write(root / CACHE_DIR / PAGES_FILE, {},
               ([path, w.key, w.digest, w.size, w.mtime_ns] for path, w in (state.manifest or {}).items()))


def _read(path: Path) -> tuple[dict[str, Any], list[list[Any]]]:
    with open(path, encoding="utf-8") as lines:
        header = json.loads(next(lines))
        if header.get("format") != FORMAT or header.get("generator") != __version__:
            raise ValueError("made by another version")
        return header, [json.loads(line) for line in lines]


def _write(path: Path, header: dict[str, Any], rows: Iterator[list[Any]]) -> None:
    """Writes beside `path`, then renames: a reader never sees half a cache (no fsync: a lost cache only costs a cold build)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(json.dumps({"format": FORMAT, "generator": __version__, **header}, ensure_ascii=False) + "\n")
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


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
