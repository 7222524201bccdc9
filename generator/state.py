"""What the last build read and wrote, so the next one redoes only what changed: rows in the cache store.

Entries, pages and registry records are kept as chunks of JSON rows in the store (cache_store.py;
never pickle: a cache must not be able to run code), read by msgspec straight into typed rows, which
makes the entries without a second pass and refuses a damaged chunk. A build appends the rows that
changed, and writes a file of rows anew once it is mostly superseded. The index is kept by entry
positions (see saved_index.py). All of it is safe to delete: the next build is then a cold one.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from generator import __version__
from generator.cache_store import STORE_FILE, CacheStore, Damaged
from generator.config import CACHE_DIR
from generator.load import Stamp
from generator.model import Entry
from generator.registry import Record
from generator.write import Manifest, SiteFile

Known = dict[str, tuple[Stamp, Entry]]  # relative path -> the entry read from it when it had that stamp

ENTRIES_FILE = "entries.jsonl"  # what load read, by file stamp, and the slugs of names
PAGES_FILE = "pages.jsonl"  # what write put in site/
REGISTRY_FILE = "registry.jsonl"  # the records of content/actors.yml and content/locations.yml, YAML being slow to read
ROWS_PER_LINE = 1000
LOCK_FILE = "build.lock"
FORMAT = 7  # 7: rows in the cache store


@dataclass
class BuildState:
    """The entries read from content/ (by file stamp) and the files written to site/ (by key and digest)."""

    known: Known = field(default_factory=dict)
    manifest: Manifest | None = None  # None: nothing is known about site/, so the next build starts afresh
    slugs: dict[str, str] = field(default_factory=dict)  # name -> slug, as slugify gave it (slugify is slow)
    entry_keys: dict[str, str] = field(default_factory=dict)  # path -> the entry's key (see pages.entry_keys)
    keys_urls: str = ""  # and the digest of the URLs they were made with
    pages_made_with: str = ""  # a digest of all but the entries that the manifest's keys were made with (see Builder)
    registry: dict[tuple[str, str], Record] = field(default_factory=dict)  # (file, name) -> record, as read from
    registry_stamps: list[Any] = field(default_factory=list)  # these stamps of the registry files
    on_disk: dict[str, _Saved] = field(default_factory=dict)  # per cache file: what it holds now


@dataclass(frozen=True)
class _Saved:
    header: dict[str, Any]
    rows: dict[Any, Any]  # as the file has them, by key
    lines: int  # rows in the file, superseded ones included


DAMAGED = (OSError, ValueError, KeyError, TypeError, StopIteration, msgspec.MsgspecError, Damaged, sqlite3.Error)  # what a cache file that cannot be used raises


def read_pages(store: CacheStore) -> BuildState:
    """The cache of the last build with only what it wrote to site/, or nothing if it cannot be used (see
    read_entries for the rest)."""
    state = BuildState()
    try:
        state.manifest = _read_manifest(store, state)
    except DAMAGED:
        pass  # nothing is known about site/: the next build starts it afresh
    return state


def read_entries(store: CacheStore, state: BuildState) -> BuildState:
    """Adds to `state` what the last build read: entries and registry records (what could be read is used; the rest is made again)."""
    try:
        header, rows = _read(store, ENTRIES_FILE, _EntryRow, state)
        state.slugs = dict(header["slugs"])
        state.known = {row.path: (row.stamp, row.entry) for row in rows}  # type: ignore[misc]
        state.entry_keys = {row.path: row.key for row in rows if row.key}  # type: ignore[misc]
        state.keys_urls = str(header["urls"])
        state.on_disk[ENTRIES_FILE] = _Saved(header, state.known, state.on_disk[ENTRIES_FILE].lines)
        header, rows = _read(store, REGISTRY_FILE, _RecordRow, state)
        state.registry = {(row.file, row.name): row.record for row in rows}  # type: ignore[misc]
        state.registry_stamps = header["stamps"]
        state.on_disk[REGISTRY_FILE] = _Saved(header, state.registry, state.on_disk[REGISTRY_FILE].lines)
    except DAMAGED:
        pass
    return state


def read_manifest(root: Path) -> Manifest:
    """What the last build wrote to site/, as the cache has it (nothing if it cannot be read)."""
    return read_pages(CacheStore(root / CACHE_DIR / STORE_FILE)).manifest or {}


def _read_manifest(store: CacheStore, state: BuildState) -> Manifest:
    header, rows = _read(store, PAGES_FILE, _PageRow, state)
    manifest = {row.path: row.written for row in rows}  # type: ignore[misc]
    state.pages_made_with = str(header["made_with"])
    state.on_disk[PAGES_FILE] = _Saved(header, manifest, state.on_disk[PAGES_FILE].lines)
    return manifest


def write_state(store: CacheStore, state: BuildState) -> None:
    """Saves what changed since the cache was read or saved: appended rows, or the whole file once it is mostly superseded."""
    # an entry's key changes without its file only if URLs change, and then the header does: the file is written anew
    _save(store, state, ENTRIES_FILE, {"slugs": state.slugs, "urls": state.keys_urls}, state.known, lambda old, new: old[0] == new[0],
          lambda path, value: _EntryRow(path, *value, state.entry_keys.get(path, "")) if value else _EntryRow(path))
    _save(store, state, PAGES_FILE, {"made_with": state.pages_made_with}, state.manifest or {}, lambda old, new: old is new, _PageRow)
    _save(store, state, REGISTRY_FILE, {"stamps": state.registry_stamps}, state.registry, lambda old, new: old == new,
          lambda key, record: _RecordRow(*key, record))


# The rows of the cache files: typed, so that reading them makes the entries and records directly
# (and refuses a damaged file). A row with nothing but its key says that the key is gone.
class _EntryRow(msgspec.Struct, array_like=True):
    path: str
    stamp: Stamp | None = None
    entry: Entry | None = None
    key: str | None = None

    def gone(self) -> bool:
        return self.entry is None


class _PageRow(msgspec.Struct, array_like=True):
    path: str
    written: SiteFile | None = None

    def gone(self) -> bool:
        return self.written is None


class _RecordRow(msgspec.Struct, array_like=True):
    file: str
    name: str
    record: Record | None = None

    def gone(self) -> bool:
        return self.record is None


_Row = _EntryRow | _PageRow | _RecordRow


def _save(store: CacheStore, state: BuildState, name: str, header: dict[str, Any], rows: dict[Any, Any],
          same: Callable[[Any, Any], bool], row: Callable[[Any, Any], _Row]) -> None:
    saved = state.on_disk.get(name)
    if saved is not None and saved.header == header and saved.lines <= 2 * len(rows) + 1000:
        changed = [row(key, value) for key, value in rows.items() if key not in saved.rows or not same(saved.rows[key], value)]
        gone = [row(key, None) for key in saved.rows if key not in rows]
        if changed or gone:
            store.add_chunks(name, _lines(iter(changed + gone)))
        state.on_disk[name] = _Saved(header, rows, saved.lines + len(changed) + len(gone))
    else:
        _write(store, name, header, (row(key, value) for key, value in rows.items()))
        state.on_disk[name] = _Saved(header, rows, len(rows))


def _read(store: CacheStore, name: str, kind: type[_Row], state: BuildState) -> tuple[dict[str, Any], list[_Row]]:
    """The header and the rows of a file of the store, later rows replacing earlier ones with the same key."""
    first, *lines = store.chunks(name)
    header = json.loads(first)
    if header.get("format") != FORMAT or header.get("generator") != __version__:
        raise ValueError("made by another version")
    decoder = msgspec.json.Decoder(list[kind])  # type: ignore[valid-type]
    rows = [row for line in lines for row in decoder.decode(line)]
    latest: dict[Any, _Row] = {}
    for row in rows:
        key = (row.file, row.name) if isinstance(row, _RecordRow) else row.path
        if row.gone():
            latest.pop(key, None)
        else:
            latest[key] = row
    header = {key: value for key, value in header.items() if key not in ("format", "generator")}
    state.on_disk[name] = _Saved(header, {}, len(rows))
    return header, list(latest.values())


def _write(store: CacheStore, name: str, header: dict[str, Any], rows: Iterable[_Row]) -> None:
    """Replaces the whole file of rows."""
    first = json.dumps({"format": FORMAT, "generator": __version__, **header}, ensure_ascii=False).encode("utf-8")
    store.replace_chunks(name, itertools.chain([first], _lines(iter(rows))))


def _lines(rows: Iterator[_Row]) -> Iterator[bytes]:
    """A thousand rows per JSON line."""
    encoder = msgspec.json.Encoder()
    while chunk := list(itertools.islice(rows, ROWS_PER_LINE)):
        yield encoder.encode(chunk)


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
