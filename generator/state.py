"""The build cache, ROOT/.timeline-cache/: what the last build read and wrote, so the next one redoes only what changed.

It holds plain JSON (never pickle: a cache file must not be able to run code) and is safe to delete:
the next build is then a cold one.
"""

from __future__ import annotations

import datetime
import fcntl
import hashlib
import itertools
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from generator import __version__
from generator.files import write_atomically
from generator.load import Known
from generator.model import Entry, Image
from generator.registry import Record
from generator.render import ItemCache, ItemKey, Variant
from generator.write import Manifest, Written

CACHE_DIR = ".timeline-cache"
ENTRIES_FILE = "entries.jsonl"  # what load read, by file stamp, and the slugs of names
PAGES_FILE = "pages.jsonl"  # what write put in site/
ITEMS_FILE = "items.sqlite"  # list items already rendered, looked up a few at a time
REGISTRY_FILE = "registry.jsonl"  # the records of content/actors.yml and content/locations.yml, YAML being slow to read
ROWS_PER_LINE = 1000
FETCHED = 250  # items asked for in one query
LOCK_FILE = "build.lock"
FORMAT = 3


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


def read_state(root: Path) -> BuildState:
    """The cache of the last build, or an empty one if there is none or it cannot be used."""
    state = BuildState()
    try:
        header, rows = _read(root / CACHE_DIR / ENTRIES_FILE, state)
        state.slugs = {str(name): str(slug) for name, slug in header["slugs"].items()}
        state.known = {path: (tuple(stamp), _entry(fields)) for path, stamp, fields, _ in rows}  # type: ignore[misc]
        state.entry_keys = {path: str(key) for path, _, _, key in rows if key}
        state.keys_urls = str(header["urls"])
        state.on_disk[ENTRIES_FILE] = _Saved(header, state.known, state.on_disk[ENTRIES_FILE].lines)
        state.manifest = _read_manifest(root, state)
        header, rows = _read(root / CACHE_DIR / REGISTRY_FILE, state)
        state.registry = {(file, name): Record(name, kind, tuple(aliases), country, lat, lon, description)
                          for file, name, kind, aliases, country, lat, lon, description in rows}
        state.registry_stamps = header["stamps"]
        state.on_disk[REGISTRY_FILE] = _Saved(header, state.registry, state.on_disk[REGISTRY_FILE].lines)
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        pass  # what could be read is used; the rest is rebuilt
    return state


def read_manifest(root: Path) -> Manifest:
    """What the last build wrote to site/, as the cache has it (nothing if it cannot be read)."""
    try:
        return _read_manifest(root, BuildState())
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return {}


def _read_manifest(root: Path, state: BuildState) -> Manifest:
    header, rows = _read(root / CACHE_DIR / PAGES_FILE, state)
    manifest = {path: Written(key, digest, size, mtime_ns) for path, key, digest, size, mtime_ns in rows}
    state.pages_made_with = str(header["made_with"])
    state.on_disk[PAGES_FILE] = _Saved(header, manifest, state.on_disk[PAGES_FILE].lines)
    return manifest


def write_state(root: Path, state: BuildState) -> None:
    """Saves what changed since the cache was read or saved: appended rows, or the whole file once it is mostly superseded."""
    # an entry's key changes without its file only if URLs change, and then the header does: the file is written anew
    _save(root, state, ENTRIES_FILE, {"slugs": state.slugs, "urls": state.keys_urls}, state.known, lambda old, new: old[0] == new[0],
          lambda path, value: [path, value[0], _fields(value[1]), state.entry_keys.get(path, "")] if value else [path, None, None, None])
    _save(root, state, PAGES_FILE, {"made_with": state.pages_made_with}, state.manifest or {}, lambda old, new: old is new,
          lambda path, w: [path, w.key, w.digest, w.size, w.mtime_ns] if w else [path, None, None, None, None])
    _save(root, state, REGISTRY_FILE, {"stamps": state.registry_stamps}, state.registry, lambda old, new: old == new,
          lambda key, r: [*key, r.kind, r.aliases, r.country, r.lat, r.lon, r.description] if r else [*key, None, None, None, None, None, None])


def _save(root: Path, state: BuildState, name: str, header: dict[str, Any], rows: dict[Any, Any],
          same: Callable[[Any, Any], bool], row: Callable[[Any, Any], list[Any]]) -> None:
    saved = state.on_disk.get(name)
    if saved is not None and saved.header == header and saved.lines <= 2 * len(rows) + 1000:
        changed = [row(key, value) for key, value in rows.items() if key not in saved.rows or not same(saved.rows[key], value)]
        gone = [row(key, None) for key in saved.rows if key not in rows] if name != ITEMS_FILE else []
        if changed or gone:
            _append(root / CACHE_DIR / name, changed + gone)
        state.on_disk[name] = _Saved(header, rows, saved.lines + len(changed) + len(gone))
    else:
        _write(root / CACHE_DIR / name, header, (row(key, value) for key, value in rows.items()))
        state.on_disk[name] = _Saved(header, rows, len(rows))


def _read(path: Path, state: BuildState) -> tuple[dict[str, Any], list[list[Any]]]:
    """The header and the rows of a cache file, later rows replacing earlier ones with the same key."""
    with open(path, encoding="utf-8") as lines:
        header = json.loads(next(lines))
        if header.get("format") != FORMAT or header.get("generator") != __version__:
            raise ValueError("made by another version")
        rows = [row for line in lines for row in json.loads(line)]
    latest: dict[Any, list[Any]] = {}
    for row in rows:
        key = tuple(row[:2]) if path.name == REGISTRY_FILE else row[0]
        if row[2 if path.name == REGISTRY_FILE else 1] is None:
            latest.pop(key, None)
        else:
            latest[key] = row
    header = {key: value for key, value in header.items() if key not in ("format", "generator")}
    state.on_disk[path.name] = _Saved(header, {}, len(rows))
    return header, list(latest.values())


def _write(path: Path, header: dict[str, Any], rows: Iterable[list[Any]]) -> None:
    """Replaces the whole file (no fsync: a lost cache only costs a cold build)."""
    first = json.dumps({"format": FORMAT, "generator": __version__, **header}, ensure_ascii=False) + "\n"
    write_atomically(path, (line.encode("utf-8") for line in itertools.chain([first], _lines(iter(rows)))), durable=False)


def _append(path: Path, rows: list[list[Any]]) -> None:
    """Adds rows at the end; a line cut short by a crash makes the next read fail, and the next build a cold one."""
    with open(path, "a", encoding="utf-8") as out:
        out.writelines(_lines(iter(rows)))


def _lines(rows: Iterator[list[Any]]) -> Iterator[str]:
    """A thousand rows per JSON line."""
    while chunk := list(itertools.islice(rows, ROWS_PER_LINE)):
        yield json.dumps(chunk, ensure_ascii=False, separators=(",", ":")) + "\n"


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


class ItemStore:
    """The list items and timeline.json events of earlier builds, in SQLite.

    A build reads only the items of the entries its pages list, a few hundred per query. Items are kept
    by the key of their entry, so they are never wrong, only stale; stale ones are pruned when they pile
    up. All are forgotten when the templates or settings they were made with change. Any trouble with
    the file costs only its items: it is started afresh.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.made_with = ""
        self.stored_with = ""  # what the items in the file were made with
        self.saved: set[ItemKey] = set()  # keys known to be in the file
        self.saved_runs: set[str] = set()
        self._connection: sqlite3.Connection | None = None
        self._pid = 0

    def use(self, made_with: str) -> None:
        """Says what the items of this build are made with; items made otherwise are no longer found."""
        if made_with != self.made_with:
            self.made_with = made_with
            self.saved, self.saved_runs = set(), set()
            try:
                self.stored_with = self._stored_with(self._db()) if self.path.exists() else ""
            except sqlite3.Error:
                self._start_afresh()

    def find(self, variant: Variant, entries: list[str]) -> ItemCache:
        """Those of the items of this variant and these entries (by key) that the file has."""
        found: ItemCache = {}
        if self.stored_with != self.made_with:
            return found
        prefix, level, compact = variant
        try:
            db = self._db()
            for start in range(0, len(entries), FETCHED):
                chunk = entries[start : start + FETCHED]
                chunk += chunk[-1:] * (FETCHED - len(chunk))  # one length: one prepared statement
                rows = db.execute(f"SELECT entry, html, checksum FROM items WHERE prefix = ? AND level = ? AND compact = ?"
                                  f" AND entry IN ({','.join('?' * FETCHED)})", (prefix, level, compact, *chunk))
                for entry, html, checksum in rows:
                    if checksum != _checksum(entry, variant, html):
                        raise sqlite3.DatabaseError("an item does not match its checksum")
                    found[entry, prefix, level, compact] = Markup(html)
        except sqlite3.Error:
            self._start_afresh()
            return {}
        self.saved.update(found)
        return found

    def everything(self) -> ItemCache:
        """Every item in the file made as this build makes them (for serve, which keeps them all at hand)."""
        if self.stored_with != self.made_with:
            return {}
        found: ItemCache = {}
        try:
            for entry, prefix, level, compact, html, checksum in self._db().execute("SELECT * FROM items"):
                if checksum != _checksum(entry, (prefix, level, bool(compact)), html):
                    raise sqlite3.DatabaseError("an item does not match its checksum")
                found[entry, prefix, level, bool(compact)] = Markup(html)
        except sqlite3.Error:
            self._start_afresh()
            return {}
        self.saved.update(found)
        return found

    def find_runs(self, keys: list[str]) -> dict[str, bytes]:
        """Those of these runs of items (see Renderer._yearly) that the file has."""
        found: dict[str, bytes] = {}
        if self.stored_with != self.made_with:
            return found
        try:
            for start in range(0, len(keys), FETCHED):
                chunk = keys[start : start + FETCHED]
                rows = self._db().execute(f"SELECT key, data, checksum FROM runs WHERE key IN ({','.join('?' * len(chunk))})", chunk)
                for key, data, checksum in rows:
                    if not isinstance(data, bytes) or checksum != zlib.crc32(data, zlib.crc32(key.encode())):
                        raise sqlite3.DatabaseError("a run does not match its checksum")
                    found[key] = data
        except sqlite3.Error:
            self._start_afresh()
            return {}
        self.saved_runs.update(found)
        return found

    def keep(self, items: ItemCache, live_entries: set[str], runs: dict[str, bytes] | None = None) -> None:
        """Adds the items and runs the file does not have yet; prunes those of entries gone or changed once they are many."""
        runs = runs or {}
        new = [key for key in items if key not in self.saved and key[0] in live_entries]
        new_runs = [key for key in runs if key not in self.saved_runs]
        if not new and not new_runs:
            return
        try:
            db = self._db()
            with db:  # one transaction
                if self.stored_with != self.made_with:
                    db.execute("DELETE FROM items")
                    db.execute("DELETE FROM runs")
                    db.execute("INSERT OR REPLACE INTO meta VALUES ('made_with', ?)", (self.made_with,))
                    self.stored_with = self.made_with
                db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)",
                               [(*key, str(items[key]), _checksum(key[0], key[1:], str(items[key]))) for key in new])
                db.executemany("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", [(key, runs[key], zlib.crc32(runs[key], zlib.crc32(key.encode())))
                                                                             for key in new_runs])
                self._prune(db, live_entries, set(runs))
        except sqlite3.Error:
            self._start_afresh()
            return
        self.saved.update(new)
        self.saved_runs.update(new_runs)

    def close(self) -> None:
        if self._connection is not None and self._pid == os.getpid():
            self._connection.close()
        self._connection = None

    def _db(self) -> sqlite3.Connection:
        if self._connection is None or self._pid != os.getpid():  # a forked worker opens its own
            # serve's builds run on its watcher thread, one at a time, after the first on the main thread
            self._connection = sqlite3.connect(self.path, check_same_thread=False)
            self._pid = os.getpid()
            self._connection.execute("PRAGMA synchronous = OFF")  # a crash may damage the file: checksums tell
            self._connection.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)")
            self._connection.execute("CREATE TABLE IF NOT EXISTS items (entry TEXT, prefix TEXT, level INTEGER, compact INTEGER,"
                                     " html TEXT, checksum INTEGER, PRIMARY KEY (prefix, level, compact, entry))")
            self._connection.execute("CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, data BLOB, checksum INTEGER)")
        return self._connection

    def _stored_with(self, db: sqlite3.Connection) -> str:
        row = db.execute("SELECT value FROM meta WHERE name = 'made_with'").fetchone()
        return row[0] if row else ""

    def _prune(self, db: sqlite3.Connection, live_entries: set[str], live_runs: set[str]) -> None:
        if live_runs and db.execute("SELECT count(*) FROM runs").fetchone()[0] > 2 * len(live_runs) + 100:
            db.execute("CREATE TEMP TABLE IF NOT EXISTS live_runs (key TEXT PRIMARY KEY)")
            db.execute("DELETE FROM live_runs")
            db.executemany("INSERT INTO live_runs VALUES (?)", [(key,) for key in live_runs])
            db.execute("DELETE FROM runs WHERE key NOT IN (SELECT key FROM live_runs)")
            self.saved_runs &= live_runs
        row = db.execute("SELECT value FROM meta WHERE name = 'prune_at'").fetchone()
        count = db.execute("SELECT count(*) FROM items").fetchone()[0]
        if count <= int(row[0] if row else 0):
            return
        db.execute("CREATE TEMP TABLE IF NOT EXISTS live (entry TEXT PRIMARY KEY)")
        db.execute("DELETE FROM live")
        db.executemany("INSERT OR IGNORE INTO live VALUES (?)", [(key,) for key in live_entries])
        db.execute("DELETE FROM items WHERE entry NOT IN (SELECT entry FROM live)")
        count = db.execute("SELECT count(*) FROM items").fetchone()[0]
        db.execute("INSERT OR REPLACE INTO meta VALUES ('prune_at', ?)", (str(2 * count + 1000),))
        self.saved = {key for key in self.saved if key[0] in live_entries}

    def _start_afresh(self) -> None:
        self.close()
        self.saved, self.saved_runs = set(), set()
        self.stored_with = ""
        self.path.unlink(missing_ok=True)


def _checksum(entry: str, variant: Variant, html: str) -> int:
    """SQLite does not notice a damaged page: each item carries a checksum of its key and HTML."""
    return zlib.crc32(f"{entry}\0{variant[0]}\0{variant[1]}\0{variant[2]:d}\0{html}".encode("utf-8", "surrogatepass"))
