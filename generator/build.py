"""The build: content/ ─load─▶ entries ─index─▶ Timeline ─plan─▶ pages with keys ─write─▶ site/.

Each build keeps what it read and wrote in ROOT/.timeline-cache/, so the next one parses only the
entry files that changed and renders only the pages whose key changed.
"""

from __future__ import annotations

import gc
import os
import shutil
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.affected import Affected
from generator.config import Config
from generator.errors import Problem, TimelineError
from generator.index import index
from generator.item_store import ITEMS_FILE, ItemStore
from generator.load import Known, Stamp, load, rescan, scan
from generator.model import Entry, Timeline
from generator.parallel import in_parts
from generator.pages import EntryKeys, Planned, digest, entry_keys, plan, site_key, url_slugs
from generator.redirects import REDIRECTS_FILE, Redirects
from generator.reindex import reindex
from generator.registry import ACTORS_FILE, LOCATIONS_FILE, Registry, load_registry
from generator.render import ItemCache, Renderer
from generator.search import SEARCH_DIR, Search
from generator.state import CACHE_DIR, BuildState, SavedIndex, build_lock, read_entries, read_index, read_pages, write_index, write_state
from generator.theme import Theme, load_theme
from generator.validate import alias_clashes, validate
from generator.write import Manifest, live_runs, remove_leftovers, unlike, write_site


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the summary line."""

    entries: int
    actors: int
    locations: int
    files: int
    written: int
    removed: int
    seconds: float
    left: int = 0  # data files left for the next build (see Builder.build's `pages_first`)
    search_seconds: float | None = None  # how long the search index took, if it was made

    def summary(self) -> str:
        removed = f", {self.removed} removed" if self.removed else ""
        search = f"; search index made in {self.search_seconds:.2f} s" if self.search_seconds is not None else ""
        return (f"built {self.files} files ({self.written} written, {self.files - self.written} unchanged{removed}) from {self.entries} entries "
                f"({self.actors} actors, {self.locations} locations) in {self.seconds:.2f} s{search}")


def build(config: Config) -> BuildReport:
    """Builds the site once; raises TimelineError listing every problem and leaves site/ untouched."""
    return Builder(config).build()


class Builder:
    """Builds one project, again and again, keeping what the last build knew (for `build` and `serve`)."""

    def __init__(self, config: Config, workers: int | None = None) -> None:
        self.config = config
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        self.state: BuildState | None = None  # read from the cache on the first build
        self.items: ItemCache = {}  # timeline list items, reused while the theme and settings stay the same
        self.groups: ItemCache = {}  # and runs of them (months)
        self.runs: dict[str, bytes] = {}  # and the runs of long pages and whole-site files (see Renderer.run)
        self.items_made_with = ""
        self.items_kept = 0  # items after the last time old ones were dropped
        self.theme: Theme | None = None  # kept while no template changes: its compiled templates too
        self.theme_config: Config | None = None
        self.keys: EntryKeys | None = None
        self.serving = False  # one builder for many builds: site/ is only written by it, months of items are worth keeping
        self.wrote_site = False
        self.store = ItemStore(config.root / CACHE_DIR / ITEMS_FILE)  # the items of earlier builds
        self.registry: RegistryFiles | None = None
        self.timeline: Timeline | None = None  # the index of the last build
        self.saved_index: SavedIndex | None = None  # the index as the build cache has it
        self.planned = Planned(0)  # jobs of the last plans
        self.files: tuple[Path, list[tuple[str, Stamp]]] | None = None  # the entry files the last build found, in which folder
        self.search = Search(Path(os.path.realpath(config.site)), config.root / CACHE_DIR)  # made beside the folder site/ links to, if it does

    def build(self, save: bool = True, changed: Iterable[Path] | None = None, pages_first: bool = False, search: bool = True) -> BuildReport:
        """Brings site/ up to date; with `save`, the cache on disk too (serve saves it once, at the end).

        `changed`: the files that changed since the last build of this builder, if known (serve is told),
        which spares a scan of content/. With `pages_first`, data files that already exist (feeds, JSON,
        CSV, the sitemap) are left for the next build: serve makes them right after browsers reload. With
        `search` (and the setting), the search index is brought up to date after the pages (serve does it apart).
        """
        started = time.perf_counter()
        config = self.config
        with build_lock(config.root):
            altered: set[str] | None = set() if self.wrote_site else None  # serve: site/ is written by this builder alone
            scanned = None
            if self.state is None:
                with _collector_paused(True, freeze=True):  # the cache just read stays: the collector need not walk it
                    first = _first_look(config, self.workers)
                self.state, scanned, altered = first.state, first.files, first.altered
                self.registry, self.saved_index = self.registry or first.registry, first.index
                self.timeline = self.timeline or (first.index.timeline if first.index else None)
                if self.state.entry_keys:  # made with the URLs of the cached index, if it is current (see read_index)
                    self.keys = EntryKeys(self.state.entry_keys, {path: entry for path, (_, entry) in self.state.known.items()}, self.state.keys_urls,
                                          slugs=url_slugs(self.timeline) if self.timeline is not None else ())
            with _collector_paused(self.state.manifest is not None, freeze=not self.serving):  # a rebuild, not a cold build
                remove_leftovers(config.site)
                files = self._files(changed, scanned)
                known_before, keys_before = self.state.known, self.state.entry_keys
                timeline, redirects, self.state.known, self.registry = read_content(config, self.state.known, self.workers, self.state.slugs,
                                                                                    self.registry, files, self.timeline)
                self.timeline = timeline
                self._remember_registry()
                theme = self.theme = load_theme(config, config.root / CACHE_DIR / "templates", self.theme if self.theme_config == config else None)
                self.theme_config = config
                made_with = digest(site_key(config), repr(sorted(theme.fingerprints.items())))
                self._fresh_caches(made_with, len(timeline.entries))
                self.keys = entry_keys(timeline, self.keys)
                self.state.entry_keys, self.state.keys_urls = self.keys.keys, self.keys.urls
                renderer = Renderer(theme, config, timeline, self.keys.keys, self.items, self.groups if self.serving else None, self.store.find,
                                    self.runs, self.store.find_runs, spill=self.store.add_runs)
                if self.planned.generation != self.keys.generation:
                    self.planned = Planned(self.keys.generation)
                # the same, and the site has the same pages: an edit changes only those of what its entries name
                pages_made_with = digest(made_with, self.keys.urls, repr(self.registry.stamps), repr(timeline.years), repr(sorted(theme.static)))
                only = None
                if scanned is not None and not self.serving and self.state.manifest and self.state.pages_made_with == pages_made_with and not altered:
                    only = Affected.by(_changed(known_before, keys_before, self.keys), self.registry.registry)
                jobs = plan(timeline, config, redirects, renderer, self.planned, only)
                written = write_site(jobs, renderer, config.site, self.state.manifest, self.workers, altered, _data_file if pages_first else None,
                                     keep=(SEARCH_DIR,) if config.search else (), partial=only is not None)
                self.wrote_site = self.serving
                self.state.manifest, self.state.pages_made_with = written.manifest, pages_made_with
                if len(self.items) > 2 * self.items_kept + 1000:
                    self._forget_old_items()
                live = live_runs(written.manifest)
                self.runs = {key: run for key, run in self.runs.items() if key in live}
                if save:
                    self.save()
            seconds = time.perf_counter() - started
            search_seconds = self._search(written.manifest) if search else None
        return BuildReport(len(timeline.entries), len(timeline.actors), len(timeline.locations), len(written.manifest), written.written,
                           written.removed, seconds, written.left, search_seconds)

    def _search(self, manifest: Manifest) -> float | None:
        """Makes the search index if the pages changed (or drops it, if search is off); how long it took, if it ran."""
        if not self.config.search:
            shutil.rmtree(self.config.site / SEARCH_DIR, ignore_errors=True)
            return None
        started = time.perf_counter()
        return time.perf_counter() - started if self.search.refresh(manifest) else None

    def _files(self, changed: Iterable[Path] | None, scanned: list[tuple[str, Stamp]] | None) -> list[tuple[str, Stamp]]:
        """The entry files under content/ with their stamps: `scanned` a moment ago, or the last build's brought
        up to date with the `changed` files if it can be; else a scan now."""
        content, previous = self.config.content, self.files
        self.files = None  # unknown until this is done
        files = scanned
        if files is None and changed is not None and previous is not None and previous[0] == content:
            files = rescan(content, previous[1], changed)
        if files is None:
            files = scan(content)
        self.files = (content, files)
        return files

    def _remember_registry(self) -> None:
        """Puts the registry's records in the cache, unless its files have problems to report again next time."""
        assert self.state is not None and self.registry is not None
        if not self.registry.problems:
            registry = self.registry.registry
            self.state.registry_stamps = [list(stamp) for stamp in self.registry.stamps]
            self.state.registry = {**{(ACTORS_FILE, name): r for name, r in registry.actors.items()},
                                   **{(LOCATIONS_FILE, name): r for name, r in registry.locations.items()}}

    def _fresh_caches(self, made_with: str, entries: int) -> None:
        """Forgets rendered items made with other templates or settings, and months that pile up from edits."""
        if made_with != self.items_made_with:
            self.items, self.groups, self.runs, self.items_made_with, self.items_kept = {}, {}, {}, made_with, 0
        self.store.use(made_with)
        if len(self.groups) > 10 * entries + 1000:
            self.groups = {}

    def _forget_old_items(self) -> None:
        """Drops the items of entries that changed or went (now and then: they only take room)."""
        assert self.keys is not None
        current = set(self.keys.keys.values())
        self.items = {key: html for key, html in self.items.items() if key[0] in current}
        self.items_kept = len(self.items)

    def recall_items(self) -> None:
        """Puts every list item of earlier builds at hand, as serve wants, rather than fetching them page by page."""
        for key, item in self.store.everything().items():
            self.items.setdefault(key, item)

    def save(self) -> None:
        """Writes what changed in the cache since it was last saved."""
        if self.state is not None:
            write_state(self.config.root, self.state)
        saved = self.saved_index
        if self.timeline is not None and (saved is None or self.timeline is not saved.timeline) and self.registry is not None:
            self.saved_index = write_index(self.config.root, self.timeline, [list(stamp) for stamp in self.registry.stamps], saved)
        if self.keys is not None:
            self.store.keep(self.items, set(self.keys.keys.values()), self.runs, live_runs(self.state.manifest or {}))


def _data_file(path: str) -> bool:
    """A file of the site that no browser shows as a page: feeds, JSON, CSV, the sitemap."""
    return not path.endswith(".html") and not path.startswith("static/")


def _changed(known: Known, keys: dict[str, str], now: EntryKeys) -> list[Entry]:
    """The entries whose key is not what it was, as they were and as they are (new and gone ones too)."""
    before = [entry for path, (_, entry) in known.items() if now.keys.get(path) != keys.get(path)]
    return before + [entry for path, entry in now.entries.items() if keys.get(path) != now.keys[path]]


@dataclass(frozen=True)
class FirstLook:
    """What a builder learns before its first build: the build cache (with the registry and index it holds,
    if still current), the entry files under content/, and the files of site/ no longer as the cache says."""

    state: BuildState
    registry: RegistryFiles | None
    index: SavedIndex | None
    files: list[tuple[str, Stamp]]
    altered: set[str]


def _first_look(config: Config, workers: int) -> FirstLook:
    """Each part takes a while on a large site: with two cores, another process scans content/ and checks
    site/ against the manifest (read before it starts) while this one reads the rest of the cache."""
    state = read_pages(config.root)

    def cache() -> tuple[RegistryFiles | None, SavedIndex | None]:
        read_entries(config.root, state)
        registry = _cached_registry(config, state)
        stamps = [list(stamp) for stamp in registry.stamps] if registry else None
        return registry, read_index(config.root, state.known, registry.registry, stamps) if registry and stamps else None

    def around() -> tuple[list[tuple[str, Stamp]], set[str]]:
        return scan(config.content), unlike(config.site, state.manifest or {})

    if workers <= 1:
        (registry, index), (files, altered) = cache(), around()
    else:
        (registry, index), (files, altered) = in_parts(lambda part, _: around() if part else cache(), 2)  # type: ignore[misc]
    return FirstLook(state, registry, index, files, altered)


@contextmanager
def _collector_paused(pause: bool, freeze: bool = False) -> Iterator[None]:
    """Python's cycle collector walks every object each time it runs: a third of a small rebuild among
    the many objects of a large site. Small rebuilds make little cyclic garbage, so it waits till after.
    With `freeze`, what was made meanwhile is set aside for good (gc.freeze): else the first collection
    after would walk it all (a fresh `timeline build` ends right after; serve collects on its own)."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        gc.enable()


def read_content(config: Config, known: Known | None = None, workers: int = 1, slugs: dict[str, str] | None = None,
                 registry: RegistryFiles | None = None, files: list[tuple[str, Stamp]] | None = None,
                 previous: Timeline | None = None) -> tuple[Timeline, Redirects, Known, RegistryFiles]:
    """Loads and indexes content/ (only `files` of it, if given); raises TimelineError with every problem found.

    With the `previous` index, made with the same registry, only the entries that changed are indexed again.
    """
    given = registry
    entries, registry, problems, known = gather(config, known, workers, registry, files)
    errors = tuple(p for p in problems if not p.warning)
    if errors:
        raise TimelineError(f"build stopped: {len(errors)} problem(s) in content/; site/ was not changed", errors)
    updated = reindex(previous, entries, registry.registry) if previous is not None and registry is given else None
    return updated or index(entries, registry.registry, slugs, previous), registry.redirects, known, registry


@dataclass(frozen=True)
class RegistryFiles:
    """The registry and redirects as read from their files, with the problems found, and the files' stamps."""

    stamps: tuple[tuple[int, int], ...]
    registry: Registry
    redirects: Redirects
    problems: list[Problem]


def read_registry(config: Config, previous: RegistryFiles | None = None) -> RegistryFiles:
    """The registry files, read again only if one of them changed since `previous`."""
    stamps = _registry_stamps(config)
    if previous is not None and previous.stamps == stamps:
        return previous
    registry, redirects, problems = Registry(), Redirects(), []
    try:
        registry = load_registry(config.content)
        redirects = Redirects.load(config.content)
    except TimelineError as error:
        problems += error.problems
    return RegistryFiles(stamps, registry, redirects, problems + alias_clashes(config.content, registry))


def gather(config: Config, known: Known | None = None, workers: int = 1, registry: RegistryFiles | None = None,
           files: list[tuple[str, Stamp]] | None = None) -> tuple[list[Entry], RegistryFiles, list[Problem], Known]:
    """Everything under content/ that can be read, and every error that the rest has."""
    entries, problems, known = load(config.content, display_root=config.root, known=known, workers=workers, files=files)
    registry = read_registry(config, registry)
    return entries, registry, problems + registry.problems + validate(entries), known


def _cached_registry(config: Config, state: BuildState) -> RegistryFiles | None:
    """The registry as the build cache has it, if its files have not changed since (reading YAML is slow)."""
    stamps = _registry_stamps(config)
    if not state.registry or state.registry_stamps != [list(stamp) for stamp in stamps]:
        return None
    try:
        redirects = Redirects.load(config.content)
    except TimelineError:
        return None
    actors = {name: record for (file, name), record in state.registry.items() if file == ACTORS_FILE}
    locations = {name: record for (file, name), record in state.registry.items() if file == LOCATIONS_FILE}
    return RegistryFiles(stamps, Registry(actors, locations), redirects, [])


def _registry_stamps(config: Config) -> tuple[tuple[int, int], ...]:
    return tuple(_stamp(config.content / name) for name in (ACTORS_FILE, LOCATIONS_FILE, REDIRECTS_FILE))


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
        return stat.st_mtime_ns, stat.st_size
    except OSError:
        return 0, -1
