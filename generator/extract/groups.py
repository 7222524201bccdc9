"""The words that name unnamed forces and crowds, and the words around them: generator/data/generic_actors.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from generator.extract.base import DATA
from generator.frontmatter import TextLoader


@dataclass(frozen=True)
class Group:
    """One conflict-data actor category: its name template, kind and the words that name it."""

    name: str  # 'Military Forces of {country}', 'Protesters ({country})'
    kind: str
    words: frozenset[str]
    events: frozenset[str] = frozenset()
    qualified: frozenset[str] = frozenset()
    any_adjective: bool = False
    alongside: str = ""


@dataclass(frozen=True)
class Vocabulary:
    """Every group, and the words around their words that say whose they are."""

    groups: tuple[Group, ...]
    state_words: frozenset[str]
    modifiers: frozenset[str]
    allied: frozenset[str]
    adjectives: frozenset[str]
    stop_words: frozenset[str]
    with_the: frozenset[str]
    country_names: dict[str, str]
    _index: dict[str, Group] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {p: g for g in reversed(self.groups) for p in g.words | g.events | g.qualified})

    def phrases(self) -> set[str]:
        """Every word, event and qualified word of every group, lower case."""
        return set(self._index)

    def split(self, phrase: str) -> tuple[str, str]:
        """'pro-Hadi and allied forces' → ('pro-Hadi and allied', 'forces'): the longest group word at its end."""
        words = phrase.split()
        for size in range(len(words), 0, -1):
            if " ".join(words[-size:]).casefold() in self._index:
                return " ".join(words[:-size]), " ".join(words[-size:])
        return phrase, ""

    def group_of(self, word: str) -> tuple[Group | None, bool, bool]:
        """The group a word names, and whether it reports an event or needs a qualifier."""
        folded = word.casefold()
        group = self._index.get(folded)
        return group, group is not None and folded in group.events, group is not None and folded in group.qualified


@cache
def vocabulary() -> Vocabulary:
    """The shipped words for generic actors."""
    data = _read()
    groups = tuple(
        Group(name, str(fields["kind"]), _lower(fields.get("words")), _lower(fields.get("events")), _lower(fields.get("qualified")),
              str(fields.get("any adjective", "")).casefold() == "yes", str(fields.get("alongside") or ""))
        for name, fields in data["groups"].items()
    )
    return Vocabulary(groups, _lower(data["state words"]), _lower(data["modifiers"]), _lower(data["allied"]), _lower(data["also adjectives"]), _lower(data["stop words"]),
                      frozenset(data["with the"]), dict(data.get("country names") or {}))


@cache
def _read() -> dict[str, Any]:
    loader = TextLoader((DATA / "generic_actors.yml").read_text(encoding="utf-8"))
    try:
        return loader.get_single_data() or {}
    finally:
        loader.dispose()


def _lower(words: Any) -> frozenset[str]:
    return frozenset(str(w).casefold() for w in words or ())
