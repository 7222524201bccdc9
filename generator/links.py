"""Relative links from one page to the rest of the site, as templates write them: every URL comes from urls.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup

from generator import urls
from generator.model import Entry

Items = Callable[["Links", list[Entry], int, bool], Markup]  # render.Renderer.items


@dataclass(frozen=True)
class Slugs:
    """Every URL of the index as a slug: entries by path, terms by every name entries write for them."""

    entries: dict[str, str]
    terms: dict[str, dict[str, str]]  # kind -> name -> slug


@dataclass(frozen=True)
class Links:
    page: str  # the page linked from, relative to site/
    slugs: Slugs
    listing: tuple[Entry, ...] = ()  # every entry the page lists (see Renderer.items)
    lister: Items | None = None

    def to(self, path: str) -> str:
        """A link to a path the page was given (a redirect's target, the page a feed follows); the rest have a method below."""
        return urls.relative(self.page, path)

    def address(self, path: str, base_url: str) -> str:
        """A given path's address: absolute on the site published at base_url (sitemaps, canonical links), else a link."""
        return urls.absolute(base_url, path) if base_url else self.to(path)

    @property
    def root(self) -> str:
        """The way back to the site's root, to resolve site paths against in scripts: '' or '../' per folder."""
        return urls.prefix(self.page)

    def items(self, entries: list[Entry], level: int, compact: bool = False) -> Markup:
        """Entries as timeline list items."""
        assert self.lister is not None, "a page without a listing lists no entries"
        return self.lister(self, entries, level, compact)

    def entry(self, entry: Entry) -> str:
        return self.to(urls.entry_path(self.slugs.entries[entry.path]))

    def term(self, kind: str, name: str) -> str:
        return self.to(urls.term_path(kind, self.slugs.terms[kind][name]))

    def actor(self, name: str) -> str:
        return self.term("actors", name)

    def location(self, name: str) -> str:
        return self.term("locations", name)

    def tag(self, name: str) -> str:
        return self.term("tags", name)

    def year(self, year: int) -> str:
        return self.to(urls.year_path(year))

    def home(self, base_url: str = "") -> str:
        """The home page; its address on the site published at base_url, if given (a feed's xml:base)."""
        return self.address(urls.HOME, base_url)

    def kind(self, kind: str) -> str:
        """The list of every actor, location or tag."""
        return self.to(urls.kind_path(kind))

    def feed(self, folder: str = urls.HOME) -> str:
        """The Atom feed of the page at `folder`: the site's, unless given a term's folder."""
        return self.to(urls.feed_path(folder))

    def timeline_data(self) -> str:
        """The site's TimelineJS data."""
        return self.to(urls.timeline_data_path())

    def own_feed(self) -> str:
        """This page's own feed (a term's), beside it in its folder."""
        return urls.beside(self.page, urls.feed_path(urls.folder_of(self.page)))

    def own_timeline_data(self) -> str:
        """This page's own TimelineJS data (a term's), beside it in its folder."""
        return urls.beside(self.page, urls.timeline_data_path(urls.folder_of(self.page)))

    def embed(self, folder: str = urls.HOME, base_url: str = "") -> str:
        """The embeddable view of the page at `folder`: its address on the site published at base_url, if given (for a snippet)."""
        return self.address(urls.embed_path(folder), base_url)

    def photo(self, path: str) -> str:
        """An entry's photo, from its path in the site (EntryPage.photo), percent-encoded as a link must be."""
        return quote(self.to(path), safe="/")

    def logo(self, source: str) -> str:
        """The project's logo, from its path in the project (the `logo` setting)."""
        return self.to(urls.logo_path(source))

    def static(self, name: str) -> str:
        """A file of the theme's static folder: 'style.css'."""
        return self.to(urls.static_path(name))

    def entries_script(self) -> str:
        """The timeline filter's data: every entry and name."""
        return self.to(urls.ENTRIES_SCRIPT)

    def map(self) -> str:
        """The map of every place entries name."""
        return self.to(urls.MAP)

    def search(self) -> str:
        return self.to(urls.SEARCH)

    def search_names(self) -> str:
        """The names the search page finds: actors, places and tags."""
        return self.to(urls.SEARCH_NAMES)

    def pagefind(self) -> str:
        """Pagefind's script, which searches the pages' words."""
        return self.to(urls.PAGEFIND_SCRIPT)
