"""Mentions that follow from a text's patterns rather than from the model: datelines, admin units, sides."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from generator.extract.base import DATA, base_registry, read_mapping
from generator.extract.entities import Mention

ADMIN2 = "District"
_DATELINE = re.compile(r"(?m)^(?P<place>[A-Z][A-Za-z .'-]{2,40}?),\s+(?:(?P<state>[A-Z][A-Za-z.]{1,9}),\s+)?(?:[A-Z][a-z]{2}\w*\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2})\w*\s+[-–—(]")
_UNIT = re.compile(r"\b(?P<place>[A-Z][\w'-]*(?:\s+(?:al|el|ad|as|ar|an|at|az|ash|bin|bani|[A-Z][\w'-]*)){0,3})\s+(?P<unit>[Dd]istrict|[Gg]overnorate|[Pp]rovince)\b")
_PARENTHESIS = re.compile(r"\((?P<a>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}?)(?:,\s+(?P<b>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}?))?\)")
_SIDE = re.compile(r"\b(?:pro|anti)-(?P<side>[A-Z][\w]+)")
_LED = re.compile(r"\b(?P<leader>[A-Z][a-z]+)-led\s+coalition\b")
_SITE = re.compile(r"\b(?P<site>(?:\d+|[A-Z][\w'’-]*)(?:(?:\s+-\s+|\s+)[A-Z][\w'’-]*){0,3}\s+(?:Prison|Square|Street|Road|road|Avenue|Bridge|Airport|Dam|Camp|[Pp]latforms?))\b")
_BOTH = re.compile(r"\b(?P<first>North|South|East|West|Central)\s+and\s+(?P<second>North|South|East|West|Central)\s+(?P<whole>[A-Z][a-z]+)")
_LOCATIVE = re.compile(r"\b(?:in|near|outside|around|into|towards)\s+(?P<name>[A-Z][a-z][\w'’-]*(?:[\s-][A-Z][a-z][\w'’-]*){0,2})(?![\w'’-])")
_UNTYPED = {"PRODUCT", "WORK_OF_ART"}  # labels the model gives place names it does not know
_NAMES = {"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"}  # entities that already say what a name is; a WORK_OF_ART before units is a place
_NAME_BEFORE = re.compile(r"(?<![\w'’-])(?P<name>[A-Z][\w'’-]*(?:\s+(?:al|el|ad|as|ar|an|at|az|ash|bin|bani|[A-Z][\w'’-]*)){0,3})(?:\s+(?:town|city|village|area|camp))?\s*\Z")
_PLACE_WORDS = re.compile(r"(?:district|front|frontline|fronts|area|city|town|village|camp|road|street)\s*\Z", re.IGNORECASE)


@cache
def _abbreviations() -> dict[str, str]:
    return read_mapping(DATA / "state_abbreviations.yml")


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the datelines' places are ('CAIRO, March 3 -'): they say where a story was filed, not where it happened."""
    return [(m.start("place"), m.end("state") if m.group("state") else m.end("place")) for m in _DATELINE.finditer(text)]


def pattern_mentions(text: str, entities: list[Mention], admin1: str) -> Iterator[Mention]:
    """Places and actors that patterns find; `admin1` names first-level units ('Governorate')."""
    for match in _DATELINE.finditer(text):
        yield Mention(match.group("place").title() if match.group("place").isupper() else match.group("place"), "DATELINE", match.start("place"), match.end("place"))
        if match.group("state"):  # "CAMBRIDGE, Mass.,": the region says which Cambridge
            state = _abbreviations().get(match.group("state"), match.group("state").rstrip("."))
            yield Mention(state, "ADMIN", match.start("state"), match.end("state"))
    for match in _UNIT.finditer(text):
        unit = match.group("unit").lower()
        if match.group("place")[0].isupper():
            suffix = ADMIN2 if unit == "district" else (admin1 or "Governorate") if unit == "governorate" else unit.title()
            yield Mention(f"{match.group('place')} {suffix}", "ADMIN", match.start(), match.end())
    for match in _PARENTHESIS.finditer(text):
        two = match.group("b") is not None
        if (two or _after_place(text, match.start(), entities)) and not _is_acronym(match.group("a")):
            parts = [p for p in (match.group("a"), match.group("b")) if p]
            if two and (before := _name_before(text, match.start(), entities)) is not None:
                yield before  # "Kafr Nabl (Maaret An Numan, Idleb)": what the units hold is a place, tagged or not
            if _is_country(parts[-1]):
                parts = parts[:-1]  # "(Aleppo, Syria)": the country is named, and the part before it is the region
                yield Mention(match.group("b") or match.group("a"), "GPE", match.start(), match.end())
            for part, suffix in zip(parts, [ADMIN2, admin1][-len(parts) :] if len(parts) == 2 or not two else [admin1]):
                yield Mention(f"{part} {suffix}".strip(), "ADMIN", match.start(), match.end())
    for match in _SITE.finditer(text):
        yield Mention(re.sub(r"\s+-\s+", "-", match.group("site")), "SITE", match.start(), match.end())
    for match in _BOTH.finditer(text):
        for part in ("first", "second"):
            yield Mention(f"{match.group(part)} {match.group('whole')}", "LOC", match.start(), match.end())
    for match in _LOCATIVE.finditer(text):
        start, end = match.start("name"), match.end("name")
        if not any(e.start < end and start < e.end and e.label not in _UNTYPED for e in entities):
            yield Mention(match.group("name"), "GAZ", start, end)  # "near Manbij", which the model missed: a place if GeoNames says so
    for match in _SIDE.finditer(text):
        yield Mention(match.group("side"), "SIDE", match.start("side"), match.end("side"))
    for match in _LED.finditer(text):
        yield Mention(match.group(0), "ORG", match.start(), match.end())


def inside_patterns(mention: Mention, found: list[Mention]) -> bool:
    """True when an entity lies inside a pattern mention that already stands for it."""
    return any(f.label in {"ADMIN", "SITE", "LOC", "DATELINE"} and f.start <= mention.start and mention.end <= f.end for f in found) or any(
        f.label == "ORG" and f.start <= mention.start and mention.end <= f.end and f is not mention for f in found
    )


def _after_place(text: str, start: int, entities: list[Mention]) -> bool:
    before = text[:start].rstrip()
    return bool(_PLACE_WORDS.search(before)) or any(e.end == len(before) and e.label in {"GPE", "LOC", "FAC", "PERSON"} for e in entities)


def _name_before(text: str, start: int, entities: list[Mention]) -> Mention | None:
    """The capitalised name right before a parenthesis ('Gwoza town (Gwoza, Borno)' → Gwoza), unless an entity has it."""
    match = _NAME_BEFORE.search(text, max(0, start - 80), start)
    if match is None or any(e.start <= match.start("name") < e.end and e.label in _NAMES for e in entities):
        return None
    return Mention(match.group("name"), "GPE", match.start("name"), match.end("name"))


def _is_country(name: str) -> bool:
    known = base_registry().location(name)
    return bool(known and known.kind in {"country", "former state"})


def _is_acronym(text: str) -> bool:
    return " " not in text and (text.isupper() or sum(ch.isupper() for ch in text) > 1)
