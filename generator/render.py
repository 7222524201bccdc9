"""Turns PageSpecs into Pages: a template and the page's own context, or a data file made from it."""

from __future__ import annotations

import functools
import json
import re
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import Any

import jinja2
from markupsafe import Markup

from generator import spellings, urls
from generator.config import Config
from generator.contexts import (Context, CopiedFile, EntriesCsv, EntriesJson, FilterData, Page, PageSpec, SearchNames, StaticFile, TimelineData, WorldMap)
from generator.data_files import DataFiles
from generator.errors import TimelineError
from generator.links import Links, Slugs
from generator.maps import world_svg
from generator.memo import ItemKey, Memo, Variant, run_key
from generator.model import KINDS, Entry, Timeline
from generator.theme import Theme
from generator.views import variables

# characters XML 1.0 forbids (C0 controls but tab, newline and return; surrogates; U+FFFE, U+FFFF): a feed or sitemap with
# one is not XML, and a reader rejects all of it. Front matter can hold them ("\x01" in double quotes), so they are dropped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def render(specs: Iterable[PageSpec], renderer: Renderer) -> Iterator[Page]:
    """The files, made one at a time (see produce.py for several processes)."""
    for spec in specs:
        yield renderer.page(spec)


@dataclass
class Renderer:
    """What every file of one site is made with: the theme, the settings, the index and its entries' keys, and a memo."""

    theme: Theme
    config: Config
    timeline: Timeline
    entry_keys: dict[str, str]  # entry path -> digest of all that a list item shows of it (plan.entry_keys)
    memo: Memo = field(default_factory=Memo)

    def __post_init__(self) -> None:
        self.slugs = Slugs(self.timeline.entry_slugs, {kind: spellings.slugs(self.timeline.terms(kind)) for kind in KINDS})
        self.macros = self.theme.env.get_template("_macros.html").module
        self.data = DataFiles(self.config, self.timeline, self.entry_keys, self.slugs, self.memo)
        self._recalled: set[tuple[str, Variant]] = set()  # (page, variant): its listing's items are fetched from the memo's store

    @functools.cached_property
    def owners(self) -> dict[str, dict[str, str]]:
        """The term name each name entries write stands for, of actors and locations (for 'seen with')."""
        return {kind: spellings.owners(self.timeline.terms(kind)) for kind in ("actors", "locations")}

    def page(self, spec: PageSpec) -> Page:
        """One file; a template error, or an error in a filter it calls, is reported with the template's file and line."""
        self.memo.used = set()
        data = self._make(spec.path, spec.context)
        return Page(spec.path, spec.key, data, tuple(sorted(self.memo.used)))

    def _make(self, path: str, context: Context) -> bytes:
        if context.template:
            return self.templated(path, context.template, **variables(context, path, self))
        if isinstance(context, TimelineData):
            return self.data.timelinejs(path, context.entries, context.headline, context.eras)
        if isinstance(context, EntriesJson):
            return self.data.entries_json()
        if isinstance(context, EntriesCsv):
            return self.data.entries_csv()
        if isinstance(context, FilterData):
            return self.data.filter_data() + context.names
        if isinstance(context, SearchNames):
            return json.dumps(list(context.names), ensure_ascii=False).encode("utf-8")
        if isinstance(context, WorldMap):
            return world_svg()
        if isinstance(context, StaticFile):
            return context.data
        if isinstance(context, CopiedFile):
            try:
                return context.source.read_bytes()
            except OSError as error:
                raise TimelineError(f"{context.source}: cannot copy it into the site: {error.strerror}; site/ was not changed") from None
        raise TypeError(f"no way to make {type(context).__name__} ({path})")

    def templated(self, path: str, template: str, listing: tuple[Entry, ...] = (), **context: Any) -> bytes:
        canonical = f"{self.config.base_url.rstrip('/')}/{path.removesuffix('index.html')}" if self.config.base_url else ""
        links = Links(path, self.slugs, listing, self.items)
        try:
            text = self.theme.env.get_template(template).render(site=self.config, links=links, canonical=canonical, **context)
        except TimelineError:
            raise
        except jinja2.TemplateError as error:
            raise TimelineError(f"{template_place(error)}: template error: {error.message}; site/ was not changed") from None
        except Exception as error:  # a filter or test that fails on this page's data: the template is where to look
            raise TimelineError(f"{template_place(error)}: template error: {type(error).__name__}: {error} (making {path}); "
                                "site/ was not changed") from None
        return (NOT_XML.sub("", text) if template.endswith(".xml") else text).encode("utf-8")

    def items(self, links: Links, entries: list[Entry], level: int, compact: bool) -> Markup:
        """Entries as timeline list items, each rendered once per folder depth, heading level and form. A long
        page keeps each month of them as a run; in serve, every page keeps its months while none of their entries change."""
        memo, prefix = self.memo, urls.prefix(links.page)
        keys = [ItemKey(self.entry_keys[e.path], prefix, level, compact) for e in entries]
        if len(links.listing) >= memo.long_listing:
            if (links.page, (prefix, level, compact)) not in self._recalled:  # the first month: every month's run is fetched at once
                self._recalled.add((links.page, (prefix, level, compact)))
                months = [list(month) for _, month in groupby(links.listing, key=lambda e: (e.date.year, e.date.month))]
                memo.fetch_runs([_items_key(prefix, level, compact, [self.entry_keys[e.path] for e in month]) for month in months])
            key = _items_key(prefix, level, compact, [k.entry for k in keys])
            return Markup(memo.run(key, lambda: self._items(links, entries, keys, fetch=False).encode("utf-8")).decode("utf-8"))
        if memo.groups is None:
            return self._items(links, entries, keys)
        key = ItemKey("".join([k.entry for k in keys]), prefix, level, compact)
        if key not in memo.groups:
            memo.groups[key] = self._items(links, entries, keys)
        return memo.groups[key]

    def _items(self, links: Links, entries: list[Entry], keys: list[ItemKey], fetch: bool = True) -> Markup:
        """The items, from the memo (with `fetch`: those of the whole page are fetched at the first one missing) or made now."""
        memo = self.memo
        variant = keys[0].variant if keys else ("", 0, False)
        if fetch and (links.page, variant) not in self._recalled and any(key not in memo.items for key in keys):
            self._recalled.add((links.page, variant))
            memo.recall(variant, [self.entry_keys[e.path] for e in [*entries, *links.listing]])
        made = [memo.item(key, lambda entry=entry, key=key: Markup(self.macros.entry_item(links, entry, key.level, key.compact)))
                for entry, key in zip(entries, keys)]
        return Markup("".join(made))  # items are Markup already: no escaping to do


def template_place(error: BaseException) -> str:
    """file:line of a template error: given for syntax errors, found in the traceback for the rest."""
    if isinstance(error, jinja2.TemplateSyntaxError):
        return f"{error.filename or error.name}:{error.lineno}"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.endswith((".html", ".xml"))]
    return f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "a template"


def _items_key(prefix: str, level: int, compact: bool, entry_keys: list[str]) -> str:
    return run_key(["items", prefix, str(level), str(compact), *entry_keys])
