"""Cleans entity spans into names: no titles, nicknames, possessives, leading articles or noise."""

from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass

NOISE = {
    "photo", "photos", "file photo", "video", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "today", "yesterday", "tomorrow", "oct", "nov", "dec", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "reuter", "reuters",
    # common nouns and diseases the model takes for names when they are capitalised
    "atm", "atms", "gdp", "ceo", "ipo", "vat", "martyr", "martyrs", "coronavirus", "covid", "covid-19", "sars-cov-2", "h1n1",
}
TITLES = (
    "president", "vice president", "vice-president", "prime minister", "premier", "deputy prime minister", "minister", "secretary",
    "general", "gen", "lieutenant general", "lt gen", "major general", "maj gen", "brigadier general", "colonel", "col",
    "lieutenant", "lt", "captain", "capt", "major", "maj", "admiral", "adm", "commander", "sergeant", "sgt", "marshal",
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "sheikh", "sheik", "emir",
    "king", "queen", "prince", "princess", "crown prince", "pope", "ayatollah", "imam", "rabbi", "reverend", "rev",
    "senator", "sen", "rep", "representative", "governor", "gov", "mayor", "chancellor", "chairman", "chairwoman",
    "chief", "director", "ambassador", "judge", "justice", "saint", "st", "spokesman", "spokeswoman", "envoy",
)
LEGAL_SUFFIXES = ("co ltd", "co", "ltd", "plc", "inc", "corp", "corporation ltd", "bhd", "sdn bhd", "ag", "sa", "nv", "llc", "limited")
_TITLE = re.compile(r"\A(?:(?:" + "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True)) + r")\.?\s+)+", re.IGNORECASE)
_LEGAL = re.compile(r"(?:,?\s+(?:" + "|".join(sorted((re.escape(s).replace(r"\ ", r"\.?\s+") for s in LEGAL_SUFFIXES), key=len, reverse=True)) + r")\.?)+\Z", re.IGNORECASE)
_NICKNAME = re.compile(r"\s+[\"“”'‘’]([^\"“”'‘’]{2,20})[\"“”'‘’]\s+")
_POSSESSIVE = re.compile(r"['’]s?\Z")
_LEADING_ARTICLE = re.compile(r"\A(?:the|a|an)\s+", re.IGNORECASE)
_EDGE_JUNK = re.compile(r"\A[\s\"'“”‘’(\[{<>,.;:-]+|[\s\"'“”‘’)\]}<>,;:-]+\Z|(?<=[a-z]{3})\.\Z")
_SIDE_PREFIX = re.compile(r"\A(?:pro|anti)-\w+\s+(?=[A-Z])")
_UMLAUTS = (("oe", "ö"), ("ue", "ü"))
_ABBREVIATED = {"corp": "Corporation", "co": "Company", "cos": "Companies", "intl": "International", "assn": "Association"}
_INSIDE = re.compile(r"\b(?P<short>" + "|".join(_ABBREVIATED) + r")\.?(?=\s+(?:of|and|for)\s)", re.IGNORECASE)
GENERIC = {
    "government", "council", "finance", "agriculture", "treasury", "ministry", "parliament", "cabinet", "commission",
    "army", "police", "military", "navy", "court", "senate", "congress", "opposition", "regime", "coalition", "state",
    "group", "committee", "board", "bank", "exchange", "union", "party", "forces", "front", "administration",
    "association", "institute", "agency", "company", "corporation", "organisation", "organization", "federation",
    "foundation", "authority", "office", "department", "embassy", "secretariat", "assembly", "court", "central bank",
}


@dataclass(frozen=True)
class Name:
    """A clean name and the other names its span gave (a quoted nickname)."""

    text: str
    aliases: tuple[str, ...] = ()


@lru_cache(maxsize=65_536)
def clean_name(text: str, person: bool = False) -> Name:
    """The name in an entity span (empty text when nothing name-like is left)."""
    name = " ".join(text.split())
    aliases: tuple[str, ...] = ()
    if (opening := name.find(" (")) > 0 and ")" not in name[opening:]:
        inside = name[opening + 2 :].strip()
        name, aliases = name[:opening], ((inside,) if inside else ())  # "Federation of Economic Organisations (Keidanren"
    name = _SIDE_PREFIX.sub("", name)
    if person and (nickname := _NICKNAME.search(name)):
        aliases = (nickname.group(1),)
        name = name[: nickname.start()] + " " + name[nickname.end() :]
    for _ in range(4):  # edges can nest: "(the IS's"
        previous = name
        name = _EDGE_JUNK.sub("", name)
        name = _POSSESSIVE.sub("", name)
        name = _LEADING_ARTICLE.sub("", name)
        if person:
            name = _TITLE.sub("", name)
        name = _LEGAL.sub("", name) if " " in name else name
        if name == previous:
            break
    name = _INSIDE.sub(lambda m: _ABBREVIATED[m.group("short").casefold()], name)  # "Petroleum Corp of New Zealand"
    if is_noise(name) or name.casefold() in GENERIC or name.islower():
        return Name("")
    if person:
        aliases += tuple(spelled for plain, umlaut in _UMLAUTS if plain in name and (spelled := _umlaut(name, plain, umlaut)) != name)
    return Name(name, aliases)


def _umlaut(name: str, plain: str, umlaut: str) -> str:
    """The umlaut spelling that ASCII wires write as 'oe' or 'ue' in a surname ('Poehl' → 'Pöhl')."""
    first, _, last = name.rpartition(" ")
    last = re.sub(rf"(?<=[^aeiouAEIOU]){plain}(?=[^aeiou\s][a-z])", umlaut, last)
    return f"{first} {last}".strip()


def is_noise(name: str) -> bool:
    """Weekdays, months, 'Photo' and strings with no letters are never names."""
    return name.casefold().strip(". ") in NOISE or not any(ch.isalpha() for ch in name) or len(name) < 2


def credit_names(credit: str) -> set[str]:
    """Names in a photo credit ('Rania Zanoun/EFE'): people and agencies who are not in the story."""
    parts = re.split(r"[/,;&|]| and | via ", credit)
    return {p.strip().casefold() for p in parts if p.strip()}


def credited(text: str, excluded: set[str]) -> bool:
    """True for a name from the photo credit ('Rania Zanoun/EFE'), given the credit's names."""
    folded = text.casefold().strip()
    return folded in excluded or any(part in folded for part in excluded if len(part) > 3)
