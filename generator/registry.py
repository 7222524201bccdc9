"""The registry of canonical actors and places: content/actors.yml and content/locations.yml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.display import shown_path
from generator.errors import TimelineError
from generator.frontmatter import BlockDumper

ACTORS_FILE = "actors.yml"
LOCATIONS_FILE = "locations.yml"
_NOT_KEY = re.compile(r"[^a-z0-9\n]+")
_EDGES = re.compile(r"^ +| +$", re.MULTILINE)
_THE = re.compile(r"^the ", re.MULTILINE)
_FOLD = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ħ": "h", "ʿ": "", "ʼ": ""})


@dataclass(frozen=True)
class Record:
    """One canonical actor or place and the other names it goes by."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    country: str = ""  # places: the canonical name of the country they are in
    region: str = ""  # places below it: the canonical name of their first-level region (governorate, province, state)
    lat: float | None = None
    lon: float | None = None
    approximate: bool = False  # the coordinates are those of a place around it (its district or region)
    description: str = ""

    def names(self) -> tuple[str, ...]:
        """The canonical name, then every alias."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Registry:
    """Actors and places by canonical name, each findable by any alias."""

    actors: dict[str, Record] = field(default_factory=dict)
    locations: dict[str, Record] = field(default_factory=dict)
    _actor_index: dict[str, str] = field(init=False, repr=False, compare=False)
    _location_index: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_actor_index", _index(self.actors))
        object.__setattr__(self, "_location_index", _index(self.locations))

    def actor(self, name: str) -> Record | None:
        """The actor that `name` (canonical or alias, any case or accents) stands for."""
        found = self._actor_index.get(name_key(name))
        return self.actors[found] if found else None

    def location(self, name: str) -> Record | None:
        """The place that `name` (canonical or alias, any case or accents) stands for."""
        found = self._location_index.get(name_key(name))
        return self.locations[found] if found else None

    def records(self, kind: str, names: list[str]) -> list[Record | None]:
        """The records of `kind` ("actors" or "locations") that these names stand for, looked up at once."""
        index, records = (self._actor_index, self.actors) if kind == "actors" else (self._location_index, self.locations)
        return [records[found] if (found := index.get(key)) else None for key in name_keys(names)] if names else []

    def with_records(self, actors: tuple[Record, ...] = (), locations: tuple[Record, ...] = ()) -> Registry:
        """A registry with these records added, or their aliases added to the records they name.

        The indexes are extended, not rebuilt: ingest adds an article's records at a time to a registry of thousands.
        """
        registry = object.__new__(Registry)
        for field_name, index_name, new in (("actors", "_actor_index", actors), ("locations", "_location_index", locations)):
            records, index = _added(getattr(self, field_name), getattr(self, index_name), new)
            object.__setattr__(registry, field_name, records)
            object.__setattr__(registry, index_name, index)
        return registry


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The form names are compared in: no case, accents, punctuation or leading 'the'."""
    return name_keys([name])[0]


def name_keys(names: list[str]) -> list[str]:
    """name_key for many names at once (one pass over the joined text: fast for a gazetteer)."""
    text = unicodedata.normalize("NFKD", "\n".join(n.replace("\n", " ") for n in names).translate(_FOLD))
    text = _NOT_KEY.sub(" ", text.encode("ascii", "ignore").decode().casefold())
    return _THE.sub("", _EDGES.sub("", text)).split("\n")


def merge(base: Registry, user: Registry) -> Registry:
    """The base registry with the user's on top: a user's record replaces the base record it names."""
    return Registry(_overlay(base.actors, user.actors), _overlay(base.locations, user.locations))


def load_registry(content: Path) -> Registry:
    """Reads content/actors.yml and content/locations.yml; missing files are empty; raises TimelineError with every problem."""
    from generator.registry_file import read_registry_files  # it needs Record from here

    found = read_registry_files(content)
    errors = [error for error in found if isinstance(error, TimelineError)]
    if len(errors) > 1:  # both files at once, so one check shows every problem
        raise TimelineError(f"{shown_path(content)}: the registry cannot be read", errors[0].problems + errors[1].problems)
    if errors:
        raise errors[0]
    return Registry(*(file.records for file in found if not isinstance(file, TimelineError)))


def read_records(path: Path) -> dict[str, Record]:
    """Records from one registry YAML file (canonical name → record); raises TimelineError."""
    from generator.registry_file import read_file

    return read_file(path).records


def save_registry(content: Path, registry: Registry) -> None:
    """Adds the registry's records to the files as they are now on disk, keeping everything people wrote there."""
    from generator.registry_edit import add_records

    add_records(content, tuple(registry.actors.values()), tuple(registry.locations.values()))


def dump_records(records: dict[str, Record]) -> str:
    """YAML text for records: a mapping from canonical name to its fields, sorted."""
    data: dict[str, dict[str, Any]] = {}
    for name in sorted(records, key=lambda n: (name_key(n), n)):
        record = records[name]
        fields: dict[str, Any] = {"kind": record.kind, "aliases": sorted(set(record.aliases), key=lambda a: (name_key(a), a))}
        if record.country:
            fields["country"] = record.country
        if record.region:
            fields["region"] = record.region
        if record.lat is not None and record.lon is not None:
            fields["lat"], fields["lon"] = round(record.lat, 5), round(record.lon, 5)
            if record.approximate:
                fields["approximate"] = True
        if record.description:
            fields["description"] = record.description
        data[name] = fields
    if not data:
        return "{}\n"
    return yaml.dump(data, Dumper=BlockDumper, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)


def added(records: dict[str, Record], new: tuple[Record, ...]) -> dict[str, Record]:
    """The records with these added, or the aliases they bring added to the record they name (by name_key)."""
    return _added(records, _index(records), new)[0]


def _added(records: dict[str, Record], index: dict[str, str], new: tuple[Record, ...]) -> tuple[dict[str, Record], dict[str, str]]:
    """`added`, with the index of `records` given and the index of the result returned (neither is changed)."""
    if not new:
        return records, index
    result, index = dict(records), dict(index)
    for record in new:
        keys = name_keys(list(record.names()))
        existing = next((index[k] for k in keys if k in index), None)
        if existing is None:
            result[record.name] = record
            for key in keys[1:]:
                if key:
                    index.setdefault(key, record.name)
            if keys[0]:
                index[keys[0]] = record.name  # a canonical name wins over another record's alias
            continue
        old = result[existing]
        known = set(name_keys(list(old.names())))
        extra = tuple(dict.fromkeys(a for a, k in zip(record.names(), keys) if k not in known))
        if extra:
            result[existing] = replace(old, aliases=old.aliases + extra)
            for alias, key in zip(record.names(), keys):
                if alias in extra and key:
                    index.setdefault(key, existing)
    return result, index


def _index(records: dict[str, Record]) -> dict[str, str]:
    """Alias key → canonical name; a canonical name always wins over another record's alias."""
    aliases = [(alias, name) for name, record in records.items() for alias in record.aliases]
    keys = name_keys([alias for alias, _ in aliases] + list(records))  # at once: a registry has thousands
    index: dict[str, str] = {}
    for (_, name), key in zip(aliases, keys):
        index.setdefault(key, name)
    for name, key in zip(records, keys[len(aliases):]):
        index[key] = name
    index.pop("", None)
    return index


def _overlay(base: dict[str, Record], user: dict[str, Record]) -> dict[str, Record]:
    merged = dict(base)
    index = _index(base)
    for name, record in user.items():
        for key in {name_key(n) for n in record.names()}:
            if (replaced := index.get(key)) is not None and name_key(replaced) == key:
                merged.pop(replaced, None)  # the user renamed or merged a base record
        merged[name] = record
    return merged
