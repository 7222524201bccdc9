"""Orders entries and indexes them by actor, location, tag and year."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from operator import attrgetter

from generator import urls
from generator.model import Entry, Term, Timeline
from generator.registry import Record, Registry, name_key
from generator.spellings import owner


def index(entries: Iterable[Entry], registry: Registry | None = None, slugs: dict[str, str] | None = None,
          previous: Timeline | None = None) -> Timeline:
    """Builds the Timeline: entries oldest first, terms sorted by name, with what the registry knows.

    `slugs` remembers the slug of each name (slugify is slow); names new to it are added. URLs depend
    only on which names and files there are, so those of the `previous` timeline are reused if these are the same.
    """
    registry = registry or Registry()
    memo = slugs if slugs is not None else {}

    def slug_of(name: str) -> str:
        if name not in memo:
            memo[name] = urls.slug(name)
        return memo[name]

    ordered = tuple(sorted(entries, key=sort_key))
    if previous is not None and previous.entry_slugs.keys() == {e.path for e in ordered}:
        by_path = previous.entry_slugs
    else:
        stems = {e.path: file_stem(e) for e in ordered}
        entry_slugs = urls.unique_slugs(stems.values(), urls.entry_slug)
        by_path = {path: entry_slugs[stem] for path, stem in stems.items()}

    def before(kind: str) -> dict[str, str] | None:
        return {t.name: t.slug for t in getattr(previous, kind)} if previous is not None else None

    return Timeline(
        entries=ordered,
        entry_slugs=by_path,
        actors=_terms(ordered, attrgetter("actors"), registry.actor, slug_of, before("actors")),
        locations=_places(ordered, registry, slug_of, before("locations")),
        tags=_terms(ordered, attrgetter("tags"), lambda name: None, slug_of, before("tags")),
        years=tuple(sorted({e.date.year for e in ordered})),
    )


def sort_key(entry: Entry) -> tuple[object, ...]:
    """Oldest first; on one day, by title, then id (ids are unique, so no two entries tie)."""
    return entry.date, entry.title.casefold(), entry.id


def country_keys(entry: Entry, registry: Registry) -> list[str]:
    """The name keys of the countries the entry's places are in, which the entry does not name itself (by any of their names)."""
    direct = {name_key(owner(n, registry.location(n))) for n in entry.locations}
    countries = {name_key(owner(r.country, registry.location(r.country))) for n in entry.locations if (r := registry.location(n)) and r.country}
    return sorted(countries - direct)


def file_stem(entry: Entry) -> str:
    """The entry's file name without folder and extension: the basis of its URL."""
    return entry.path.rsplit("/", 1)[-1].removesuffix(".md")


def _terms(entries: tuple[Entry, ...], names_of: Callable[[Entry], tuple[str, ...]], record_of: Callable[[str], Record | None],
           slug_of: Callable[[str], str], before: dict[str, str] | None, within: dict[str, list[Entry]] | None = None) -> tuple[Term, ...]:
    """The terms that entries name, each listing its entries once: a name the registry knows is listed under its record's name."""
    listed: dict[str, list[Entry]] = {}
    records: dict[str, Record | None] = {}
    owner_of: dict[str, str] = {}  # each name as written -> the term it is listed under
    for entry in entries:
        owned: list[str] = []
        for name in names_of(entry):
            if name not in owner_of:
                record = record_of(name)
                owner_of[name] = owner(name, record)
                records.setdefault(owner_of[name], record)
            if owner_of[name] not in owned:  # an entry naming 'Houthi' and 'Houthis' is listed once
                owned.append(owner_of[name])
        for name in owned:
            listed.setdefault(name, []).append(entry)
    for name in within or {}:
        if name not in listed:
            listed[name] = []
            records.setdefault(name, record_of(name))
    spelled: dict[str, list[str]] = {}
    for name, term_name in owner_of.items():
        if name != term_name:
            spelled.setdefault(term_name, []).append(name)
    slugs = before if before is not None and before.keys() == listed.keys() else urls.unique_slugs(listed, slug_of)
    return tuple(
        Term(name, slugs[name], tuple(listed[name]), records[name], tuple((within or {}).get(name, ())), tuple(sorted(spelled.get(name, ()))))
        for name in sorted(listed, key=lambda n: (n.casefold(), n))
    )


def _places(entries: tuple[Entry, ...], registry: Registry, slug_of: Callable[[str], str], before: dict[str, str] | None) -> tuple[Term, ...]:
    """Location terms; a country's term also holds the entries placed in its cities and regions."""
    spelled: dict[str, str] = {}  # name key of each place entries name that the registry does not know -> its spelling there
    for entry in entries:
        for name in entry.locations:
            spelled.setdefault(name_key(name), name)
    within: dict[str, list[Entry]] = {}
    for entry in entries:
        for key in country_keys(entry, registry):
            country = country_name(registry, key) or spelled.get(key)
            if country:
                within.setdefault(country, []).append(entry)
    return _terms(entries, attrgetter("locations"), registry.location, slug_of, before, within)


def country_name(registry: Registry, key: str) -> str:
    """The registry's name for the place with this name key."""
    record = registry.location(key)
    return record.name if record else ""
