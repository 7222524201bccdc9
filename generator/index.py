"""Orders entries and indexes them by actor, location, tag and year."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from generator import urls
from generator.model import Entry, Term, Timeline


def index(entries: Iterable[Entry]) -> Timeline:
    """Builds the Timeline: entries oldest first, terms sorted by name."""
    ordered = tuple(sorted(entries, key=lambda e: (e.date, e.title.casefold(), e.id)))
    entry_slugs = urls.unique_slugs(file_stem(e) for e in ordered)
    return Timeline(
        entries=ordered,
        entry_slugs={e.path: entry_slugs[file_stem(e)] for e in ordered},
        actors=_terms(ordered, lambda e: e.actors),
        locations=_terms(ordered, lambda e: e.locations),
        tags=_terms(ordered, lambda e: e.tags),
        years=tuple(sorted({e.date.year for e in ordered})),
    )


def file_stem(entry: Entry) -> str:
    """The entry's file name without folder and extension: the basis of its URL."""
    return entry.path.rsplit("/", 1)[-1].removesuffix(".md")


def _terms(entries: tuple[Entry, ...], names_of: Callable[[Entry], tuple[str, ...]]) -> tuple[Term, ...]:
    listed: dict[str, list[Entry]] = {}
    for entry in entries:
        for name in names_of(entry):
            listed.setdefault(name, []).append(entry)
    slugs = urls.unique_slugs(listed)
    return tuple(Term(name, slugs[name], tuple(listed[name])) for name in sorted(listed, key=lambda n: (n.casefold(), n)))
