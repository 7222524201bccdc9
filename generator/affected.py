"""What an edit can change: the entries and terms that the entries it changed name, before and after."""

from __future__ import annotations

from dataclasses import dataclass

from generator.index import country_keys, sort_key
from generator.model import Entry
from generator.registry import Registry, name_key
from generator.spellings import owner


@dataclass(frozen=True)
class Affected:
    """What the entries changed by an edit (as they were and as they are) name: the only entries and terms
    whose pages the edit can change, all else being the same (see plan)."""

    paths: frozenset[str]
    names: dict[str, frozenset[str]]  # actors (as written, and the record each stands for) and tags
    places: frozenset[str]  # name keys of the places named (as written, and their records'), and of the countries they are in
    moments: frozenset[tuple[object, ...]] = frozenset()  # where the entries were and are in time (sort keys): their neighbours' pages show them

    @classmethod
    def by(cls, changed: list[Entry], registry: Registry) -> Affected:
        actors = {n for e in changed for n in e.actors}
        places = {n for e in changed for n in e.locations}
        return cls(frozenset(e.path for e in changed),
                   {"actors": frozenset(actors | {owner(n, registry.actor(n)) for n in actors}), "tags": frozenset(n for e in changed for n in e.tags)},
                   frozenset({name_key(n) for n in places | {owner(n, registry.location(n)) for n in places}}
                             | {key for e in changed for key in country_keys(e, registry)}),
                   frozenset(sort_key(e) for e in changed))

    def term(self, kind: str, name: str) -> bool:
        return name_key(name) in self.places if kind == "locations" else name in self.names[kind]
