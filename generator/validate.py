"""Checks that span entries and the registry: what no single file can tell about itself."""

from __future__ import annotations

from operator import attrgetter
from pathlib import Path

import yaml

from generator import urls
from generator.errors import Problem, TimelineError
from generator.index import file_stem
from generator.model import Entry
from generator.frontmatter import TextLoader
from generator.registry import ACTORS_FILE, LOCATIONS_FILE, Record, Registry, name_key
from generator.registry_file import read_file


def validate(entries: list[Entry]) -> list[Problem]:
    """Errors between entries: two entries claiming one id, or one URL."""
    ids, places = [], []
    first_with: dict[str, Entry] = {}
    first_at: dict[str, Entry] = {}
    for entry in sorted(entries, key=attrgetter("path")):
        other = first_with.setdefault(entry.id, entry)
        if other is not entry:
            ids.append(Problem(f"content/{entry.path}", entry.lines.get("id"), f"id '{entry.id}' is already used by content/{other.path}", "give one of them another id"))
        slug = urls.entry_slug(file_stem(entry))
        other = first_at.setdefault(slug, entry)
        if other is not entry:
            places.append(Problem(f"content/{entry.path}", None, f"would be published at the same URL as content/{other.path} (entries/{slug}/)",
                                  "rename one of the files"))
    return ids + places


def unknown_names(entries: list[Entry], registry: Registry) -> list[Problem]:
    """Warnings for actors and locations the registry does not know, with the closest known name."""
    known = {"actors": _names(registry, "actors"), "locations": _names(registry, "locations")}
    problems = []
    for entry in entries:
        for field in ("actors", "locations"):
            lookup = registry.actor if field == "actors" else registry.location
            for name in getattr(entry, field):
                if lookup(name) is None:
                    hint = _closest(name, known[field])
                    problems.append(Problem(f"content/{entry.path}", entry.lines.get(field), f"{field[:-1]} '{name}' is not in content/{field}.yml",
                                            f"did you mean '{hint}'?" if hint else "build will add it; add aliases there to merge spellings",
                                            warning=True))
    return problems


def written_aliases(entry: Entry, registry: Registry) -> list[tuple[str, str, str]]:
    """(field, name, canonical name) for each actor and location the entry writes otherwise than its record's name."""
    found = []
    for field in ("actors", "locations"):
        lookup = registry.actor if field == "actors" else registry.location
        found += [(field, name, record.name) for name in getattr(entry, field) if (record := lookup(name)) is not None and name != record.name]
    return found


def alias_names(entries: list[Entry], registry: Registry) -> list[Problem]:
    """Warnings for each actor and location an entry writes by an alias (or in another case or accents), with the canonical name."""
    problems = []
    for entry in entries:
        for field, name, canonical in written_aliases(entry, registry):
            what = "is written" if name_key(name) == name_key(canonical) else "is an alias of"
            problems.append(Problem(f"content/{entry.path}", entry.lines.get(field), f"{field[:-1]} '{name}' {what} '{canonical}'",
                                    f"it links to the page of '{canonical}'; timeline check --fix writes that name instead", warning=True))
    return problems


# kinds of place that may lie in no one country, or hold several: the rest are below a country and should name it
ACROSS_COUNTRIES = frozenset({"country", "former state", "continent", "region", "sea", "ocean", "gulf", "bay", "strait", "canal",
                              "river", "lake", "desert", "mountain range", "mountains"})


def countryless_places(content: Path) -> list[Problem]:
    """Warnings for places of a kind below a country (a city, a district) whose record names no country."""
    try:
        found = read_file(content / LOCATIONS_FILE)
    except TimelineError:
        return []  # its errors come from load_registry
    return [Problem(f"content/{LOCATIONS_FILE}", found.lines.get(name), f"place '{name}' ({record.kind}) has no country",
                    "add 'country: NAME' to it, so that the country's page and the timeline's filter find the entries placed there", warning=True)
            for name, record in found.records.items() if record.kind and record.kind.casefold() not in ACROSS_COUNTRIES and not record.country]


def alias_clashes(content: Path, registry: Registry | None = None) -> list[Problem]:
    """Errors for a name or alias that two records of one registry file claim, at the line of the second.

    With the `registry` read from those files, files without a clash are not read again to find lines.
    """
    problems = []
    for file in (ACTORS_FILE, LOCATIONS_FILE):
        path = content / file
        if not path.is_file() or (registry is not None and not _clash_in(getattr(registry, file.removesuffix(".yml")))):
            continue
        try:
            root = yaml.compose(path.read_text(encoding="utf-8"), Loader=TextLoader)
        except (yaml.YAMLError, OSError, UnicodeDecodeError):
            continue  # reported by load_registry
        if not isinstance(root, yaml.MappingNode):
            continue
        owner: dict[str, str] = {}
        for key_node, value_node in root.value:
            record = str(key_node.value)
            names = [(record, key_node.start_mark.line + 1)]
            if isinstance(value_node, yaml.MappingNode):
                for field_node, field_value in value_node.value:
                    if field_node.value == "aliases" and isinstance(field_value, yaml.SequenceNode):
                        names += [(str(item.value), item.start_mark.line + 1) for item in field_value.value]
            for name, line in names:
                key = name_key(name)
                first = owner.setdefault(key, record) if key else record  # a name with no Latin letters has no key to share
                if first != record:
                    problems.append(Problem(f"content/{file}", line, f"'{name}' is claimed by both '{first}' and '{record}'",
                                            "keep it on one record, or merge them with timeline merge"))
    return problems


def _clash_in(records: dict[str, Record]) -> bool:
    owner: dict[str, str] = {}
    return any(owner.setdefault(name_key(name), record.name) != record.name for record in records.values() for name in record.names())


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
