"""The list items and whole-site runs of earlier builds, in SQLite in the build cache: a build reads only those it needs."""

from __future__ import annotations

import sqlite3

from markupsafe import Markup

from generator.cache_store import CacheStore, checksum_of as _checksum
from generator.memo import ItemCache, ItemKey, Variant

FETCHED = 250  # items asked for in one query


class ItemStore:
    """The list items and timeline.json events of earlier builds, in SQLite.

    A build reads only the items of the entries its pages list, a few hundred per query. Items are kept
    by the key of their entry, so they are never wrong, only stale; stale ones are pruned when they pile
    up. All are forgotten when the templates or settings they were made with change. Any trouble with
    the file costs only its items: it is started afresh.
    """

    def __init__(self, store: CacheStore) -> None:
        self.store = store
        self.made_with = ""
        self.stored_with = ""  # what the items in the file were made with
        self.saved: set[ItemKey] = set()  # keys known to be in the file
        self.saved_runs: set[str] = set()

    def use(self, made_with: str) -> None:
        """Says what the items of this build are made with; items made otherwise are no longer found."""
        if made_with != self.made_with:
            self.made_with = made_with
            self.saved, self.saved_runs = set(), set()
            try:
                self.stored_with = self._stored_with(self._db()) if self.store.path.exists() else ""
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
                    if checksum != _checksum(_item_name(entry, variant), html):
                        raise sqlite3.DatabaseError("an item does not match its checksum")
                    found[ItemKey(entry, prefix, level, compact)] = Markup(html)
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
                if checksum != _checksum(_item_name(entry, (prefix, level, bool(compact))), html):
                    raise sqlite3.DatabaseError("an item does not match its checksum")
                found[ItemKey(entry, prefix, level, bool(compact))] = Markup(html)
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
                    if not isinstance(data, bytes) or checksum != _checksum(key, data):
                        raise sqlite3.DatabaseError("a run does not match its checksum")
                    found[key] = data
        except sqlite3.Error:
            self._start_afresh()
            return {}
        self.saved_runs.update(found)
        return found

    def keep(self, items: ItemCache, live_entries: set[str], runs: dict[str, bytes] | None = None, live_runs: set[str] | None = None) -> None:
        """Adds the items and runs the file does not have yet; prunes those of entries gone or changed, and runs
        no longer `live`, once they are many."""
        runs = runs or {}
        live_runs = live_runs if live_runs is not None else set(runs)
        new = [key for key in items if key not in self.saved and key[0] in live_entries]
        new_runs = [key for key in runs if key not in self.saved_runs and key in live_runs]
        if not new and not new_runs:
            return
        try:
            db = self._db()
            with db:  # one transaction
                self._claim(db)
                # rows made one at a time as SQLite takes them: a cold build of a large site keeps hundreds of MiB of items
                db.executemany("INSERT OR REPLACE INTO items VALUES (?, ?, ?, ?, ?, ?)",
                               ((*key, html := str(items[key]), _checksum(_item_name(key.entry, key.variant), html)) for key in map(ItemKey._make, new)))
                db.executemany("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", ((key, runs[key], _checksum(key, runs[key])) for key in new_runs))
                self._prune(db, live_entries, live_runs)
        except sqlite3.Error:
            self._start_afresh()
            return
        self.saved.update(new)
        self.saved_runs.update(new_runs)

    def add_runs(self, runs: dict[str, bytes]) -> None:
        """Stores these runs now rather than at the end of the build: a cold build of a large site makes more
        of them than are worth holding in memory."""
        new = [key for key in runs if key not in self.saved_runs]
        if not new:
            return
        try:
            db = self._db()
            with db:
                self._claim(db)
                db.executemany("INSERT OR REPLACE INTO runs VALUES (?, ?, ?)", ((key, runs[key], _checksum(key, runs[key])) for key in new))
        except sqlite3.Error:
            self._start_afresh()
            return
        self.saved_runs.update(new)

    def _claim(self, db: sqlite3.Connection) -> None:
        """Empties the file if what it holds was made otherwise, and marks it as made as this build makes things."""
        if self.stored_with != self.made_with:
            db.execute("DELETE FROM items")
            db.execute("DELETE FROM runs")
            db.execute("INSERT OR REPLACE INTO meta VALUES ('made_with', ?)", (self.made_with,))
            self.stored_with = self.made_with

    def _db(self) -> sqlite3.Connection:
        return self.store.db()

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
        self.store.start_afresh()
        self.saved, self.saved_runs = set(), set()
        self.stored_with = ""


def _item_name(entry: str, variant: Variant) -> str:
    return f"{entry}\0{variant[0]}\0{variant[1]}\0{variant[2]:d}"
