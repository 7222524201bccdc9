"""Checks that span files, in one pass: what no single entry or registry file can tell about itself."""

from __future__ import annotations

import difflib
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING

from generator import urls
from generator.display import shown_path
from generator.errors import Problem
from generator.index import file_stem
from generator.model import Entry
from generator.registry import LOCATIONS_FILE, Registry, name_key, name_keys
from generator.registry_file import KNOWN_KEYS, RegistryFile, where

if TYPE_CHECKING:
    from generator.content_registry import RegistryFiles  # which calls alias_clashes when it reads the files

CONTENT = Path("content")  # entries' paths are relative to ROOT/content/: messages show them from the root

# kinds of place that may lie in no one country, or hold several: the rest are below a country and should name it
ACROSS_COUNTRIES = frozenset({"country", "former state", "continent", "region", "sea", "ocean", "gulf", "bay", "strait", "canal",
                              "river", "lake", "desert", "mountain range", "mountains"})


def validate(entries: list[Entry], registry: RegistryFiles | None = None, warnings: bool = False) -> list[Problem]:
    """Every problem between files: the registry files' own (as `registry` read them), then two entries claiming one id
    or one URL; with `warnings`, names the registry does not know or knows otherwise, and keys and places it cannot use."""
    problems = list(registry.problems) if registry is not None else []
    problems += _same_id_or_url(entries)
    if warnings and registry is not None:
        problems += _unknown_names(entries, registry.registry) + _alias_names(entries, registry.registry)
        problems += _unknown_keys(registry.files) + _countryless_places(registry.files)
    return problems


def alias_clashes(files: tuple[RegistryFile, ...]) -> list[Problem]:
    """Errors for a name or alias that two records of one registry file claim, at the line of the second."""
    problems = []
    for file in files:
        owner: dict[str, str] = {}
        for (line, record, name), key in zip(file.names, name_keys([name for _, _, name in file.names])):
            first = owner.setdefault(key, record) if key else record  # a name with no Latin letters has no key to share
            if first != record:
                problems.append(Problem(where(file.path), line, f"'{name}' is claimed by both '{first}' and '{record}'",
                                        "keep it on one record, or merge them with timeline merge"))
    return problems


def written_aliases(entry: Entry, registry: Registry) -> list[tuple[str, str, str]]:
    """(field, name, canonical name) for each actor and location the entry writes otherwise than its record's name."""
    found = []
    for field in ("actors", "locations"):
        lookup = registry.actor if field == "actors" else registry.location
        found += [(field, name, record.name) for name in getattr(entry, field) if (record := lookup(name)) is not None and name != record.name]
    return found


def _same_id_or_url(entries: list[Entry]) -> list[Problem]:
    """Errors between entries: two entries claiming one id, or one URL."""
    ids, places = [], []
    first_with: dict[str, Entry] = {}
    first_at: dict[str, Entry] = {}
    for entry in sorted(entries, key=attrgetter("path")):
        other = first_with.setdefault(entry.id, entry)
        if other is not entry:
            ids.append(Problem(shown_path(CONTENT / entry.path), entry.lines.get("id"),
                               f"id '{entry.id}' is already used by {shown_path(CONTENT / other.path)}", "give one of them another id"))
        slug = urls.entry_slug(file_stem(entry))
        other = first_at.setdefault(slug, entry)
        if other is not entry:
            places.append(Problem(shown_path(CONTENT / entry.path), None,
                                  f"would be published at the same URL as {shown_path(CONTENT / other.path)} (entries/{slug}/)", "rename one of the files"))
    return ids + places


def _unknown_names(entries: list[Entry], registry: Registry) -> list[Problem]:
    """Warnings for actors and locations the registry does not know, with the closest known name."""
    known = {"actors": _names(registry, "actors"), "locations": _names(registry, "locations")}
    problems = []
    for entry in entries:
        for field in ("actors", "locations"):
            lookup = registry.actor if field == "actors" else registry.location
            for name in getattr(entry, field):
                if lookup(name) is None:
                    hint = _closest(name, known[field])
                    problems.append(Problem(shown_path(CONTENT / entry.path), entry.lines.get(field),
                                            f"{field[:-1]} '{name}' is not in {shown_path(CONTENT / f'{field}.yml')}",
                                            f"did you mean '{hint}'?" if hint else "build will add it; add aliases there to merge spellings",
                                            warning=True))
    return problems


def _alias_names(entries: list[Entry], registry: Registry) -> list[Problem]:
    """Warnings for each actor and location an entry writes by an alias (or in another case or accents), with the canonical name."""
    problems = []
    for entry in entries:
        for field, name, canonical in written_aliases(entry, registry):
            what = "is written" if name_key(name) == name_key(canonical) else "is an alias of"
            problems.append(Problem(shown_path(CONTENT / entry.path), entry.lines.get(field), f"{field[:-1]} '{name}' {what} '{canonical}'",
                                    f"it links to the page of '{canonical}'; timeline check --fix writes that name instead", warning=True))
    return problems


def _unknown_keys(files: tuple[RegistryFile, ...]) -> list[Problem]:
    """Warnings for keys in registry records that timeline does not read (they are kept), with the closest known key."""
    problems = []
    for file in files:
        for line, name, key in file.unknown:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'? it is kept as written" if close else f"kept as written; timeline reads {', '.join(KNOWN_KEYS)}"
            problems.append(Problem(where(file.path), line, f"'{name}' has a key timeline does not read: '{key}'", hint, warning=True))
    return problems


def _countryless_places(files: tuple[RegistryFile, ...]) -> list[Problem]:
    """Warnings for places of a kind below a country (a city, a district) whose record names no country."""
    return [Problem(where(file.path), file.lines.get(name), f"place '{name}' ({record.kind}) has no country",
                    "add 'country: NAME' to it, so that the country's page and the timeline's filter find the entries placed there", warning=True)
            for file in files if file.path.name == LOCATIONS_FILE
            for name, record in file.records.items() if record.kind and record.kind.casefold() not in ACROSS_COUNTRIES and not record.country]


def _names(registry: Registry, field: str) -> dict[str, str]:
    """Every name and alias (by its comparison key) → the canonical name it stands for."""
    names = {}
    for record in getattr(registry, field).values():
        for name in record.names():
            names.setdefault(name_key(name), record.name)
    return names


def _closest(name: str, known: dict[str, str]) -> str:
    from rapidfuzz import fuzz, process  # only `check` needs it: builds do not pay for the import

    if not known:
        return ""
    match = process.extractOne(name_key(name), list(known), scorer=fuzz.ratio, score_cutoff=85)
    return known[match[0]] if match else ""
