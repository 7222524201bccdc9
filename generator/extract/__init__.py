"""Finds the actors and locations an article names."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from generator.article import Article
from generator.extract.entities import Mention, find_mentions
from generator.extract.names import clean_name, credit_names

ACTOR_LABELS = {"PERSON", "ORG", "NORP"}
LOCATION_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Extraction:
    """The names found in one article, most important first."""

    actors: tuple[str, ...]
    locations: tuple[str, ...]


def extract(articles: Sequence[Article], model: str) -> Iterator[Extraction]:
    """One Extraction per article, in order."""
    for article, mentions in zip(articles, find_mentions([a.text for a in articles], model)):
        yield _names(article, mentions)


def _names(article: Article, mentions: list[Mention]) -> Extraction:
    excluded = credit_names(article.image.credit if article.image else "")
    actors: dict[str, str] = {}
    locations: dict[str, str] = {}
    for mention in mentions:
        name = clean_name(mention.text)
        if not name or name.casefold() in excluded:
            continue
        if mention.label in ACTOR_LABELS:
            actors.setdefault(name.casefold(), name)
        elif mention.label in LOCATION_LABELS:
            locations.setdefault(name.casefold(), name)
    return Extraction(tuple(actors.values()), tuple(locations.values()))
