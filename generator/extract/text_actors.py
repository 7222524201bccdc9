"""Actors that patterns of the whole text name, where no one mention does: a 'regime', 'U.S.-Japan talks', 'Governor Satoshi Sumita'."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.registry import Registry

_CAPITALISED = re.compile(r"\b[A-Z][a-z][\w'’-]*(?:[ \t]+[A-Z][a-z][\w'’-]*)+")  # runs of capitalised words: 'Japan Governor Satoshi Sumita'
_GOVERNMENT = re.compile(r"\b[Tt]he [Gg]overnment\b(?!\s+of\b)")
_PAIR = re.compile(r"\b(?P<a>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)-(?P<b>[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+(?:agreement|accord|talks|deal|treaty|dispute|summit|relations|pact|trade)\b", re.IGNORECASE)


def text_actors(text: str, country: str, registry: Registry) -> Iterator[tuple[str, str, int]]:
    """Each actor's name, kind and where it is named; `country` is the one the article is about, if one is."""
    if re.search(r"\bregime\b", text) and country:
        yield country, "state", text.find("regime")
    if (government := _GOVERNMENT.search(text)) and country:
        yield country, "state", government.start()  # "the Government was going ahead": its one country's
    for run in _CAPITALISED.finditer(text):
        yield from _registered_people(run.group(0), run.start(), registry)
    for pair in _PAIR.finditer(text):
        for part in ("a", "b"):
            known = registry.location(pair.group(part).title() if pair.group(part).isupper() else pair.group(part))
            if known and known.kind in {"country", "former state"}:
                yield known.name, "state", pair.start(part)


def _registered_people(run: str, start: int, registry: Registry) -> Iterator[tuple[str, str, int]]:
    """People of the registry written in full in a run of capitalised words, where the model saw none ('Governor Satoshi Sumita')."""
    words = run.split()
    for size in range(min(len(words), 4), 1, -1):
        for first in range(len(words) - size + 1):
            known = registry.actor(" ".join(words[first : first + size]))
            if known and known.kind == "person" and " " in known.name:
                yield known.name, "person", start + run.find(words[first])
                return
