"""Checks that span entries and the registry: what no single file can tell about itself."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from generator import urls
from generator.errors import Problem
from generator.index import file_stem
from generator.model import Entry
from generator.registry import Registry, name_key


def validate(entries: list[Entry]) -> list[Problem]:
    """Errors between entries: two entries claiming one id, or one URL."""
    problems = []
    first_with: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        other = first_with.setdefault(entry.id, entry)
        if other is not entry:
            problems.append(Problem(f"content/{entry.path}", entry.lines.get("id"), f"id '{entry.id}' is already used by content/{other.path}", "give one of them another id"))
    first_at: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: e.path):
        other = first_at.setdefault(urls.slug(file_stem(entry)), entry)
        if other is not entry:
            problems.append(Problem(f"content/{entry.path}", None, f"would be published at the same URL as content/{other.path} "
                                    f"(entries/{urls.slug(file_stem(entry))}/)", "rename one of the files"))
    return problems


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


def _names(registry: Registry, field: str) -> dict[str, str]:
    """Every name and alias (by its comparison key) → the canonical name it stands for."""
    names = {}
    for record in getattr(registry, field).values():
        for name in record.names():
            names.setdefault(name_key(name), record.name)
    return names


def _closest(name: str, known: dict[str, str]) -> str:
    if not known:
        return ""
    match = process.extractOne(name_key(name), list(known), scorer=fuzz.ratio, score_cutoff=85)
    return known[match[0]] if match else ""
