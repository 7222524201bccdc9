"""Finds the canonical actors and places an article names, through the registry."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from itertools import tee

from generator.article import Article
from generator.extract.base import base_registry, countries
from generator.extract.choose import prior_of
from generator.extract.entities import Analysis, ParsedLead, analyse
from generator.extract.names import credit_names
from generator.extract.workers import Failure
from generator.extract.resolve import resolve
from generator.extract.tally import Resolved
from generator.opening import opening
from generator.registry import Record, Registry, merge, name_key

__all__ = ["Analyser", "Batch", "Extraction", "Found", "base_registry", "extract", "extract_each"]

# where spaCy runs: (text, lead) pairs, the model and their count in, one Analysis (or Failure) per pair out, in order;
# `analyse` runs it in worker processes here, generator.cluster on a Dask cluster
Analyser = Callable[[Iterable[tuple[str, str]], str, int], Iterator[Analysis | Failure]]


@dataclass(frozen=True)
class Extraction:
    """The canonical names found in one article, most important first."""

    actors: tuple[str, ...]
    locations: tuple[str, ...]


@dataclass(frozen=True)
class Batch:
    """Each article's Extraction, in order, and the records it used that the user's registry lacks or holds otherwise."""

    extractions: tuple[Extraction, ...]
    actors: tuple[Record, ...]
    locations: tuple[Record, ...]


@dataclass(frozen=True)
class Found:
    """One article's Extraction and the records it used that the user's registry lacks or holds otherwise."""

    extraction: Extraction
    actors: tuple[Record, ...]
    locations: tuple[Record, ...]
    failure: str = ""  # why nothing could be extracted (the article overran its time): no entry is made
    lead: ParsedLead = ParsedLead()  # the lead paragraph parsed whole: generator.extract.entities.lead_doc makes it a Doc


def extract(articles: Sequence[Article], model: str, registry: Registry) -> Batch:
    """Extracts every article against `registry` (the user's; the shipped base is merged under it)."""
    extractions: list[Extraction] = []
    actors: dict[str, Record] = {}
    locations: dict[str, Record] = {}
    for found in extract_each(articles, model, registry, len(articles)):
        extractions.append(found.extraction)
        actors.update((r.name, r) for r in found.actors)
        locations.update((r.name, r) for r in found.locations)
    return Batch(tuple(extractions), tuple(actors.values()), tuple(locations.values()))


def extract_each(articles: Iterable[Article], model: str, registry: Registry, count: int, analyser: Analyser = analyse) -> Iterator[Found]:
    """What `extract` finds, one article at a time as spaCy finishes it; `count` articles are expected.

    The articles are read only as spaCy needs them: ending `articles` early ends this after the ones spaCy holds.
    `analyser` says where spaCy runs (generator.cluster's runs it on a Dask cluster); resolution stays here, in order.
    """
    full = merge(base_registry(), registry)
    codes = countries().codes
    prior = prior_of(registry.locations.values(), codes)  # the user's timeline: the shipped places say nothing of it
    read, given = tee(articles)
    texts = ((a.text if a.lang in ("", "en") else "", opening(a.paragraphs).lead) for a in given)  # English names only
    for analysis, article in zip(analyser(texts, model, count), read):
        if isinstance(analysis, Failure):
            yield Found(Extraction((), ()), (), (), analysis.reason)
            continue
        mentions = analysis.mentions
        excluded = credit_names(article.image.credit if article.image else "")
        found = _keyed(_own_aliases(resolve(article.text, excluded, mentions, full, prior), full))
        actors = tuple(r for r in found.actors if registry.actors.get(r.name) != r)
        locations = tuple(r for r in found.locations if registry.locations.get(r.name) != r)
        if actors or locations:
            full = full.with_records(actors, locations)  # later articles see what earlier ones found
        prior = prior.with_places((codes.get(r.country, ""), r.lat, r.lon) for r in found.locations if r.kind != "country")
        yield Found(Extraction(tuple(r.name for r in found.actors), tuple(r.name for r in found.locations)), actors, locations, lead=analysis.lead)


def _keyed(found: Resolved) -> Resolved:
    """Without names that have no Latin letters: the registry could not tell them apart (they come from text in another
    script, which the English model misreads)."""
    return replace(found, actors=tuple(r for r in found.actors if name_key(r.name)), locations=tuple(r for r in found.locations if name_key(r.name)))


def _own_aliases(found: Resolved, registry: Registry) -> Resolved:
    """Drops aliases that already name another record: a found spelling never merges two records by accident."""
    def own(record: Record, lookup: Callable[[str], Record | None]) -> Record:
        aliases = tuple(a for a in record.aliases if (other := lookup(a)) is None or other.name == record.name)
        return record if aliases == record.aliases else replace(record, aliases=aliases)

    return Resolved(tuple(own(r, registry.actor) for r in found.actors), tuple(own(r, registry.location) for r in found.locations))
