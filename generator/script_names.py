"""The names the site's scripts find things by: the search page's (search/names.json) and the timeline filter's (in entries.js).

The filter's follow the entries in entries.js, each name's once: the filter folds names as registry.name_key
does, so of several aliases alike but for case, accents or punctuation, one is enough. With them come the pages
of the actors and places, by every name entries write, so that a filtered entry links its names as the pages do.
"""

from __future__ import annotations

import json
from typing import Any

from generator import spellings, urls
from generator.model import Term, Timeline
from generator.registry import name_key


def filter_names(timeline: Timeline) -> dict[str, list[list[Any]]]:
    """[name, other names] of each actor the registry knows others for; [name, other names, country, region] of each place
    that has them or a country or region, or that no entry names itself (a country only its cities are named by)."""
    actors = [[t.name, others] for t in timeline.actors if (others := other_names(t))]
    places = []
    for term in timeline.locations:
        others = other_names(term)
        country, region = (term.record.country, term.record.region) if term.record else ("", "")
        if others or country or region or not term.entries:
            places.append([term.name, others, country, region][: 4 if region else 3 if country else 2])
    return {"actors": actors, "locations": places}


def other_names(term: Term) -> list[str]:
    """The record's aliases that fold to something other than its name and each other (one of each)."""
    if term.record is None:
        return []
    seen = {name_key(term.name), ""}  # an alias of no Latin letter or digit folds to nothing: the filter could not tell it
    others = []
    for alias in term.record.aliases:
        key = name_key(alias)
        if key not in seen:
            seen.add(key)
            others.append(alias)
    return others


def term_pages(timeline: Timeline) -> dict[str, dict[str, str]]:
    """The page of each actor and place by its name and every other spelling entries write: where the filter links them."""
    return {kind: {name: urls.term_path(kind, slug) for name, slug in spellings.slugs(timeline.terms(kind)).items()}
            for kind in ("actors", "locations")}


def names_script(timeline: Timeline) -> bytes:
    """The statement that hands the names and their pages to the filter, after the entries in entries.js."""
    names = {**filter_names(timeline), "pages": term_pages(timeline)}
    return b"window.timelineNames=" + script_json(names).encode("utf-8") + b";\n"


def script_json(value: object) -> str:
    """Compact JSON that is safe in any script: U+2028 and U+2029 end a line in older JavaScript, and "</script>" ends an inline one."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")


def search_names(timeline: Timeline) -> list[list[object]]:
    """Every actor, place and tag with its page, number of entries and other names: the search page finds them by name."""
    names: list[list[object]] = []
    for kind, label, path_of in (("actors", "Actor", urls.actor_path), ("locations", "Location", urls.location_path), ("tags", "Tag", urls.tag_path)):
        for term in timeline.terms(kind):
            aliases = list(term.record.aliases) if term.record else []
            names.append([term.name, label, path_of(term.slug), len(term.entries) + len(term.within), aliases])
    return names
