"""The last build's index in the cache store, its terms holding positions of entries, for the next build to start from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import msgspec

from generator import __version__
from generator.cache_store import CacheStore
from generator.model import Term, Timeline
from generator.registry import Registry
from generator.state import DAMAGED, FORMAT, Known

INDEX_FILE = "index.json"  # the index of the last build (see read_index)


class _TermRow(msgspec.Struct, array_like=True, gc=False):
    name: str
    slug: str
    entries: list[int]  # positions in _Index.entries
    within: list[int]
    spellings: list[str] = []  # Term.spellings


class _Index(msgspec.Struct):
    format: int
    generator: str
    registry: list[list[int]]  # the stamps of the registry files it was made with
    entries: list[tuple[str, str, str]]  # path, digest of the file, slug: in the order of Timeline.entry_slugs
    order: list[int]  # Timeline.entries, oldest first, as positions in `entries`
    actors: list[_TermRow]
    locations: list[_TermRow]
    tags: list[_TermRow]


@dataclass(frozen=True)
class SavedIndex:
    """An index as the build cache has it, with its terms' rows: the next save reuses those of the same terms."""

    timeline: Timeline
    rows: dict[str, dict[str, _TermRow]]  # kind -> name -> row


def write_index(store: CacheStore, timeline: Timeline, registry_stamps: list[Any], saved: SavedIndex | None = None) -> SavedIndex:
    """Keeps the index, its terms holding positions of entries, for the next build to start from (see read_index).

    Positions follow the index's entry URLs, which stay while no file is added or removed: the rows of
    terms that did not change since `saved` are then used again."""
    at = {path: position for position, path in enumerate(timeline.entry_slugs)}
    same = saved is not None and saved.timeline.entry_slugs is timeline.entry_slugs
    rows: dict[str, dict[str, _TermRow]] = {}
    for kind in ("actors", "locations", "tags"):
        before = {t.name: t for t in getattr(saved.timeline, kind)} if same else {}  # type: ignore[union-attr]
        rows[kind] = {t.name: saved.rows[kind][t.name] if before.get(t.name) is t else  # type: ignore[union-attr]
                      _TermRow(t.name, t.slug, [at[e.path] for e in t.entries], [at[e.path] for e in t.within], list(t.spellings))
                      for t in getattr(timeline, kind)}
    known = {e.path: e.digest for e in timeline.entries}
    index = _Index(FORMAT, __version__, registry_stamps, [(path, known[path], slug) for path, slug in timeline.entry_slugs.items()],
                   [at[e.path] for e in timeline.entries], *(list(rows[kind].values()) for kind in ("actors", "locations", "tags")))
    store.replace_chunks(INDEX_FILE, [msgspec.json.encode(index)])
    return SavedIndex(timeline, rows)


def read_index(store: CacheStore, known: Known, registry: Registry, registry_stamps: list[Any]) -> SavedIndex | None:
    """The index of the last build, made of the `known` entries (the very objects), if it was made from
    those and this registry: then an edit indexes only the entries it changed (see reindex). Else None."""
    try:
        saved = msgspec.json.decode(store.chunks(INDEX_FILE)[0], type=_Index)
    except DAMAGED:
        return None
    if saved.format != FORMAT or saved.generator != __version__ or saved.registry != registry_stamps or len(saved.entries) != len(known):
        return None
    entries = []
    for path, digest, _ in saved.entries:
        entry = known[path][1] if path in known else None
        if entry is None or entry.digest != digest:
            return None
        entries.append(entry)

    def terms(rows: list[_TermRow], kind: str) -> tuple[Term, ...]:
        records = registry.records(kind, [t.name for t in rows]) if kind != "tags" else [None] * len(rows)
        return tuple(Term(t.name, t.slug, tuple([entries[i] for i in t.entries]), record, tuple([entries[i] for i in t.within]), tuple(t.spellings))
                     for t, record in zip(rows, records))

    try:
        ordered = tuple([entries[i] for i in saved.order])
        timeline = Timeline(ordered, {path: slug for path, _, slug in saved.entries}, terms(saved.actors, "actors"),
                            terms(saved.locations, "locations"), terms(saved.tags, "tags"), tuple(sorted({e.date.year for e in ordered})))
    except IndexError:
        return None
    if len(set(saved.order)) != len(entries):
        return None  # some entry twice, and another not at all
    return SavedIndex(timeline, {kind: {t.name: t for t in getattr(saved, kind)} for kind in ("actors", "locations", "tags")})
