"""Cleans entity spans into names: no possessives, no leading article, no noise."""

from __future__ import annotations

import re

NOISE = {
    "photo", "photos", "file photo", "video", "reuters", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "today", "yesterday", "tomorrow",
}
_POSSESSIVE = re.compile(r"['’]s?\Z")
_LEADING_ARTICLE = re.compile(r"\A(?:the|a|an)\s+", re.IGNORECASE)
_EDGE_JUNK = re.compile(r"\A[\s\"'“”‘’(\[{,.;:-]+|[\s\"'“”‘’)\]},.;:-]+\Z")


def clean_name(text: str) -> str:
    """The name in an entity span, or '' when nothing name-like is left."""
    name = " ".join(text.split())
    for _ in range(3):  # edges can nest: "(the IS's"
        previous = name
        name = _EDGE_JUNK.sub("", name)
        name = _POSSESSIVE.sub("", name)
        name = _LEADING_ARTICLE.sub("", name)
        if name == previous:
            break
    if name.casefold() in NOISE or not any(ch.isalpha() for ch in name):
        return ""
    return name


def credit_names(credit: str) -> set[str]:
    """Names in a photo credit ('Rania Zanoun/EFE'): people and agencies who are not in the story."""
    parts = re.split(r"[/,;&]| and ", credit)
    return {p.strip().casefold() for p in parts if p.strip()}
