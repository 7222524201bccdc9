"""A project as `timeline serve` sees it: one build callable that keeps what the last build knew.

serve.py knows nothing of timelines: it is given this callable, the folders to watch and the site
folder. Each call builds what changed; the pages browsers show come first, and the rest (feeds and
other data files, then the search index on a thread of its own) is left in `Rebuilt.then`, which
serve runs once it has told the browsers to reload.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from generator.config import load_config
from generator.incremental import Builds
from generator.write import Manifest


@dataclass(frozen=True)
class Rebuilt:
    summary: str
    then: Callable[[], None] | None = None  # what can wait until browsers have reloaded


class Served:
    """Builds the project at `root` again on every call (serve's build callable); `overrides`: settings given
    as flags, which outlast a change of timeline.toml."""

    def __init__(self, root: Path, say: Callable[[str], None], overrides: dict[str, Any] | None = None) -> None:
        self.overrides = overrides or {}
        self.root = root
        self.say = say
        self.builds = Builds(load_config(root, **self.overrides), serving=True)
        self._search_lock = threading.Lock()
        self._search_wanted: Manifest | None = None  # the pages the search index should be made from next
        self._searcher: threading.Thread | None = None

    @property
    def site(self) -> Path:
        return self.builds.config.site

    def __call__(self, changed: list[Path] | None) -> Rebuilt:
        """Builds again; `changed`: the files that changed since the last call (None: not known, as on the first)."""
        first = self.builds.state is None
        self.builds.config = load_config(self.root, **self.overrides)  # timeline.toml may have changed too
        self.builds.search.interrupt()  # a run for pages about to change
        report = self.builds.build(save=False, changed=changed, pages_first=not first)  # the cache is saved at the end (close)
        if first:
            self.builds.workers = 1  # from here on, threads run: no forking; rebuilds are small anyway
            self.builds.pieces.recall_all()
        return Rebuilt(report.summary(), lambda: self._then(report.left > 0))

    def close(self) -> None:
        """Stops the search index's run, if one is on, and saves the build cache."""
        self.builds.search.interrupt()
        self.builds.save()

    def _then(self, left: bool) -> None:
        if left:
            try:
                self.builds.build(save=False, changed=[])  # the data files a pages-first build left
            except Exception as error:  # reported by the next rebuild, which makes them again
                self.say(f"the data files could not be made: {type(error).__name__}: {error}")
        self.index_search()

    def index_search(self) -> None:
        """Brings the search index up to date on a thread of its own (it takes seconds on a large site); a run
        made out of date by a newer build is stopped, and the newest pages are indexed once it has stopped."""
        manifest, search = self.builds.manifest, self.builds.search
        if not self.builds.config.search or not manifest or not search.needed(manifest):
            return
        search.interrupt()
        with self._search_lock:
            self._search_wanted = manifest
            if self._searcher is None:
                self._searcher = threading.Thread(target=self._search_loop, daemon=True)
                self._searcher.start()

    def searching(self) -> bool:
        return self._searcher is not None

    def _search_loop(self) -> None:
        while True:
            with self._search_lock:
                manifest, self._search_wanted = self._search_wanted, None
                if manifest is None:
                    self._searcher = None
                    return
            try:
                if self.builds.search.refresh(manifest):
                    self.say("search index updated")
            except Exception as error:  # the site is served all the same, with the previous index
                self.say(str(error))
