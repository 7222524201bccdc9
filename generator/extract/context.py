"""The countries an article is about: they pick among same-name places and name its admin units.

A country counts when the article names it, a demonym or an actor tied to it implies it ('Lebanese army', 'Houthis'),
or a big city in it is named; never from a dateline, a currency ('US dollar') or a name that stands for an accord.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.base import countries
from generator.extract.entities import Mention
from generator.extract.names import clean_name
from generator.extract.places import SMALL, gazetteer
from generator.extract.spans import names_no_place
from generator.registry import Registry, name_key

_SIDE = re.compile(r"\A(?:pro|anti)-", re.IGNORECASE)
_CURRENCY = re.compile(r"\A\s+(?:pounds?|lira|liras|lire|rials?|riyals?|dinars?|dirhams?|francs?|rupees?|roubles?|rubles?|pesos?|shekels?|yen|yuan|won|rand|currency)\b", re.IGNORECASE)
GOVERNORATES = {"SY", "YE", "IQ", "EG", "JO", "LB", "PS", "KW", "BH", "OM", "TN"}  # first-level units called governorates
PROVINCES = {"IR", "TR", "AF", "PK", "SA", "CN", "IT", "ES", "NL", "BE", "CA", "AR", "ID", "PH", "KR", "TH", "VN", "ZA"}


@dataclass(frozen=True)
class Context:
    """ISO codes of the article's countries, its one country if it has one, and the one it names most."""

    codes: frozenset[str]
    country: str  # canonical name when the article is about exactly one country, else ''
    main: str  # the country named most often, else ''
    currency: str = ""  # ISO code of the one local currency it names ('Lebanese pound'): a hint, used only when nothing else places it
    named: frozenset[str] = frozenset()  # the codes it names by a place's name; the others only demonyms and actors imply

    @property
    def admin1(self) -> str:
        """What first-level units are called there ('Governorate', 'Province'), or '' when unknown."""
        return "Governorate" if self.codes & GOVERNORATES else "Province" if self.codes & PROVINCES else ""


def article_context(text: str, entities: list[Mention], registry: Registry, datelines: list[tuple[int, int]] = ()) -> Context:  # type: ignore[assignment]
    """The countries named, implied by demonyms or actors, or holding the big cities the article names (datelines aside)."""
    entities = [e for e in entities if not any(s <= e.start < t or e.start <= s < e.end for s, t in datelines)]
    local = {code for e in entities if (code := _local_currency(text, e))}
    entities = [e for e in entities if not names_no_place(text, e)]
    named, implied = _codes(text, entities, registry)
    codes = named | implied
    country = gazetteer().countries.get(next(iter(codes)), "") if len(codes) == 1 else ""
    return Context(frozenset(codes), country, _main_country(entities, registry), next(iter(local)) if len(local) == 1 else "", frozenset(named))


def _local_currency(text: str, e: Mention) -> str:
    """The ISO code of a country whose own currency the mention names ('Lebanese pound'); the dollar and the euro are
    everyone's, so they say nothing of where a story is."""
    state = countries()
    if not _CURRENCY.match(text[e.end : e.end + 20]):
        return ""
    demonym = state.demonyms.get(name_key(clean_name(e.text).text))
    return state.codes.get(demonym or "", "")


def _codes(text: str, entities: list[Mention], registry: Registry) -> tuple[set[str], set[str]]:
    """The countries the article names by a place's name, and those its demonyms and actors imply ("Russian forces"
    shell towns abroad: what they imply is weaker evidence of where a story is)."""
    codes: set[str] = set()
    implied: set[str] = set()
    state = countries()
    gaz = gazetteer()
    for e in entities:
        name = _SIDE.sub("", clean_name(e.text).text)  # "pro-Houthi": the Houthis' country all the same
        if e.label == "NORP" and text[e.end : e.end + 4] == "-led":
            continue  # "Saudi-led coalition" fights elsewhere
        if e.label == "NORP" and (demonym := state.demonyms.get(name_key(name))) in state.codes:
            implied.add(state.codes[demonym])  # "Afghan forces": likely about Afghanistan
            continue
        if e.label in {"ORG", "NORP"} and (actor := registry.actor(name)) and actor.country in state.codes:
            implied.add(state.codes[actor.country])  # "Hezbollah", "the Houthis": actors tied to one country
            continue
        if e.label not in {"GPE", "LOC", "NORP"}:
            continue
        known = registry.location(name)
        if known and known.kind == "country" and known.name in state.codes:
            codes.add(state.codes[known.name])
        elif known and known.country in state.codes:
            code = state.codes[known.country]  # the registry's Tripoli must not decide which Tripoli this is
            if not any(p.country != code and p.population >= SMALL for p in gaz.candidates(name)) or getattr(gaz.obvious(name), "country", "") == code:
                codes.add(state.codes[known.country])
        elif (city := gaz.obvious(name)) is not None:
            codes.add(city.country)
    if not codes and not implied:  # small places only: the country where most of them can be, each name's vote split
        votes: dict[str, float] = {}  # among the countries it could be in, so that a name found everywhere says little
        voters: dict[str, int] = {}
        names = {clean_name(e.text).text for e in entities if e.label in {"GPE", "LOC", "FAC", "PERSON", "ORG"} and e.text[:1].isupper()}
        for name in names:
            found = {p.country for p in gaz.candidates(name)}
            for code in found:
                votes[code] = votes.get(code, 0) + 1 / len(found)
                voters[code] = voters.get(code, 0) + 1
        ranked = sorted(votes.values(), reverse=True) + [0.0]
        best = max(votes, key=lambda c: votes[c], default="")
        if best and voters[best] >= 2 and ranked[0] >= 1 and ranked[0] >= 2 * ranked[1]:  # two names at least agree
            codes.add(best)
    return codes, implied


def _main_country(entities: list[Mention], registry: Registry) -> str:
    """The country an article names most often, by its name, its demonym or its places (ties: first named), or ''."""
    counts: dict[str, int] = {}
    state, gaz = countries(), gazetteer()
    for m in entities:
        written = clean_name(m.text.title() if m.text.isupper() else m.text).text
        name = ""
        if m.label == "NORP":
            name = state.demonyms.get(name_key(written), "")  # "Japanese stock exchanges"
        elif m.label in {"GPE", "LOC"} and (known := registry.location(written)):
            name = known.name if known.kind == "country" else known.country
        elif m.label in {"GPE", "LOC"} and (city := gaz.obvious(written)) is not None:
            name = gaz.countries.get(city.country, "")
        if name:
            counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else ""
