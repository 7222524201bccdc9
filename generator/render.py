"""Turns a Timeline into pages: HTML through Jinja templates, feeds and data files."""

from __future__ import annotations

import functools
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

import jinja2
import markdown
import nh3
from markupsafe import Markup, escape

from generator import urls
from generator.config import Config
from generator.model import Entry, Page, Term, Timeline
from generator.redirects import Redirects

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
FEED_SIZE = 50


def default_theme() -> Path:
    """The theme shipped with the package (in a wheel) or beside it (in a checkout)."""
    packaged = Path(__file__).parent / "theme"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "templates"


def environment(config: Config) -> jinja2.Environment:
    """Jinja with ROOT/templates overriding the default theme file by file."""
    loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(config.templates), jinja2.FileSystemLoader(default_theme())])
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["long_date"] = lambda d: f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    return env


@dataclass(frozen=True)
class Links:
    """Relative links from one page to everything else on the site."""

    page: str
    timeline: Timeline
    slugs: dict[str, dict[str, str]]  # kind -> name -> slug
    items: dict[tuple[str, str, int, bool], Markup] = field(default_factory=dict, compare=False)  # shared cache of list items
    macros: Any = None  # the theme's _macros.html module

    def to(self, path: str) -> str:
        return urls.relative(self.page, path)

    def item(self, entry: Entry, level: int, compact: bool = False) -> Markup:
        """An entry as a timeline list item, rendered once per folder depth, heading level and form."""
        key = (entry.path, urls.prefix(self.page), level, compact)
        if key not in self.items:
            self.items[key] = Markup(self.macros.entry_item(self, entry, level, compact))
        return self.items[key]

    def entry(self, entry: Entry) -> str:
        return self.to(urls.entry_path(self.timeline.entry_slugs[entry.path]))

    def actor(self, name: str) -> str:
        return self.to(urls.actor_path(self.slugs["actors"][name]))

    def location(self, name: str) -> str:
        return self.to(urls.location_path(self.slugs["locations"][name]))

    def tag(self, name: str) -> str:
        return self.to(urls.tag_path(self.slugs["tags"][name]))

    def year(self, year: int) -> str:
        return self.to(urls.year_path(year))


def render(timeline: Timeline, config: Config, redirects: Redirects | None = None, part: int = 0, parts: int = 1) -> Iterator[Page]:
    """Every page of the site, one at a time; with `parts` > 1, only every parts-th page from `part` on."""
    env = environment(config)
    slugs = {kind: {t.name: t.slug for t in getattr(timeline, kind)} for kind in ("actors", "locations", "tags")}
    markdowner = _markdown()
    items: dict[tuple[str, str, int, bool], Markup] = {}
    macros = env.get_template("_macros.html").module
    ordinal = itertools.count()

    def mine() -> bool:
        """Whether the next page is this part's to render: pages are dealt out in turn."""
        return next(ordinal) % parts == part

    def html(path: str, template: str, **context: Any) -> Page:
        links = Links(path, timeline, slugs, items, macros)
        canonical = f"{config.base_url.rstrip('/')}/{path.removesuffix('index.html')}" if config.base_url else ""
        text = env.get_template(template).render(site=config, links=links, canonical=canonical, timeline=timeline, **context)
        return Page(path, text.encode("utf-8"))

    entries = timeline.entries
    recent = entries if len(entries) <= config.timeline_page_size else tuple(e for e in entries if e.date.year == timeline.years[-1])
    if mine():
        yield html("index.html", "timeline.html", heading=config.title, groups=by_month(recent), complete=recent == entries)
    for year in timeline.years:
        if mine():
            in_year = tuple(e for e in entries if e.date.year == year)
            yield html(f"{urls.year_path(year)}index.html", "timeline.html", heading=str(year), groups=by_month(in_year), complete=True)
    for entry in entries:
        if mine():
            path = urls.entry_path(timeline.entry_slugs[entry.path]) + "index.html"
            yield html(path, "entry.html", entry=entry, body=body_html(markdowner, entry.body))
    for kind, label, path_of in (("actors", "Actors", urls.actor_path), ("locations", "Locations", urls.location_path), ("tags", "Tags", urls.tag_path)):
        terms: tuple[Term, ...] = getattr(timeline, kind)
        if mine():
            yield html(f"{kind}/index.html", "terms.html", kind=kind, heading=label, terms=terms)
        for term in terms:
            if mine():
                description = body_html(markdowner, term.record.description) if term.record and term.record.description else ""
                yield html(path_of(term.slug) + "index.html", "term.html", kind=kind, term=term, groups=by_month(term.entries),
                           within=by_month(term.within), description=description)
    if mine():
        yield html("404.html", "404.html")
    pages = {urls.actor_path(t.slug) for t in timeline.actors} | {urls.location_path(t.slug) for t in timeline.locations}
    for old, (kind, name) in sorted((redirects or Redirects()).targets.items()):
        if old not in pages and name in slugs[kind] and mine():
            target = (urls.actor_path if kind == "actors" else urls.location_path)(slugs[kind][name])
            yield html(old + "index.html", "redirect.html", name=name, target=target)
    if mine():
        yield Page("feed.xml", _xml(env, "feed.xml", config, timeline, slugs, entries=tuple(reversed(entries[-FEED_SIZE:]))))
    if mine():
        yield Page("sitemap.xml", _xml(env, "sitemap.xml", config, timeline, slugs, paths=sitemap_paths(timeline)))
    if mine():
        yield Page("timeline.json", timelinejs(timeline, config))


def by_month(entries: tuple[Entry, ...]) -> list[tuple[int, list[tuple[str, list[Entry]]]]]:
    """Entries grouped by year, then by month name, in date order."""
    years = []
    for year, in_year in groupby(entries, key=lambda e: e.date.year):
        months = [(MONTHS[m - 1], list(group)) for m, group in groupby(in_year, key=lambda e: e.date.month)]
        years.append((year, months))
    return years


@functools.cache
def _markdown() -> markdown.Markdown:
    """One Markdown converter per process: building one costs more than converting a body."""
    return markdown.Markdown(extensions=["extra", "sane_lists"], output_format="html")


def body_html(markdowner: markdown.Markdown, body: str) -> str:
    """Markdown to HTML, then sanitised: raw HTML in a hand-written body cannot run script."""
    markdowner.reset()
    return nh3.clean(markdowner.convert(body), url_schemes={"http", "https", "mailto"})


def sitemap_paths(timeline: Timeline) -> list[str]:
    """Every HTML page's folder path, in a stable order."""
    paths = ["", *(urls.year_path(y) for y in timeline.years)]
    paths += [urls.entry_path(timeline.entry_slugs[e.path]) for e in timeline.entries]
    for kind, path_of in (("actors", urls.actor_path), ("locations", urls.location_path), ("tags", urls.tag_path)):
        paths.append(f"{kind}/")
        paths += [path_of(t.slug) for t in getattr(timeline, kind)]
    return paths


def timelinejs(timeline: Timeline, config: Config) -> bytes:
    """All entries in the JSON that Knight Lab's TimelineJS reads."""
    links = Links("timeline.json", timeline, {})
    events = [
        {
            "unique_id": entry.id,
            "start_date": {"year": entry.date.year, "month": entry.date.month, "day": entry.date.day},
            "text": {"headline": entry.title, "text": _timelinejs_text(entry, links.entry(entry))},
            "group": entry.locations[0] if entry.locations else "",
        }
        for entry in timeline.entries
    ]
    data = {"title": {"text": {"headline": config.title, "text": config.description}}, "events": events}
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _timelinejs_text(entry: Entry, link: str) -> str:
    summary = str(escape(entry.summary))
    return f'<p>{summary}</p><p><a href="{escape(link)}">Read the entry</a></p>'


def _xml(env: jinja2.Environment, template: str, config: Config, timeline: Timeline, slugs: dict[str, dict[str, str]], **context: Any) -> bytes:
    links = Links(template, timeline, slugs)
    return env.get_template(template).render(site=config, links=links, timeline=timeline, **context).encode("utf-8")
