"""`timeline locations --explain NAME`: which GeoNames place a name could be, which one each entry got, and why."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import islice

from generator.config import Config
from generator.extract import base_registry
from generator.extract.base import countries
from generator.extract.choose import Evidence, choose, prior_of, score
from generator.extract.context import article_context
from generator.extract.entities import find_mentions
from generator.extract.patterns import dateline_spans, pattern_mentions
from generator.extract.placing import named_units
from generator.extract.places import gazetteer
from generator.extract.resolve import resolve
from generator.frontmatter import parse
from generator.load import entry_files
from generator.registry import Record, Registry, load_registry, merge, name_key

SHOWN_ENTRIES = 3
SHOWN_CANDIDATES = 6


def explain(config: Config, name: str) -> Iterator[str]:
    """Lines saying what the registry holds for `name`, the places it could be, and, for a few entries naming it,
    the evidence each candidate has in that entry, best first."""
    own = load_registry(config.content)
    registry = merge(base_registry(), own)
    record = registry.location(name)
    yield _described(record) if record else f"'{name}' is not in the registry"
    gaz = gazetteer()
    candidates = gaz.candidates(name)
    yield f"GeoNames has {len(candidates)} place(s) called '{name}'" + (":" if candidates else "")
    for place in candidates[:SHOWN_CANDIDATES]:
        yield f"  {gaz.record(place, name).name} ({place.kind}, {gaz.countries.get(place.country, place.country)}), population {place.population:,}"
    prior = prior_of(own.locations.values(), countries().codes)  # the timeline's places as they are now
    names = {n for r in (record,) if r for n in r.names()} | {name}
    for path, text in islice(_entries_naming(config, names, registry), SHOWN_ENTRIES):
        yield f"in {path.relative_to(config.root).as_posix()}:"
        evidence = _evidence(config, text, name, registry)
        chosen = choose(candidates, evidence, prior, gaz.countries)
        for c in sorted((score(p, evidence, prior, gaz.countries) for p in candidates), key=lambda c: -c.score)[:SHOWN_CANDIDATES]:
            mark = "→" if chosen and c.place.row == chosen.place.row else " "
            yield f"  {mark} {c.score:5.2f}  {gaz.record(c.place, name).name}, {gaz.countries.get(c.place.country, '')}: {'; '.join(c.reasons)}"
    yield "to correct a choice, edit the place's record in content/locations.yml (country, region, lat, lon); ingest keeps it"


def _described(record: Record) -> str:
    where = ", ".join(x for x in (record.region, record.country) if x)
    at = f" at {record.lat:.3f}, {record.lon:.3f}" + (" (approximate)" if record.approximate else "") if record.lat is not None and record.lon is not None else ", no coordinates"
    return f"the registry has '{record.name}' ({record.kind or 'no kind'}{', in ' + where if where else ''}){at}"


def _entries_naming(config: Config, names: set[str], registry: Registry) -> Iterator[tuple[object, str]]:
    keys = {name_key(n) for n in names}
    for path in entry_files(config.content):
        document = parse(path.read_text(encoding="utf-8"))
        if keys & {name_key(str(n)) for n in document.meta.get("locations") or []}:
            yield path, document.body


def _evidence(config: Config, text: str, name: str, registry: Registry) -> Evidence:
    """What the entry's text says about where it is, as ingest reads it, less the place being explained."""
    mentions = next(iter(find_mentions([text], config.spacy_model, 1)))
    if not isinstance(mentions, list):
        return Evidence()
    context = article_context(text, mentions, registry, dateline_spans(text))
    units = named_units(mentions + list(pattern_mentions(text, mentions, context.admin1)), context.named)
    others = [r for r in resolve(text, set(), mentions, registry).locations if name_key(r.name) != name_key(name)]
    anchors = tuple((r.name, r.lat, r.lon) for r in others if r.lat is not None and r.lon is not None and r.kind not in {"country", "former state"})
    return Evidence(context.named, context.codes - context.named, frozenset(units), anchors)  # type: ignore[arg-type]
