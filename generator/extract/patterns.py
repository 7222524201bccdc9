"""Mentions that follow from a text's patterns rather than from the model: datelines, admin units, sides."""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.extract.entities import Mention

ADMIN2 = "District"
_DATELINE = re.compile(r"(?m)^(?P<place>[A-Z][A-Za-z .'-]{2,40}?),\s+(?:[A-Z][a-z]{2}\w*\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2})\w*\s+[-–—(]")
_UNIT = re.compile(r"\b(?P<place>[A-Z][\w'-]*(?:\s+(?:al|el|ad|as|ar|an|at|az|ash|bin|bani|[A-Z][\w'-]*)){0,3})\s+(?P<unit>[Dd]istrict|[Gg]overnorate|[Pp]rovince)\b")
_PARENTHESIS = re.compile(r"\((?P<a>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}?)(?:,\s+(?P<b>[A-Z][\w'’-]*(?:\s+[\w'’-]+){0,3}?))?\)")
_SIDE = re.compile(r"\b(?:pro|anti)-(?P<side>[A-Z][\w]+)")
_LED = re.compile(r"\b(?P<leader>[A-Z][a-z]+)-led\s+coalition\b")
_SITE = re.compile(r"\b(?P<site>(?:\d+|[A-Z][\w'’-]*)(?:(?:\s+-\s+|\s+)[A-Z][\w'’-]*){0,3}\s+(?:Prison|Square|Street|Road|road|Avenue|Bridge|Airport|Dam|Camp|[Pp]latforms?))\b")
_BOTH = re.compile(r"\b(?P<first>North|South|East|West|Central)\s+and\s+(?P<second>North|South|East|West|Central)\s+(?P<whole>[A-Z][a-z]+)")
_PLACE_WORDS = re.compile(r"(?:district|front|frontline|fronts|area|city|town|village|camp|road|street)\s*\Z", re.IGNORECASE)


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Where the datelines' places are ('CAIRO, March 3 -'): they say where a story was filed, not where it happened."""
    return [(m.start("place"), m.end("place")) for m in _DATELINE.finditer(text)]


def pattern_mentions(text: str, entities: list[Mention], admin1: str) -> Iterator[Mention]:
    """Places and actors that patterns find; `admin1` names first-level units ('Governorate')."""
    for match in _DATELINE.finditer(text):
        yield Mention(match.group("place").title() if match.group("place").isupper() else match.group("place"), "DATELINE", match.start("place"), match.end("place"))
    for match in _UNIT.finditer(text):
        unit = match.group("unit").lower()
        if match.group("place")[0].isupper():
            suffix = ADMIN2 if unit == "district" else admin1 if unit == "governorate" else unit.title()
            yield Mention(f"{match.group('place')} {suffix}", "ADMIN", match.start(), match.end())
    for match in _PARENTHESIS.finditer(text):
        two = match.group("b") is not None
        if (two or _after_place(text, match.start(), entities)) and not _is_acronym(match.group("a")):
            parts = [p for p in (match.group("a"), match.group("b")) if p]
            for part, suffix in zip(parts, [ADMIN2, admin1][-len(parts) :]):
                yield Mention(f"{part} {suffix}".strip(), "ADMIN", match.start(), match.end())
    for match in _SITE.finditer(text):
        yield Mention(re.sub(r"\s+-\s+", "-", match.group("site")), "SITE", match.start(), match.end())
    for match in _BOTH.finditer(text):
        for part in ("first", "second"):
            yield Mention(f"{match.group(part)} {match.group('whole')}", "LOC", match.start(), match.end())
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


def _is_acronym(text: str) -> bool:
    return " " not in text and (text.isupper() or sum(ch.isupper() for ch in text) > 1)
