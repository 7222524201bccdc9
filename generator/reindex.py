"""Updates the last build's index for the few entries an edit changed, instead of indexing every entry again.

It follows only changes it can follow exactly; for any other (a file added, removed or renamed, a name
new or gone, a place spelled two ways, a new registry) it answers None and the index is built afresh.
Either way the Timeline is the same: tests compare the two.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Callable

from generator.index import country_keys, country_name, sort_key
from generator.model import Entry, Term, Timeline
from generator.registry import Registry, name_key

MOST_CHANGED = 64  # entries changed at once that are worth following one by one


def reindex(previous: Timeline, entries: list[Entry], registry: Registry) -> Timeline | None:
    """`previous` with the entries that are not in it put in the place of those that are gone, or None.

    Entries that did not change are the very objects `previous` holds (the loader reuses them).
    """
    now = {id(e) for e in entries}
    removed = [e for e in previous.entries if id(e) not in now]
    if not removed and len(entries) == len(previous.entries):
        return previous
    before = {id(e) for e in previous.entries}
    added = [e for e in entries if id(e) not in before]
    if len(removed) > MOST_CHANGED or sorted(e.path for e in removed) != sorted(e.path for e in added):
        return None
    ordered = list(previous.entries)
    for entry in removed:
        at = bisect_left(ordered, sort_key(entry), key=sort_key)
        if at == len(ordered) or ordered[at] is not entry:
            return None
        del ordered[at]
    for entry in added:
        insort(ordered, entry, key=sort_key)
    actors = _terms(previous.actors, removed, added, lambda e: e.actors)
    tags = _terms(previous.tags, removed, added, lambda e: e.tags)
    locations = _places(previous.locations, removed, added, registry)
    if actors is None or tags is None or locations is None:
        return None
    return Timeline(tuple(ordered), previous.entry_slugs, actors, locations, tags, tuple(sorted({e.date.year for e in ordered})))


def _terms(terms: tuple[Term, ...], removed: list[Entry], added: list[Entry], names_of: Callable[[Entry], tuple[str, ...]],
           within: dict[str, tuple[list[Entry], list[Entry]]] | None = None) -> tuple[Term, ...] | None:
    """The terms with the removed entries taken out and the added ones put in; None if a term or a spelling of one would come or go."""
    position = {name: at for at, term in enumerate(terms) for name in (term.name, *term.spellings)}
    named = {name for entry in (*removed, *added) for name in names_of(entry)}
    if not named | set(within or ()) <= position.keys():
        return None
    result = list(terms)
    for at in sorted({position[name] for name in named | set(within or ())}):
        term = terms[at]

        def owns(entry: Entry, at: int = at) -> bool:
            return any(position.get(name) == at for name in names_of(entry))

        listed = _moved(term.entries, [e for e in removed if owns(e)], [e for e in added if owns(e)])
        out, into = (within or {}).get(term.name, ([], []))
        inside = _moved(term.within, out, into)
        if bool(listed) != bool(term.entries) or not (listed or inside):
            return None  # named by an entry no more, or newly: how its places are spelled may change (see index._places)
        spellings = term.spellings
        if spellings and any(name in spellings for e in removed for name in names_of(e)):  # maybe the last entry to write one
            spellings = tuple(sorted({name for e in listed for name in names_of(e) if name != term.name and position.get(name) == at}))
        result[at] = Term(term.name, term.slug, listed, term.record, inside, spellings)
    return tuple(result)


def _places(terms: tuple[Term, ...], removed: list[Entry], added: list[Entry], registry: Registry) -> tuple[Term, ...] | None:
    """Location terms, with the entries placed inside a country moved in and out of its `within` too."""
    spellings: dict[str, list[str]] = {}  # name key -> the spellings entries use for it
    for term in terms:
        if term.entries:
            spellings.setdefault(name_key(term.name), []).append(term.name)
    within: dict[str, tuple[list[Entry], list[Entry]]] = {}
    for side, entries in ((0, removed), (1, added)):
        for entry in entries:
            if any(len(spellings.get(name_key(n), ())) > 1 for n in entry.locations):
                return None  # which spelling names the place depends on which entry comes first
            for key in country_keys(entry, registry):
                if len(spellings.get(key, ())) > 1:
                    return None
                country = country_name(registry, key) or (spellings[key][0] if key in spellings else "")  # as index._places names it
                if country:
                    within.setdefault(country, ([], []))[side].append(entry)
    return _terms(terms, removed, added, lambda e: e.locations, within)


def _moved(entries: tuple[Entry, ...], out: list[Entry], into: list[Entry]) -> tuple[Entry, ...]:
    if not out and not into:
        return entries
    gone = {id(e) for e in out}
    listed = [e for e in entries if id(e) not in gone]
    for entry in into:
        insort(listed, entry, key=sort_key)
    return tuple(listed)

