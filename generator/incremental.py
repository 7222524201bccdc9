"""Incremental builds: the pure stages of build.py, wrapped so that a build redoes only what changed.

What the last build read and wrote is kept in one store, ROOT/.timeline-cache/cache.sqlite (cache_store.py).
From it, the next build parses only the entry files whose stamp changed, indexes only the entries that
changed (reindex), plans only the pages an edit can change (affected), renders only the files whose
key changed, with the list items and runs of earlier builds at hand (memo), and writes only the files
whose bytes changed. Its output is byte for byte a cold build's.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from generator.affected import Affected
from generator.cache_store import STORE_FILE, CacheStore
from generator.config import Config
from generator.content_registry import RegistryFiles, read_registry
from generator.contexts import EntryPage, PageSpec
from generator.errors import Problem, stop_on
from generator.first_look import collector_paused, first_look
from generator.index import index
from generator.item_store import ItemStore
from generator.kept_pieces import KeptPieces
from generator.load import FileChanged, Stamp, read_files, rescan, scan, with_body
from generator.model import Entry, Timeline
from generator.plan import digest, entry_keys, plan, site_key, url_inputs, urls_digest
from generator.produce import produce
from generator.registry import ACTORS_FILE, LOCATIONS_FILE
from generator.reindex import reindex
from generator.render import Renderer
from generator.report import BuildReport
from generator.saved_index import SavedIndex, write_index
from generator.search import SEARCH_DIR, Search
from generator.state import CACHE_DIR, BuildState, Known, build_lock, write_state
from generator.theme import Theme, load_theme
from generator.validate import validate
from generator.write import Manifest, WriteReport, check_paths, publish, remove_leftovers, staging_folder, unlike


ATTEMPTS = 3  # builds started over when an entry file changes under them (see Builds.build)


class Builds:
    """Builds one project again and again, keeping what the last build knew (for `build` and `serve`)."""

    def __init__(self, config: Config, workers: int | None = None, serving: bool = False) -> None:
        self.config = config
        self.workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        self.serving = serving  # site/ is written by this object alone, and months of items are worth keeping
        self.state: BuildState | None = None  # read from the cache on the first build
        self.cache = CacheStore(config.root / CACHE_DIR / STORE_FILE)  # the one store of all the cache holds
        self.pieces = KeptPieces(ItemStore(self.cache), serving)
        self.theme: Theme | None = None
        self.registry: RegistryFiles | None = None
        self.timeline: Timeline | None = None
        self.saved_index: SavedIndex | None = None
        self.keys: dict[str, str] = {}  # entry path -> key, made with the URLs `self.urls` names
        self.key_of: dict[str, tuple[str, str]] = {}  # entry path -> (file digest, key)
        self.urls = ""
        self.url_inputs: tuple[object, ...] = ()  # what self.urls is the digest of, if known
        self.files: tuple[Path, list[tuple[str, Stamp]]] | None = None
        self.wrote_site = False
        self.search = Search(Path(os.path.realpath(config.site)), self.cache)  # made beside the folder site/ links to, if it does

    def build(self, save: bool = True, changed: Iterable[Path] | None = None, pages_first: bool = False) -> BuildReport:
        """Brings site/ up to date; with `save`, the cache on disk too (serve saves it once, at the end).

        `changed`: the files that changed since the last build of this object, if known (serve is told),
        which spares a scan of content/. With `pages_first`, data files that already exist (feeds, JSON,
        CSV, the sitemap) are left for the next build: serve makes them right after browsers reload.
        An entry file removed or broken while the build runs makes it start over, planning every page.
        """
        for attempt in range(ATTEMPTS):
            try:
                return self._build(save, changed, pages_first)
            except FileChanged:
                if attempt == ATTEMPTS - 1:
                    raise
                changed = None  # scanned again
                if self.state is not None:
                    self.state.pages_made_with = ""  # the keys are those of the build that stopped, not of site/
        raise AssertionError("unreachable")

    def _build(self, save: bool, changed: Iterable[Path] | None, pages_first: bool) -> BuildReport:
        started = time.perf_counter()
        config = self.config
        with build_lock(config.root):
            altered: set[str] | None = set() if self.wrote_site else None  # site/ was written by this object alone
            scanned = None
            if self.state is None:
                scanned, altered = self._first_look()
            assert self.state is not None
            with collector_paused(self.state.manifest is not None, freeze=not self.serving):  # a rebuild, not a cold build
                remove_leftovers(config.site)
                known_before, keys_before, registry_before = self.state.known, self.keys, self.registry
                entries, problems = self._load(changed, scanned)
                self.registry = read_registry(config, self.registry)
                stop_on(problems + validate(entries, self.registry))
                timeline = self._index(entries, same_registry=registry_before is not None and registry_before.stamps == self.registry.stamps)
                theme = self.theme = load_theme(config, self.cache, self.theme)
                keys = self._keys(timeline)
                made_with = digest(site_key(config), repr(sorted(theme.fingerprints.items())))  # what every rendered piece is made with
                pages_made_with = digest(made_with, self.urls, repr(self.registry.stamps), repr(timeline.years), repr(sorted(theme.static)))
                same_pages = self.state.manifest and self.state.pages_made_with == pages_made_with and not altered
                only = Affected.by(_changed(known_before, keys_before, keys, timeline), self.registry.registry) if same_pages else None
                specs = plan(timeline, theme, config, self.registry.redirects, keys, only, self.registry.eras)
                report = self._write(specs, Renderer(theme, config, timeline, keys, self.pieces.memo(made_with, len(keys))), altered, pages_first, partial=only is not None)
                # files left for later keep their old keys: the next build plans every page, to find them
                self.state.manifest, self.state.pages_made_with = report.manifest, pages_made_with if not report.left else ""
                self.wrote_site = self.serving
                self.pieces.forget(set(keys.values()), report.manifest)
                if save:
                    self.save()
        return BuildReport(len(timeline.entries), len(timeline.actors), len(timeline.locations), len(report.manifest), report.written,
                           report.removed, time.perf_counter() - started, report.left)

    def _first_look(self) -> tuple[list[tuple[str, Stamp]], set[str]]:
        with collector_paused(True, freeze=True):  # the cache just read stays: the collector need not walk it
            first = first_look(self.config, self.workers, self.cache)
        self.state, self.saved_index = first.state, first.index
        self.registry = self.registry or first.registry
        self.timeline = self.timeline or (first.index.timeline if first.index else None)
        self.keys, self.urls = self.state.entry_keys, self.state.keys_urls
        self.key_of = {path: (entry.digest, self.keys[path]) for path, (_, entry) in self.state.known.items() if path in self.keys}
        return first.files, first.altered

    def _load(self, changed: Iterable[Path] | None, scanned: list[tuple[str, Stamp]] | None) -> tuple[list[Entry], list[Problem]]:
        """The entries under content/ (load's), parsing only the files whose stamp is not the one the cache has."""
        assert self.state is not None
        files, known = self._files(changed, scanned), self.state.known
        read = read_files(self.config.content, [(path, stamp) for path, stamp in files if path not in known or known[path][0] != stamp],
                          self.config.root, self.workers)
        entries: list[Entry] = []
        problems: list[Problem] = []
        now: Known = {}
        for path, stamp in files:
            result = read[path] if path in read else known[path][1]
            if isinstance(result, Entry):
                result = replace(result, body="") if result.body else result  # kept without it: it is read again as the page is made
                entries.append(result)
                now[path] = (stamp, result)
            else:
                problems += result
        self.state.known = now
        return entries, problems

    def _files(self, changed: Iterable[Path] | None, scanned: list[tuple[str, Stamp]] | None) -> list[tuple[str, Stamp]]:
        """The entry files with their stamps: `scanned` a moment ago, or the last build's brought up to date
        with the `changed` files if it can be; else a scan now."""
        content, previous = self.config.content, self.files
        self.files = None  # unknown until this is done
        files = scanned
        if files is None and changed is not None and previous is not None and previous[0] == content:
            files = rescan(content, previous[1], changed)
        if files is None:
            files = scan(content)
        self.files = (content, files)
        return files

    def _index(self, entries: list[Entry], same_registry: bool) -> Timeline:
        """The index; from the last one, with only the entries that changed, where the registry is the same."""
        assert self.state is not None and self.registry is not None
        registry = self.registry.registry
        updated = reindex(self.timeline, entries, registry) if same_registry and self.timeline is not None else None
        timeline = updated or index(entries, registry, self.state.slugs, self.timeline)
        self.timeline = timeline
        if not self.registry.problems:
            self.state.registry_stamps = [list(stamp) for stamp in self.registry.stamps]
            self.state.registry = {**{(ACTORS_FILE, name): r for name, r in registry.actors.items()},
                                   **{(LOCATIONS_FILE, name): r for name, r in registry.locations.items()}}
        return timeline

    def _keys(self, timeline: Timeline) -> dict[str, str]:
        """Each entry's key (plan.entry_keys): while no URL changed, those of entries whose file is the same are the last build's."""
        assert self.state is not None
        inputs = url_inputs(timeline)
        urls = self.urls if self.urls and inputs == self.url_inputs else urls_digest(timeline)
        self.url_inputs = inputs
        fresh = [e for e in timeline.entries if urls != self.urls or self.key_of.get(e.path, ("",))[0] != e.digest]
        made = entry_keys(timeline, fresh) if fresh else {}
        keys = {e.path: made[e.path] if e.path in made else self.key_of[e.path][1] for e in timeline.entries}
        self.keys, self.urls = keys, urls
        self.key_of = {e.path: (e.digest, keys[e.path]) for e in timeline.entries}
        self.state.entry_keys, self.state.keys_urls = keys, urls
        return keys

    def _write(self, specs: list[PageSpec], renderer: Renderer, altered: set[str] | None, pages_first: bool, partial: bool) -> WriteReport:
        """Renders the files whose key is not the one site/ has, and puts those whose bytes changed in place."""
        assert self.state is not None
        config, previous = self.config, self.state.manifest
        check_paths([spec.path for spec in specs])
        with staging_folder(config.site) as staging:
            if previous is None or not config.site.is_dir():
                return publish(produce(specs, renderer, staging, {}, self.workers, self._with_body), staging, config.site, None, [s.path for s in specs],
                               keep=(SEARCH_DIR,) if config.search else ())
            altered = altered if altered is not None else unlike(config.site, previous)
            current = {path: record for path, record in previous.items() if path not in altered} if altered else previous
            todo = [spec for spec in specs if spec.path not in current or current[spec.path].key != spec.key]
            left = [spec for spec in todo if spec.path in current and _data_file(spec.path)] if pages_first else []
            todo = [spec for spec in todo if not (pages_first and spec.path in current and _data_file(spec.path))]
            staged = produce(todo, renderer, staging, current, self.workers, self._with_body)
            return publish(staged, staging, config.site, previous, [s.path for s in specs], current=current, partial=partial, left=len(left))

    def _with_body(self, spec: PageSpec) -> PageSpec:
        """The spec, an entry's page with its entry's body read again: entries are kept without it (a cold build of
        100,000 entries would hold 200 MB of them), and each page is made with its own, one at a time. A file saved
        again since it was read gives the newer body, and a key no build plans: the next build makes the page again."""
        if not isinstance(spec.context, EntryPage):
            return spec
        entry = with_body(self.config.content, spec.context.entry, self.config.root)
        return replace(spec, context=replace(spec.context, entry=entry), key=spec.key if entry.digest == spec.context.entry.digest else "")

    @property
    def manifest(self) -> Manifest:
        """What site/ holds, as the last build wrote it."""
        return (self.state.manifest if self.state is not None else None) or {}

    def update_search(self) -> float | None:
        """Makes the search index if the pages changed (or drops it, if search is off); how long it took, if it ran."""
        if not self.config.search:
            shutil.rmtree(self.config.site / SEARCH_DIR, ignore_errors=True)
            return None
        started = time.perf_counter()
        with build_lock(self.config.root):
            return time.perf_counter() - started if self.search.refresh(self.manifest) else None

    def save(self) -> None:
        """Writes what changed in the cache since it was last saved."""
        if self.state is None:
            return
        write_state(self.cache, self.state)
        saved = self.saved_index
        if self.timeline is not None and (saved is None or self.timeline is not saved.timeline) and self.registry is not None:
            self.saved_index = write_index(self.cache, self.timeline, [list(stamp) for stamp in self.registry.stamps], saved)
        self.pieces.save(set(self.keys.values()), self.manifest)


def _data_file(path: str) -> bool:
    """A file of the site that no browser shows as a page: feeds, JSON, CSV, the sitemap."""
    return not path.endswith(".html") and not path.startswith("static/")


def _changed(known: Known, keys_before: dict[str, str], keys: dict[str, str], timeline: Timeline) -> list[Entry]:
    """The entries whose key is not what it was, as they were (gone ones too) and as they are (new ones too)."""
    before = [entry for path, (_, entry) in known.items() if keys.get(path) != keys_before.get(path)]
    return before + [e for e in timeline.entries if keys_before.get(e.path) != keys[e.path]]
