"""What each template sees: its context's fields and what is derived from them (months of entries, charts, the body as HTML)."""

from __future__ import annotations

import json
from dataclasses import fields
from itertools import groupby
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from generator import urls
from generator.alternates import shown_aliases
from generator.charts import activity, activity_svg, days, seen_with
from generator.contexts import Context, EntryPage, MapPage, TermPage, TimelinePage
from generator.entry_view import entry_variables
from generator.eras import Era, beginnings
from generator.links import Links
from generator.maps import WORLD_FILE, locator_svg
from generator.markup import markdown_to_html
from generator.model import Entry, Term
from generator.point_maps import points_svg
from generator.theme import MONTHS

if TYPE_CHECKING:
    from generator.render import Renderer

Months = list[tuple[int, list[tuple[str, list[tuple[tuple[Era, ...], list[Entry]]]]]]]  # year, month name, runs: the eras that begin, then entries
MAP_WIDE_PX = 704  # how wide the map page's map is on a wide screen (the page's column)


def variables(context: Context, path: str, renderer: Renderer) -> dict[str, Any]:
    """The template's variables for `context` on the page at `path` (besides site, links and canonical)."""
    config = renderer.config
    if isinstance(context, TimelinePage):
        strip = activity_svg(activity(context.counts), context.heading, Links(path, renderer.slugs).year, context.years, context.eras)
        return {"heading": context.heading, "groups": by_month(context.listing, beginnings(context.eras, context.listing)), "complete": context.complete,
                "years": context.years, "listing": context.listing, "filter": context.filter, "activity": strip,
                "embed": Links(path, renderer.slugs).embed(urls.HOME, config.base_url) if context.filter else "",
                "eras_data": json.dumps([[e.title, e.start.isoformat(), e.end.isoformat(), e.description] for e in context.eras], ensure_ascii=False)}
    if isinstance(context, EntryPage):
        return entry_variables(context, path, config)
    if isinstance(context, TermPage):
        kind, term, record = context.kind, context.term, context.term.record
        located = kind == "locations" and record is not None and record.lat is not None and record.lon is not None
        return {"kind": kind, "term": term, "groups": by_month(term.entries), "within": by_month(term.within), "nearby": list(context.nearby),
                "locator": locator_svg(term.name, record.lat, record.lon, urls.relative(path, WORLD_FILE), context.nearby) if located else "",  # type: ignore[union-attr,arg-type]
                "places_map": points_svg(context.places, Links(path, renderer.slugs).location, urls.relative(path, WORLD_FILE),
                                         f"Map: where {term.name} was seen, {len(context.places)} places") if context.places else "",
                "listing": term.entries + term.within,
                "aliases": (shown_aliases(record) if kind == "locations" else record.aliases) if record else (),
                "description": markdown_to_html(record.description, config.html_tags, config.remote_images) if record and record.description else "",
                "follow": True, "embed": Links(path, renderer.slugs).embed(urls.term_path(kind, term.slug), config.base_url), "activity": _term_strip(term, path, renderer),
                "seen_with": seen_with(term.name, kind, term.entries, renderer.owners) if kind != "tags" else {}}
    if isinstance(context, MapPage):
        title = f"Map: the {len(context.points)} places entries name"
        return {"points": context.points, "world_map": points_svg(context.points, Links(path, renderer.slugs).location,
                                                                  urls.relative(path, WORLD_FILE), title, MAP_WIDE_PX)}
    return {f.name: getattr(context, f.name) for f in fields(context)}  # type: ignore[arg-type]


def by_month(entries: tuple[Entry, ...], starts: dict[str, tuple[Era, ...]] | None = None) -> Months:
    """Entries grouped by year, then by month name, in date order; a month in runs split where an era of `starts` (eras.beginnings) begins."""
    years = []
    for year, in_year in groupby(entries, key=lambda e: e.date.year):
        months = [(MONTHS[m - 1], _runs(list(group), starts or {})) for m, group in groupby(in_year, key=lambda e: e.date.month)]
        years.append((year, months))
    return years


def _runs(entries: list[Entry], starts: dict[str, tuple[Era, ...]]) -> list[tuple[tuple[Era, ...], list[Entry]]]:
    runs: list[tuple[tuple[Era, ...], list[Entry]]] = [((), [])]
    for entry in entries:
        if entry.path in starts:
            runs.append((starts[entry.path], []))
        runs[-1][1].append(entry)
    return [run for run in runs if run[1]]


def _term_strip(term: Term, path: str, renderer: Renderer) -> Markup:
    """A term's strip counts what its page lists: the entries naming it and, for a country, those in places within it (and says so)."""
    listed = term.entries + term.within
    note = f"counting the {len(term.within)} in places in {term.name}" if term.within else ""
    return activity_svg(activity(days(listed)), term.name, Links(path, renderer.slugs).year, {e.date.year for e in listed}, note=note)

