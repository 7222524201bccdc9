"""Renders one page at a time: a template, the page's own data, and relative links to the rest of the site."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup, escape

from generator import spellings, urls
from generator.config import Config
from generator.errors import TimelineError
from generator.script_names import script_json
from generator.load import read_body
from generator.markup import markdown_to_html
from generator.model import Entry, Timeline
from generator.theme import MONTHS, Theme

Variant = tuple[str, int, bool]  # what a list item is made for: (path prefix, heading level, compact)
ItemKey = tuple[str, str, int, bool]  # (entry key, *variant)
ItemCache = dict[ItemKey, Markup]  # -> list item
ITEMS_KEPT = 100_000  # list items a worker process hands back for the build cache; past that, the handing costs too much
RUNS_KEPT = 64 * 2**20  # bytes of runs a process holds: past it, they go to the build cache (a worker lets them go)
LONG_LISTING = 500  # entries listed on a page from which its months of items, and its TimelineJS data by year, are kept as runs
# characters XML 1.0 forbids (C0 controls but tab, newline and return; surrogates; U+FFFE, U+FFFF): a feed or sitemap with
# one is not XML, and a reader rejects all of it. Front matter can hold them ("\x01" in double quotes), so they are dropped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Links:
    """Relative links from one page to everything else on the site."""

    page: str
    renderer: Renderer
    listing: tuple[Entry, ...] = ()  # every entry the page lists: their stored items are fetched together
    recalled: set[Variant] = field(default_factory=set)

    def to(self, path: str) -> str:
        return urls.relative(self.page, path)

    @property
    def root(self) -> str:
        """The way back to the site's root, to resolve site paths against in scripts: '' or '../' per folder."""
        return urls.prefix(self.page)

    def items(self, entries: list[Entry], level: int, compact: bool = False) -> Markup:
        """Entries as timeline list items, each rendered once per folder depth, heading level and form. A long
        page keeps each month of them as a run (in serve and in the build cache); in serve, every page keeps
        its months while none of their entries change."""
        renderer = self.renderer
        prefix = urls.prefix(self.page)
        keys = [(renderer.entry_keys[e.path], prefix, level, compact) for e in entries]
        if len(self.listing) >= LONG_LISTING:
            if (prefix, level, compact) not in self.recalled:  # the first month: every month's run is fetched at once
                self.recalled.add((prefix, level, compact))
                months = [list(month) for _, month in groupby(self.listing, key=lambda e: (e.date.year, e.date.month))]
                renderer.fetch_runs([_items_key(prefix, level, compact, [renderer.entry_keys[e.path] for e in month]) for month in months])
            key = _items_key(prefix, level, compact, [k[0] for k in keys])
            return Markup(renderer.run(key, lambda: self._items(entries, keys, fetch=False).encode("utf-8")).decode("utf-8"))
        if renderer.groups is None:
            return self._items(entries, keys)
        key = ("".join([k[0] for k in keys]), prefix, level, compact)
        if key not in renderer.groups:
            renderer.groups[key] = self._items(entries, keys)
        return renderer.groups[key]

    def _items(self, entries: list[Entry], keys: list[ItemKey], fetch: bool = True) -> Markup:
        """The items, as earlier builds made them (with `fetch`: those of the whole page are fetched at the
        first one missing) or made now."""
        items = self.renderer.items
        variant = keys[0][1:] if keys else ("", 0, False)
        if fetch and variant not in self.recalled and any(key not in items for key in keys):
            self.recalled.add(variant)
            self.renderer.recall(variant, [*entries, *self.listing])
        for entry, key in zip(entries, keys):
            if key not in items:
                items[key] = Markup(self.renderer.macros.entry_item(self, entry, key[2], key[3]))
        return Markup("".join([items[key] for key in keys]))  # items are Markup already: no escaping to do

    def entry(self, entry: Entry) -> str:
        return self.to(urls.entry_path(self.renderer.timeline.entry_slugs[entry.path]))

    def actor(self, name: str) -> str:
        return self.to(urls.actor_path(self.renderer.slugs["actors"][name]))

    def location(self, name: str) -> str:
        return self.to(urls.location_path(self.renderer.slugs["locations"][name]))

    def tag(self, name: str) -> str:
        return self.to(urls.tag_path(self.renderer.slugs["tags"][name]))

    def year(self, year: int) -> str:
        return self.to(urls.year_path(year))


@dataclass
class Renderer:
    """What every page is rendered with; `items` and `groups` may be kept between builds: their keys say what they show."""

    theme: Theme
    config: Config
    timeline: Timeline
    entry_keys: dict[str, str]  # entry path -> digest of all that a list item shows of it
    items: ItemCache = field(default_factory=dict)
    groups: ItemCache | None = None  # runs of list items (a month) by their entries' keys; worth keeping in serve only
    stored: Callable[[Variant, list[str]], ItemCache] | None = None  # items made by earlier builds, by variant and entry keys
    runs: dict[str, bytes] = field(default_factory=dict)  # runs of items or of whole-site files by their key (see run)
    stored_runs: Callable[[list[str]], dict[str, bytes]] | None = None  # runs made by earlier builds
    runs_used: set[str] = field(default_factory=set)  # the keys of the runs the file being made is made of
    fetched: set[ItemKey | str] = field(default_factory=set)  # the keys of the items and runs taken from earlier builds
    spill: Callable[[dict[str, bytes]], None] | None = None  # takes the runs at hand once RUNS_KEPT bytes of them were made

    def __post_init__(self) -> None:
        self._by_year: list[tuple[list[Entry], str]] | None = None
        self._made = 0  # bytes of runs made since they were last spilled
        self.slugs = {kind: spellings.slugs(getattr(self.timeline, kind)) for kind in ("actors", "locations", "tags")}  # names as entries write them
        self.macros = self.theme.env.get_template("_macros.html").module

    def recall(self, variant: Variant, entries: Iterable[Entry]) -> None:
        """Fetches the items of these entries that earlier builds made and that are not at hand."""
        if self.stored is not None:
            missing = {key for e in entries if (key := self.entry_keys[e.path], *variant) not in self.items}
            if missing:
                found = self.stored(variant, sorted(missing))
                self.items.update(found)
                self.fetched.update(found)

    def page(self, path: str, template: str, listing: tuple[Entry, ...] = (), **context: Any) -> bytes:
        """The page at `path` (listing `listing`); a template error is reported with the template's file and line."""
        canonical = f"{self.config.base_url.rstrip('/')}/{path.removesuffix('index.html')}" if self.config.base_url else ""
        try:
            text = self.theme.env.get_template(template).render(site=self.config, links=Links(path, self, listing), canonical=canonical, **context)
        except jinja2.TemplateError as error:
            raise TimelineError(f"{template_place(error)}: template error: {error.message}; site/ was not changed") from None
        return (NOT_XML.sub("", text) if template.endswith(".xml") else text).encode("utf-8")

    def entry_page(self, path: str, entry: Entry) -> bytes:
        return self.page(path, "entry.html", entry=entry, body=markdown_to_html(read_body(self.config.content / entry.path), self.config.html_tags,
                                                                                self.config.remote_images),
                         read_at=entry.publisher or _host(entry.url))

    def timelinejs(self, path: str, entries: tuple[Entry, ...] | list[Entry], headline: str) -> bytes:
        """The entries in the JSON that Knight Lab's TimelineJS reads, with links relative to `path`."""
        links = Links(path, self)

        def event(entry: Entry) -> str:
            return json.dumps({
                "unique_id": entry.id,
                "start_date": {"year": entry.date.year, "month": entry.date.month, "day": entry.date.day},
                "text": {"headline": str(escape(entry.title)), "text": _timelinejs_text(entry, links.entry(entry))},
                "group": str(escape(entry.locations[0])) if entry.locations else "",
            }, ensure_ascii=False, separators=(",", ":"))

        variant = urls.prefix(path) + "timeline.json"  # the links in an event depend on where the file is
        if path == "timeline.json" or len(entries) >= LONG_LISTING:
            events = self._yearly(variant, entries, event, ",")
        else:
            events = self._pieces(variant, list(entries), event, ",").encode("utf-8")
        # TimelineJS shows these as HTML: text is escaped
        title = {"headline": str(escape(f"{headline} · {self.config.title}" if headline else self.config.title)), "text": str(escape(self.config.description))}
        title_json = json.dumps({"text": title}, ensure_ascii=False, separators=(",", ":"))
        return b'{"title":' + title_json.encode("utf-8") + b',"events":[' + events + b"]}\n"

    def entries_json(self) -> bytes:
        """The front matter of every entry, oldest first, one entry per line, for analysts."""
        def line(entry: Entry) -> str:
            return json.dumps(self._record(entry), ensure_ascii=False)

        return b"[\n" + self._yearly("entries.json", self.timeline.entries, line, ",\n") + b"\n]\n"

    def entries_csv(self) -> bytes:
        """The same as a spreadsheet: one row per entry, lists joined with '; '."""
        def row(entry: Entry) -> str:
            out = io.StringIO()
            csv.writer(out, lineterminator="\r\n").writerow([_cell("; ".join(v) if isinstance(v, list) else v) for v in self._record(entry).values()])
            return out.getvalue()

        header = io.StringIO()
        csv.writer(header, lineterminator="\r\n").writerow(CSV_COLUMNS)
        return header.getvalue().encode("utf-8") + self._yearly("entries.csv", self.timeline.entries, row, "")

    def filter_data(self) -> bytes:
        """Each entry's date, title, page and names, for the timeline's filter (static/filter.js): a script, not
        JSON, so that it loads from the file system too."""
        def row(entry: Entry) -> str:
            page = urls.entry_path(self.timeline.entry_slugs[entry.path])
            return script_json([entry.date.isoformat(), entry.title, page, entry.actors, entry.locations, entry.tags])

        return b"window.timelineEntries=[\n" + self._yearly("entries.js", self.timeline.entries, row, ",\n") + b"\n];\n"

    def run(self, key: str, make: Callable[[], bytes]) -> bytes:
        """A run of items (or of pieces of a data file), by a key made of all it depends on: kept from an
        earlier build or made now."""
        return self._runs([key], lambda _: make())[0]

    def fetch_runs(self, keys: list[str]) -> None:
        """Puts at hand those of these runs that earlier builds made, fetched together."""
        missing = [key for key in keys if key not in self.runs]
        if missing and self.stored_runs is not None:
            found = self.stored_runs(missing)
            self.runs.update(found)
            self.fetched.update(found)

    def _runs(self, keys: list[str], make: Callable[[int], bytes]) -> list[bytes]:
        """Runs by their keys, those missing fetched together from the build cache; `make(i)` makes the i-th."""
        self.fetch_runs(keys)
        for at, key in enumerate(keys):
            if key not in self.runs:
                self.runs[key] = run = make(at)
                self._made += len(run)
        self.runs_used.update(keys)
        runs = [self.runs[key] for key in keys]
        if self._made > RUNS_KEPT and self.spill is not None:  # a large cold build: they go to the build cache now
            self.spill(self.runs)
            self.runs.clear()
            self._made = 0
        return runs

    def _yearly(self, name: str, entries: tuple[Entry, ...] | list[Entry], piece: Callable[[Entry], str], separator: str) -> bytes:
        """Every entry's piece of a data file, joined, made of one run per year: each run is kept (in serve,
        and in the build cache) by a digest of its entries' keys, so an edit makes only its year's run again."""
        years = self._years(entries)
        keys = [_run_key([name, joined]) for _, joined in years]
        if entries is self.timeline.entries:  # a whole-site file: no other file has its pieces, and a year's are quickly made again
            runs = self._runs(keys, lambda at: separator.join([piece(e) for e in years[at][0]]).encode("utf-8"))
        else:
            runs = self._runs(keys, lambda at: self._pieces(name, years[at][0], piece, separator).encode("utf-8"))
        return separator.encode("utf-8").join(runs)

    def _years(self, entries: tuple[Entry, ...] | list[Entry]) -> list[tuple[list[Entry], str]]:
        """The entries by year, each year with its entries' keys joined (the same for every whole-site file: made once)."""
        if entries is not self.timeline.entries or self._by_year is None:
            years = [list(in_year) for _, in_year in groupby(entries, key=lambda e: e.date.year)]
            made = [(in_year, "".join([self.entry_keys[e.path] for e in in_year])) for in_year in years]
            if entries is not self.timeline.entries:
                return made
            self._by_year = made
        return self._by_year

    def _pieces(self, name: str, entries: list[Entry], piece: Callable[[Entry], str], separator: str) -> str:
        """Each entry's piece of file `name`, kept with the list items (the TimelineJS data of every term
        at one depth has the same pieces)."""
        keys = [(self.entry_keys[entry.path], name, 0, False) for entry in entries]
        if keys:
            self.recall(keys[0][1:], entries)
        for entry, key in zip(entries, keys):
            if key not in self.items:
                self.items[key] = Markup(piece(entry))  # not HTML: kept as is, never escaped
        return separator.join([self.items[key] for key in keys])

    def _record(self, entry: Entry) -> dict[str, Any]:
        return {"id": entry.id, "date": entry.date.isoformat(), "published": entry.published.isoformat() if entry.published else "",
                "title": entry.title, "summary": entry.summary,
                "actors": list(entry.actors), "locations": list(entry.locations), "tags": list(entry.tags), "source": entry.source,
                "image_caption": entry.image.caption if entry.image else "", "image_credit": entry.image.credit if entry.image else "",
                "page": urls.entry_path(self.timeline.entry_slugs[entry.path]), "file": f"content/{entry.path}",
                # after the first columns, so that a spreadsheet made for those still finds them where they were
                "url": entry.url, "author": entry.author, "publisher": entry.publisher, "lang": entry.lang,
                "image_src": entry.image.src if entry.image else ""}

    def file(self, path: Path) -> bytes:
        return path.read_bytes()


def template_place(error: jinja2.TemplateError) -> str:
    """file:line of a template error: given for syntax errors, found in the traceback for the rest."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml"))]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "a template"


def by_month(entries: tuple[Entry, ...]) -> list[tuple[int, list[tuple[str, list[Entry]]]]]:
    """Entries grouped by year, then by month name, in date order."""
    years = []
    for year, in_year in groupby(entries, key=lambda e: e.date.year):
        months = [(MONTHS[m - 1], list(group)) for m, group in groupby(in_year, key=lambda e: e.date.month)]
        years.append((year, months))
    return years


def _items_key(prefix: str, level: int, compact: bool, entry_keys: list[str]) -> str:
    return _run_key(["items", prefix, str(level), str(compact), *entry_keys])


def _run_key(parts: list[str]) -> str:
    return hashlib.blake2b("\0".join(parts).encode(), digest_size=16).hexdigest()


CSV_COLUMNS = ("id", "date", "published", "title", "summary", "actors", "locations", "tags", "source", "image_caption", "image_credit", "page", "file",
               "url", "author", "publisher", "lang", "image_src")


def _cell(text: str) -> str:
    """A spreadsheet runs a cell that starts like a formula: such text gets a leading apostrophe (OWASP's advice)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _host(url: str) -> str:
    """The site a URL is on, as a reader names it ('reuters.com'); '' for no URL."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")


def _timelinejs_text(entry: Entry, link: str) -> str:
    summary = str(escape(entry.summary))
    return f'<p>{summary}</p><p><a href="{escape(link)}">Read the entry</a></p>'
