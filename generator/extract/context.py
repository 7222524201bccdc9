"""The countries an article is about: they pick among same-name places and name its admin units."""

from __future__ import annotations

from dataclasses import dataclass

from generator.extract.base import countries
from generator.extract.entities import Mention
from generator.extract.names import clean_name
from generator.extract.places import SMALL, gazetteer
from generator.registry import Registry, name_key

GOVERNORATES = {"SY", "YE", "IQ", "EG", "JO", "LB", "PS", "KW", "BH", "OM", "TN"}  # first-level units called governorates
PROVINCES = {"IR", "TR", "AF", "PK", "SA", "CN", "IT", "ES", "NL", "BE", "CA", "AR", "ID", "PH", "KR", "TH", "VN", "ZA"}


@dataclass(frozen=True)
class Context:
    """ISO codes of the article's countries, its one country if it has one, and the one it names most."""

    codes: frozenset[str]
    country: str  # canonical name when the article is about exactly one country, else ''
    main: str  # the country named most often, else ''

    @property
    def admin1(self) -> str:
        """What first-level units are called there ('Governorate', 'Province'), or '' when unknown."""
        return "Governorate" if self.codes & GOVERNORATES else "Province" if self.codes & PROVINCES else ""


def article_context(text: str, entities: list[Mention], registry: Registry) -> Context:
    """The countries named, implied by demonyms, or holding the big cities the article names."""
    codes = _codes(text, entities, registry)
    country = gazetteer().countries.get(next(iter(codes)), "") if len(codes) == 1 else ""
    return Context(frozenset(codes), country, _main_country(entities, registry))


def _codes(text: str, entities: list[Mention], registry: Registry) -> set[str]:
    codes: set[str] = set()
    state = countries()
    gaz = gazetteer()
    for e in entities:
        name = clean_name(e.text).text
        if e.label == "NORP" and text[e.end : e.end + 4] == "-led":
            continue  # "Saudi-led coalition" fights elsewhere
        if e.label == "NORP" and (demonym := state.demonyms.get(name_key(name))) in state.codes:
            codes.add(state.codes[demonym])  # "Afghan forces": the article is about Afghanistan
            continue
        if e.label not in {"GPE", "LOC", "NORP"}:
            continue
        known = registry.location(name)
        if known and known.kind == "country" and known.name in state.codes:
            codes.add(state.codes[known.name])
        elif known and known.country in state.codes:
            codes.add(state.codes[known.country])
        elif (city := gaz.find(name, fuzzy=False)) is not None and city.population >= SMALL:
            codes.add(city.country)
    if not codes:  # small places only: the country that most of them are in
        votes: dict[str, int] = {}
        names = {name_key(clean_name(e.text).text) for e in entities if e.label in {"GPE", "LOC", "FAC", "PERSON", "ORG", "NORP"} and e.text[:1].isupper()}
        for key in names:
            for number in gaz.by_key.get(key, ()):
                votes[gaz.cities[number].country] = votes.get(gaz.cities[number].country, 0) + 1
        if votes and max(votes.values()) >= 2:
            codes.add(max(votes, key=lambda c: votes[c]))
    return codes


def _main_country(entities: list[Mention], registry: Registry) -> str:
    """The country an article names most often (ties: first named), or ''."""
    counts: dict[str, int] = {}
    for m in entities:
        if m.label == "GPE" and (known := registry.location(clean_name(m.text.title() if m.text.isupper() else m.text).text)):
            name = known.name if known.kind == "country" else known.country
            if name:
                counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda n: counts[n]) if counts else ""
