"""Rendered pieces worth keeping: list items and runs of them, by keys that say all they show.

A render is given one Memo. A cold build's is empty: it keeps each list item, made once per folder
depth, heading level and form, for every page that lists the entry. An incremental build's is filled
from the build cache (see incremental.py): then a one-entry edit renders a long page by putting
together the items and runs of the last build and making only the edited entry's again. A key is a
digest of everything its piece is made from, so a piece is never wrong, only unused.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import NamedTuple, Protocol

from markupsafe import Markup

Variant = tuple[str, int, bool]  # what a list item is made for: (path prefix, heading level, compact)


class ItemKey(NamedTuple):
    """A list item's key: its entry's key and what it is made for."""

    entry: str
    prefix: str  # the way back to the site's root from the page it is on
    level: int  # its heading level
    compact: bool

    @property
    def variant(self) -> Variant:
        return self.prefix, self.level, self.compact


ItemCache = dict[ItemKey, Markup]  # -> list item
LONG_LISTING = 500  # entries listed from which a page's months of items, and a term's TimelineJS data by year, are kept as runs
RUNS_KEPT = 64 * 2**20  # bytes of runs a process holds: past it, they go to the store (a worker lets them go)


def run_key(parts: list[str]) -> str:
    """The key of a run: a digest of what it is made from."""
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


class Store(Protocol):
    """Where the pieces of earlier builds are (incremental.py's cache)."""

    def find(self, variant: Variant, entries: list[str]) -> ItemCache: ...
    def find_runs(self, keys: list[str]) -> dict[str, bytes]: ...
    def add_runs(self, runs: dict[str, bytes]) -> None: ...


@dataclass
class Memo:
    items: ItemCache = field(default_factory=dict)
    groups: ItemCache | None = None  # months of items by their entries' keys: worth keeping in serve only
    runs: dict[str, bytes] = field(default_factory=dict)  # runs of items, or of a data file's pieces, by key
    store: Store | None = None
    fetched: set[ItemKey | str] = field(default_factory=set)  # what was taken from the store (not made here)
    used: set[str] = field(default_factory=set)  # the runs the file being made is made of
    spill: bool = True  # past RUNS_KEPT bytes, runs go to the store (a forked worker's cannot)
    long_listing: int = field(default_factory=lambda: LONG_LISTING)
    _made: int = 0

    def recall(self, variant: Variant, keys: Iterable[str]) -> None:
        """Fetches the items of this variant and these entry keys that earlier builds made and that are not at hand."""
        if self.store is not None:
            missing = {key for key in keys if (key, *variant) not in self.items}
            if missing:
                found = self.store.find(variant, sorted(missing))
                self.items.update(found)
                self.fetched.update(found)

    def item(self, key: ItemKey, make: Callable[[], Markup]) -> Markup:
        if key not in self.items:
            self.items[key] = make()
        return self.items[key]

    def fetch_runs(self, keys: list[str]) -> None:
        """Puts at hand those of these runs that earlier builds made, fetched together."""
        missing = [key for key in keys if key not in self.runs]
        if missing and self.store is not None:
            found = self.store.find_runs(missing)
            self.runs.update(found)
            self.fetched.update(found)

    def run(self, key: str, make: Callable[[], bytes]) -> bytes:
        return self.runs_of([key], lambda _: make())[0]

    def runs_of(self, keys: list[str], make: Callable[[int], bytes]) -> list[bytes]:
        """Runs by their keys, those missing fetched together from the store; `make(i)` makes the i-th."""
        self.fetch_runs(keys)
        for at, key in enumerate(keys):
            if key not in self.runs:
                self.runs[key] = run = make(at)
                self._made += len(run)
        self.used.update(keys)
        runs = [self.runs[key] for key in keys]
        if self._made > RUNS_KEPT:  # a large cold build: they go to the store now
            if self.spill and self.store is not None:
                self.store.add_runs(self.runs)
            self.runs.clear()
            self._made = 0
        return runs

    def made_since(self, at_hand: set[ItemKey | str], most: int) -> tuple[ItemCache, dict[str, bytes]]:
        """What this memo made itself (neither `at_hand` before nor fetched): what a worker process hands back.
        Past `most` items, none: handing them back would cost more than making them again."""
        items = {key: item for key, item in self.items.items() if key not in at_hand and key not in self.fetched}
        runs = {key: run for key, run in self.runs.items() if key not in at_hand and key not in self.fetched}
        return (items if len(items) <= most else {}), runs

    def keep(self, items: ItemCache, runs: dict[str, bytes]) -> None:
        self.items.update(items)
        self.runs.update(runs)
