"""The registry of canonical actors and places: content/actors.yml and content/locations.yml."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Problem, TimelineError
from generator.frontmatter import FrontMatterError, _Loader, refuse_aliases
from generator.files import write_atomically

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
    lat: float | None = None
    lon: float | None = None
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
        """A registry with these records added, or their aliases added to the records they name."""
        return Registry(_added(self.actors, actors), _added(self.locations, locations))


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
    """Reads content/actors.yml and content/locations.yml; missing files are empty."""
    return Registry(_load_file(content / ACTORS_FILE), _load_file(content / LOCATIONS_FILE))


def read_records(path: Path) -> dict[str, Record]:
    """Records from one registry YAML file (canonical name → record); raises TimelineError."""
    return _load_file(path)


def save_registry(content: Path, registry: Registry) -> None:
    """Writes both files atomically, sorted by name, so that diffs stay small."""
    write_atomically(content / ACTORS_FILE, dump_records(registry.actors).encode("utf-8"))
    write_atomically(content / LOCATIONS_FILE, dump_records(registry.locations).encode("utf-8"))


def dump_records(records: dict[str, Record]) -> str:
    """YAML text for records: a mapping from canonical name to its fields, sorted."""
    data: dict[str, dict[str, Any]] = {}
    for name in sorted(records, key=lambda n: (name_key(n), n)):
        record = records[name]
        fields: dict[str, Any] = {"kind": record.kind, "aliases": sorted(set(record.aliases), key=lambda a: (name_key(a), a))}
        if record.country:
            fields["country"] = record.country
        if record.lat is not None and record.lon is not None:
            fields["lat"], fields["lon"] = round(record.lat, 5), round(record.lon, 5)
        if record.description:
            fields["description"] = record.description
        data[name] = fields
    if not data:
        return "{}\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1_000_000, default_flow_style=False)


def _load_file(path: Path) -> dict[str, Record]:
    if not path.is_file():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise TimelineError(f"{path}: cannot read the registry ({error})") from error
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            raise _error(path, node.start_mark.line + 1, "the registry must map each canonical name to its record")
        if "&" in text or "*" in text:  # an anchor or alias needs one of them
            try:
                refuse_aliases(node)
            except FrontMatterError as error:
                raise _error(path, error.line and error.line - 1, str(error)) from None
        records: dict[str, Record] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            name = loader.construct_object(key_node, deep=True)
            value = loader.construct_object(value_node, deep=True)
            if not isinstance(name, str) or not name.strip():
                raise _error(path, line, f"'{name}' is not a name")
            if name in records:
                raise _error(path, line, f"'{name}' is given twice")
            records[name] = _record(path, line, name, value or {})
        return records
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise _error(path, mark.line + 1 if mark else None, f"YAML syntax error: {error.problem or error.context}") from None
    except yaml.YAMLError as error:
        raise _error(path, None, f"YAML error: {error}") from None
    except RecursionError:
        raise _error(path, None, "nested too deeply") from None
    finally:
        loader.dispose()


def _record(path: Path, line: int, name: str, value: Any) -> Record:
    if not isinstance(value, dict):
        raise _error(path, line, f"'{name}' must have fields (kind, aliases, …), not a single value")
    aliases = value.get("aliases") or []
    if isinstance(aliases, str):
        aliases = [aliases]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _error(path, line, f"'{name}': aliases must be a list of names")
    try:
        lat = float(value["lat"]) if value.get("lat") not in (None, "") else None
        lon = float(value["lon"]) if value.get("lon") not in (None, "") else None
    except (TypeError, ValueError):
        raise _error(path, line, f"'{name}': lat and lon must be numbers") from None
    return Record(name=name.strip(), kind=str(value.get("kind") or ""), aliases=tuple(a.strip() for a in aliases if a.strip()),
                  country=str(value.get("country") or ""), lat=lat, lon=lon, description=str(value.get("description") or ""))


def _error(path: Path, line: int | None, message: str) -> TimelineError:
    shown = f"{path.parent.name}/{path.name}"  # content/actors.yml, as the user sees it
    problem = Problem(shown, line, message, "fix the file by hand; ingest will not overwrite it")
    return TimelineError(f"{path}: the registry cannot be read", (problem,))


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


def _added(records: dict[str, Record], new: tuple[Record, ...]) -> dict[str, Record]:
    result = dict(records)
    index = _index(result)
    for record in new:
        existing = next((index[k] for k in (name_key(n) for n in record.names()) if k in index), None)
        if existing is None:
            result[record.name] = record
        else:
            old = result[existing]
            known = {name_key(n) for n in old.names()}
            extra = tuple(a for a in dict.fromkeys(record.names()) if name_key(a) not in known)
            if extra:
                result[existing] = replace(old, aliases=old.aliases + extra)
            continue
        for name in record.names():
            index.setdefault(name_key(name), record.name)
    return result
