"""What a span names when the model's label is too coarse or wrong: places, sites, media, agreements."""

from __future__ import annotations

import re

from generator.extract.entities import Mention
from generator.registry import Record, Registry

DIRECTIONS = {"west", "east", "north", "south", "east west", "north south"}
_PLACE_BEFORE = re.compile(r"\b(?:in|near|around|outside|towards|into|of)\s+(?:the\s+)?(?:rural\s+)?\Z")
_PLACE_AFTER = re.compile(r"\A(?:\s+(?:front|fronts|frontline|area|city|town|village|district|governorate|countryside)\b|\s+\([A-Z][^(),]*,[^()]*\))")
_MEDIA = re.compile(r"\s(?:Radio|Television|TV|News Agency|News Service|Press Agency)\Z", re.IGNORECASE)
_MEDIA_AFTER = re.compile(r"\A\s+(?:radio|television|tv|news agency|newspaper)\b", re.IGNORECASE)
_AGREEMENT = re.compile(r"\s(?:Agreement|Accord|Treaty|Convention|Protocol|Pact)\Z")
_AGREEMENT_AFTER = re.compile(r"\A\s+(?:accord|agreement|treaty|pact|protocol)\b")
_ORG_WORDS = re.compile(r"\b(?:Company|Corp|Corporation|Bank|Group|Division|Brigade|Council|Party|Ministry|Association|Institute|University|Agency|Committee|Forces|Army|Organi[sz]ation|Union|Movement|Exchange|Securities|Reserve|Fund|Authority|Office|Department)\b")
_MINISTRY = re.compile(r"\A(?P<field>[A-Z][a-z]+(?: and [A-Z][a-z]+)?) Ministry\Z")
_GOVERNMENT = re.compile(r"(?P<who>.+?)\s+(?:government|regime|administration)\Z", re.IGNORECASE)
_AREA = re.compile(r"\s+(?:front|fronts|frontline|area|areas|outskirts|countryside|city|town|village|suburbs?)\Z", re.IGNORECASE)
_RURAL = re.compile(r"\A(?:rural|northern|southern|eastern|western|central|north|south|east|west)\s+(?=[A-Z])")
_SITE = re.compile(r"\s(?:front|frontline|road|square|street|prison|platforms?|airport|base|port|bridge|camp)\Z", re.IGNORECASE)


_CURRENCY_AFTER = re.compile(r"\A\s+(?:dollars?|pounds?|euros?|yen|yuan|renminbi|lira|liras|lire|rials?|riyals?|dinars?|dirhams?|francs?|marks?|rupees?|roubles?|rubles?|pesos?|shekels?|won|rand|currency|exchange rate)\b", re.IGNORECASE)
_NAMED_AFTER = re.compile(r"\A\s+(?:accords?|agreements?|treaty|pact|protocol|convention|declaration|summit|talks|process|plan|club|group)\b", re.IGNORECASE)
_INSTITUTION_BEFORE = re.compile(r"\b(?:Bank|University|Ministry|Council|Chamber|Institute|Museum|Court|Embassy|Parliament|Assembly|Church|Academy|League|Union|Federation|Association|Organi[sz]ation)\s+of\s+(?:the\s+)?\Z")


def names_no_place(text: str, m: Mention) -> bool:
    """True when a place's name stands for something else: a currency ('US dollar', 'Lebanese pound'), an accord or
    event named after a place ('Louvre Accord', 'Paris agreement') or an institution ('Bank of Lebanon')."""
    after, before = text[m.end : m.end + 30], text[max(0, m.start - 40) : m.start]
    return bool(_CURRENCY_AFTER.match(after) or _NAMED_AFTER.match(after) or _INSTITUTION_BEFORE.search(before))


def place_name(name: str) -> str:
    """The place in 'rural Ein Issa', 'Maaret Alia front', 'eastern Syria', 'Hudaydah city'."""
    return _RURAL.sub("", _AREA.sub("", name))


def reads_as_place(text: str, m: Mention) -> bool:
    """True when a span the model took for a person or organisation reads as a place ("in Rihaniya in ...")."""
    after, before = text[m.end : m.end + 40], text[max(0, m.start - 20) : m.start]
    if m.label == "ORG":
        if is_organisation_name(m.text):
            return False
        if re.search(r"\b(?:in|near)\s+(?:rural\s+)?\Z", before):
            return True  # "a protest in Ahvaz": organisations are rarely where things happen
        return bool(_PLACE_AFTER.match(after))
    return bool(_PLACE_AFTER.match(after) or _PLACE_BEFORE.search(before))


def is_organisation_name(name: str) -> bool:
    """True for names built on an organisation word: Company, Bank, Division, Council, …"""
    return bool(_ORG_WORDS.search(name))


def is_media_or_agreement(text: str, m: Mention, name: str) -> bool:
    """True for a broadcaster ('Tehran Radio') or an agreement ('Louvre accord'): neither is an actor."""
    after = text[m.end : m.end + 20]
    return bool(_MEDIA.search(name) or _AGREEMENT.search(name) or _AGREEMENT_AFTER.match(after))


def names_broadcaster(text: str, m: Mention) -> bool:
    """True when a place's name begins a broadcaster's ('Tehran radio'): the place is not named."""
    return bool(_MEDIA_AFTER.match(text[m.end : m.end + 20]))


def names_site(name: str) -> bool:
    """True for a named road, square, prison, platform or front."""
    return bool(_SITE.search(name))


def ministry(name: str, country: str) -> str:
    """'Finance Ministry' in an article about Japan → 'Ministry of Finance (Japan)', else ''."""
    match = _MINISTRY.match(name)
    return f"Ministry of {match.group('field')} ({country})" if match and country else ""


def government_of(name: str) -> str:
    """The demonym or country in 'Turkish Government', 'Syrian regime', else ''."""
    match = _GOVERNMENT.match(name)
    return match.group("who") if match else ""


def country_prefix(name: str, registry: Registry) -> tuple[Record, str] | None:
    """'U.S. Military' → (United States, 'Military'): a country's name used as an attribute of one word."""
    words = name.split()
    for size in (2, 1):
        if len(words) == size + 1:
            known = registry.location(" ".join(words[:size]))
            if known and known.kind in {"country", "former state"}:
                return known, words[-1]
    return None
