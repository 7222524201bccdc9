"""The rendered pieces an incremental build keeps from one build to the next: list items and runs, and months of items in serve.

Each build gets a Memo (memo.py) made of them; pieces made with other templates or settings are
forgotten, and those no page uses any more are dropped now and then. On disk they are in the cache
store (item_store.py), where a fresh process finds them.
"""

from __future__ import annotations

from generator.item_store import ItemStore
from generator.memo import ItemCache, Memo
from generator.write import Manifest, live_runs


class KeptPieces:
    def __init__(self, store: ItemStore, serving: bool = False) -> None:
        self.store = store
        self.serving = serving  # months of items are worth keeping in serve only
        self.items: ItemCache = {}
        self.runs: dict[str, bytes] = {}
        self.groups: ItemCache = {}
        self.made_with = ""  # the templates and settings the pieces at hand were made with
        self.items_kept = 0  # items after the last time old ones were dropped

    def memo(self, made_with: str, entries: int) -> Memo:
        """The memo of a build whose pieces are `made_with` these templates and settings, of a site of `entries` entries."""
        if made_with != self.made_with:
            self.items, self.groups, self.runs, self.made_with, self.items_kept = {}, {}, {}, made_with, 0
        self.store.use(made_with)
        if len(self.groups) > 10 * entries + 1000:
            self.groups = {}
        return Memo(self.items, self.groups if self.serving else None, self.runs, self.store)

    def forget(self, keys: set[str], manifest: Manifest) -> None:
        """Drops, now and then, the items of entries whose key is none of `keys`, and the runs no file is made of."""
        if len(self.items) > 2 * self.items_kept + 1000:
            self.items = {key: html for key, html in self.items.items() if key[0] in keys}
            self.items_kept = len(self.items)
        live = live_runs(manifest)
        self.runs = {key: run for key, run in self.runs.items() if key in live}

    def recall_all(self) -> None:
        """Puts every list item of earlier builds at hand, as serve wants, rather than fetching them page by page."""
        for key, item in self.store.everything().items():
            self.items.setdefault(key, item)

    def save(self, keys: set[str], manifest: Manifest) -> None:
        self.store.keep(self.items, keys, self.runs, live_runs(manifest))
