"""Unnamed forces and crowds coded as conflict-data analysts code them: 'Israeli forces' → Military Forces of Israel."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.extract.base import countries
from generator.extract.context import Context
from generator.extract.entities import Mention
from generator.extract.generic import GENERIC
from generator.extract.groups import Group, vocabulary
from generator.registry import Record, Registry, name_key

STATE_KINDS = {"country", "former state"}
STATE_FORCES = "state forces"
NAMED = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}  # labels of names that may hold a group's words


@dataclass(frozen=True)
class Coded:
    """A generic actor one mention stands for, and the state that commands it when the words name that state."""

    record: Record
    state: str = ""
    alongside: str = ""  # the crowd it is coded beside, for the kind of people in it ('Protesters (Iran)' for nurses)


@dataclass(frozen=True)
class Generic:
    """One article's generic mentions, and what those that name a group stand for, by their spans."""

    mentions: tuple[Mention, ...]
    coded: dict[tuple[int, int], tuple[Coded, ...]]

    def uncoded(self) -> tuple[Mention, ...]:
        """The generic mentions that name no group yet."""
        return tuple(m for m in self.mentions if (m.start, m.end) not in self.coded)


def code_generic(mentions: Iterable[Mention], registry: Registry, context: Context) -> Generic:
    """What each generic mention of one article stands for; mentions that name no group stay uncoded."""
    mentions = list(mentions)
    generic = tuple(m for m in mentions if m.label == GENERIC)
    named = {i for m in mentions if m.label in NAMED for i in range(m.start, m.end)}  # characters inside names the model found
    coded = {(m.start, m.end): found for m in generic if (found := code(m.text, registry, context, m.end - 1 in named))}
    actors = {c.record.name for found in coded.values() for c in found}
    kept = {span: tuple(c for c in found if not c.alongside or c.alongside in actors) for span, found in coded.items()}
    return Generic(generic, {span: found for span, found in kept.items() if found})


def code(phrase: str, registry: Registry, context: Context, named: bool = False) -> tuple[Coded, ...]:
    """The groups one phrase ('pro-Hadi and allied forces') names: by a registered form, its qualifier or the article's country.

    A phrase inside a name the model found (`named`: 'the United States Armed Forces' in a command's name) counts
    only as a registered form.
    """
    words = vocabulary()
    qualifier, trigger = words.split(phrase)
    group, event, qualified = words.group_of(trigger)
    if group is None:
        return ()
    parts = [w.removesuffix("'s").removesuffix("’s") for w in qualifier.split()]
    plain = [w for w in parts if w.casefold() == "and" or w.casefold() not in words.modifiers]
    if plain and (known := _registered(" ".join([*(w for w in plain if w != "and"), trigger]), registry, context)) is not None:
        return (known,)
    if named:
        return ()
    commanded = False
    while plain and plain[-1].casefold() in words.state_words | words.modifiers:
        commanded = plain.pop().casefold() in words.state_words or commanded
    if group.any_adjective or event:
        plain = [w for w in plain if not w.islower()]
    if event:  # "Japan protested against": a state's protest is diplomacy, no crowd's
        return () if any(_state(w, registry) for w in plain) else _of_article(group, context, False)
    if not plain:
        if qualified and not commanded or any(w.casefold() in words.allied for w in parts):
            return ()  # "the planes", "tribal forces": whose?
        return _of_article(group, context, commanded)
    coordinated = " ".join(plain).split(" and ")  # "Israeli and Palestinian forces"
    if group.any_adjective:  # a crowd is the article's country's unless a demonym says otherwise ("Kurdish protesters")
        whose = [found for part in coordinated if (found := _country_at_end(part, registry))]
        if not whose:
            return _of_article(group, context, False)
    else:
        whose = [(part, _country(part, registry)) for part in coordinated]
        if not all(country for _, country in whose):
            return ()  # "Houthi forces", "market forces", "Free Syrian Army": someone else's, or no group at all
    return tuple(_coded(group, country, (f"{part} {trigger}",) if len(whose) == 1 else (), True) for part, country in whose)


def _registered(phrase: str, registry: Registry, context: Context) -> Coded | None:
    """The actor a registered news form names ('regime forces' in Syria, 'pro-Hadi forces' in Yemen), if it is this article's."""
    known = registry.actor(phrase)
    if known is None or known.kind in {"state", "former state"}:
        return None
    if not known.country:
        return Coded(known)
    if countries().codes.get(known.country) not in context.codes:
        return None  # 'regime forces' in an article about Libya are Libya's
    return Coded(known, known.country if known.kind == STATE_FORCES else "")


def _of_article(group: Group, context: Context, commanded: bool) -> tuple[Coded, ...]:
    """The group of the article's one country; none when the article is about several or none."""
    if "{country}" not in group.name:
        return (Coded(Record(group.name, group.kind)),)
    return (_coded(group, context.country, (), commanded),) if context.country else ()


def _coded(group: Group, country: str, aliases: tuple[str, ...], commanded: bool) -> Coded:
    record = Record(_name(group.name, country), group.kind, aliases, country=country)
    state = country if commanded and group.kind == STATE_FORCES else ""
    return Coded(record, state, _name(group.alongside, country) if group.alongside else "")


def _country_at_end(words: str, registry: Registry) -> tuple[str, str] | None:
    """The last words that name a country and the country ('Angry Palestinian' → Palestinian, Palestinian Territory)."""
    split = words.split()
    return next(((" ".join(split[i:]), country) for i in range(len(split)) if (country := _country(" ".join(split[i:]), registry))), None)


def _country(words: str, registry: Registry) -> str:
    """The country a qualifier names: its demonym, its name, its capital or a place in it ('Beirut police')."""
    if state := _state(words, registry):
        return state
    known = registry.location(words)
    return known.country if known and known.country else ""


def _state(words: str, registry: Registry) -> str:
    """The state a qualifier names by demonym, name or capital, else ''."""
    state = countries()
    key = name_key(words)
    if demonym := state.demonyms.get(key):
        return demonym
    known = registry.location(words)
    if known and known.kind in STATE_KINDS:
        return known.name
    return state.capitals.get(key, "")


def _name(template: str, country: str) -> str:
    """'Military Forces of {country}' for one country, spelt as conflict data spells it ('of the United States')."""
    words = vocabulary()
    spelt = words.country_names.get(country, country)
    if "of {country}" in template and spelt in words.with_the:
        spelt = f"the {spelt}"
    return template.format(country=spelt)
