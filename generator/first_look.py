"""What an incremental build reads before its first build: the build cache, the entry files, and what became of site/."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from generator.content_registry import RegistryFiles, cached_registry
from generator.cache_store import CacheStore
from generator.config import Config
from generator.load import Stamp, scan
from generator.parallel import in_parts
from generator.saved_index import SavedIndex, read_index
from generator.state import BuildState, read_entries, read_pages
from generator.write import unlike


@dataclass(frozen=True)
class FirstLook:
    """The build cache (with the registry and index it holds, if still current), the entry files under
    content/, and the files of site/ no longer as the cache says."""

    state: BuildState
    registry: RegistryFiles | None
    index: SavedIndex | None
    files: list[tuple[str, Stamp]]
    altered: set[str]


def first_look(config: Config, workers: int, store: CacheStore) -> FirstLook:
    """Each part takes a while on a large site: with two cores, another process scans content/ and checks
    site/ against the manifest (read before it starts) while this one reads the rest of the cache."""
    state = read_pages(store)

    def cache() -> tuple[RegistryFiles | None, SavedIndex | None]:
        read_entries(store, state)
        registry = cached_registry(config, state)
        stamps = [list(stamp) for stamp in registry.stamps] if registry else None
        return registry, read_index(store, state.known, registry.registry, stamps) if registry and stamps else None

    def around() -> tuple[list[tuple[str, Stamp]], set[str]]:
        return scan(config.content), unlike(config.site, state.manifest or {})

    if workers <= 1:
        (registry, index), (files, altered) = cache(), around()
    else:
        (registry, index), (files, altered) = in_parts(lambda part, _: around() if part else cache(), 2)  # type: ignore[misc]
    return FirstLook(state, registry, index, files, altered)


@contextmanager
def collector_paused(pause: bool, freeze: bool = False) -> Iterator[None]:
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
