"""The build cache's one store: ROOT/.timeline-cache/cache.sqlite.

It holds what incremental builds keep (see incremental.py): the rows of state.py (entries, pages,
registry records, the index) as chunks of JSON lines, the list items and runs of item_store.py, and
the compiled templates of theme.py. Every row carries a checksum: SQLite does not notice a damaged
page, and a damaged row only costs a cold build. All of it is safe to delete.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import zlib
from collections.abc import Iterable
from pathlib import Path

import jinja2

STORE_FILE = "cache.sqlite"  # in ROOT/.timeline-cache/

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT)",
    "CREATE TABLE IF NOT EXISTS chunks (file TEXT, seq INTEGER, data BLOB, checksum INTEGER, PRIMARY KEY (file, seq))",
    "CREATE TABLE IF NOT EXISTS items (entry TEXT, prefix TEXT, level INTEGER, compact INTEGER,"
    " html TEXT, checksum INTEGER, PRIMARY KEY (prefix, level, compact, entry))",
    "CREATE TABLE IF NOT EXISTS runs (key TEXT PRIMARY KEY, data BLOB, checksum INTEGER)",
)


class Damaged(Exception):
    """A row does not match its checksum."""


class CacheStore:
    """One SQLite file, opened once per process and thread (a forked worker opens its own; serve's search runs on a thread)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connections: dict[tuple[int, int], sqlite3.Connection] = {}

    def db(self) -> sqlite3.Connection:
        at = (os.getpid(), threading.get_ident())
        if at not in self._connections:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=60, check_same_thread=False)  # a thread id may be reused once its thread ended
            connection.execute("PRAGMA synchronous = OFF")  # a crash may damage the file: checksums tell
            for table in _TABLES:
                connection.execute(table)
            self._connections[at] = connection
        return self._connections[at]

    def chunks(self, file: str) -> list[bytes]:
        """The chunks of a file of rows, in order; raises Damaged or sqlite3.Error if they cannot be used, FileNotFoundError if none."""
        rows = self.db().execute("SELECT data, checksum FROM chunks WHERE file = ? ORDER BY seq", (file,)).fetchall()
        if not rows:
            raise FileNotFoundError(file)
        for data, checksum in rows:
            if not isinstance(data, bytes) or checksum != checksum_of(file, data):
                raise Damaged(file)
        return [data for data, _ in rows]

    def replace_chunks(self, file: str, chunks: Iterable[bytes]) -> None:
        with self.db() as db:
            db.execute("DELETE FROM chunks WHERE file = ?", (file,))
            db.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?)", ((file, seq, data, checksum_of(file, data)) for seq, data in enumerate(chunks)))

    def add_chunks(self, file: str, chunks: Iterable[bytes]) -> None:
        with self.db() as db:
            (last,) = db.execute("SELECT coalesce(max(seq), -1) FROM chunks WHERE file = ?", (file,)).fetchone()
            db.executemany("INSERT INTO chunks VALUES (?, ?, ?, ?)",
                           ((file, seq, data, checksum_of(file, data)) for seq, data in enumerate(chunks, last + 1)))

    def close(self) -> None:
        """Closes this process's connections (those a forked worker inherited are its parent's to close)."""
        for (pid, thread), connection in list(self._connections.items()):
            if pid == os.getpid():
                connection.close()
                del self._connections[pid, thread]

    def start_afresh(self) -> None:
        """Drops everything (a damaged file)."""
        self.close()
        self.path.unlink(missing_ok=True)


def checksum_of(name: str, data: str | bytes) -> int:
    content = data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data
    return zlib.crc32(content, zlib.crc32(name.encode("utf-8", "surrogatepass")))


class CompiledTemplates(jinja2.BytecodeCache):
    """Jinja's compiled templates, kept in the store between runs (compiling them all takes a while)."""

    def __init__(self, store: CacheStore) -> None:
        self.store = store

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            bucket.bytecode_from_string(self.store.chunks(f"templates/{bucket.key}")[0])
        except (OSError, Damaged, sqlite3.Error, ValueError, EOFError):
            pass  # compiled again

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            self.store.replace_chunks(f"templates/{bucket.key}", [bucket.bytecode_to_string()])
        except sqlite3.Error:
            pass
