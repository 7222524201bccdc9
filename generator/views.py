"""What each template sees: its context's fields and what is derived from them (months of entries, charts, the body as HTML)."""

from __future__ import annotations

from dataclasses import fields
from itertools import groupby
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from generator import urls
from generator.alternates import shown_aliases
from generator.charts import activity, activity_svg, seen_with
from generator.contexts import Context, EntryPage, TermPage, TimelinePage
from generator.maps import WORLD_FILE, locator_svg
from generator.markup import markdown_to_html
from generator.model import Entry
from generator.theme import MONTHS

if TYPE_CHECKING:
    from generator.render import Renderer

Months = list[tuple[int, list[tuple[str, list[Entry]]]]]


def variables(context: Context, path: str, renderer: Renderer) -> dict[str, Any]:
    """The template's variables for `context` on the page at `path` (besides site, links and canonical)."""
    config = renderer.config
    if isinstance(context, TimelinePage):
        return {"heading": context.heading, "groups": by_month(context.listing), "complete": context.complete, "years": context.years,
                "listing": context.listing, "filter": context.filter, "activity": activity_svg(list(context.counts), context.heading)}
    if isinstance(context, EntryPage):
        entry = context.entry
        return {"entry": entry, "body": markdown_to_html(entry.body, config.html_tags, config.remote_images), "read_at": entry.publisher or _host(entry.url)}
    if isinstance(context, TermPage):
        kind, term, record = context.kind, context.term, context.term.record
        located = kind == "locations" and record is not None and record.lat is not None and record.lon is not None
        return {"kind": kind, "term": term, "groups": by_month(term.entries), "within": by_month(term.within), "nearby": list(context.nearby),
                "locator": locator_svg(term.name, record.lat, record.lon, urls.relative(path, WORLD_FILE)) if located else "",  # type: ignore[union-attr,arg-type]
                "listing": term.entries + term.within,
                "aliases": (shown_aliases(record) if kind == "locations" else record.aliases) if record else (),
                "description": markdown_to_html(record.description, config.html_tags, config.remote_images) if record and record.description else "",
                "follow": True, "activity": activity_svg(activity(term.entries + term.within), term.name),
                "seen_with": seen_with(term.name, kind, term.entries, renderer.owners) if kind != "tags" else {}}
    return {f.name: getattr(context, f.name) for f in fields(context)}  # type: ignore[arg-type]


def by_month(entries: tuple[Entry, ...]) -> Months:
    """Entries grouped by year, then by month name, in date order."""
    years = []
    for year, in_year in groupby(entries, key=lambda e: e.date.year):
        months = [(MONTHS[m - 1], list(group)) for m, group in groupby(in_year, key=lambda e: e.date.month)]
        years.append((year, months))
    return years


def _host(url: str) -> str:
    """The site a URL is on, as a reader names it ('reuters.com'); '' for no URL."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")
