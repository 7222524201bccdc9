"""What each file of the site is made from: one frozen type per template and per data file.

plan() decides these values; render() turns each into bytes. A context holds only data (entries,
terms, names and paths), never a function, so a page is fully described by its PageSpec: what the
template sees is the context's fields plus what render derives from them (views.variables).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from generator.eras import Era
from generator.maps import Nearby
from generator.model import Entry, Term
from generator.point_maps import Point
from generator.registry import Record


@dataclass(frozen=True, slots=True)
class Context:
    template: ClassVar[str] = ""  # the template that renders it; '' for a data file made without one


@dataclass(frozen=True, slots=True)
class TimelinePage(Context):
    """The home page (the latest year, when the site is long) or one year's page."""

    template: ClassVar[str] = "timeline.html"
    heading: str
    listing: tuple[Entry, ...]
    complete: bool  # lists every entry of the site or of its year
    years: tuple[int, ...]
    filter: bool  # with the filter box (the home page)
    counts: tuple[tuple[str, int], ...]  # entries per day, (YYYY-MM-DD, count): the activity strip (charts.days)
    eras: tuple[Era, ...] = ()  # content/eras.yml's: bands on the strip, headings in the list


@dataclass(frozen=True, slots=True)
class EntryPage(Context):
    """An entry's page: the entry, the events before and after it, the events that share its actors and places, and its first located place."""

    template: ClassVar[str] = "entry.html"
    entry: Entry
    previous: Entry | None = None
    next: Entry | None = None
    related: tuple[Entry, ...] = ()
    place: Record | None = None  # its first place with coordinates, for the small map
    photo: str = ""  # its own photo's path in the site, when it has one under content/ (photos.photo_file)


@dataclass(frozen=True, slots=True)
class TermPage(Context):
    """An actor's, a location's or a tag's page."""

    template: ClassVar[str] = "term.html"
    kind: str  # actors, locations or tags
    term: Term
    nearby: tuple[Nearby, ...] = ()
    places: tuple[Point, ...] = ()  # an actor's: the located places its entries name, for its map


@dataclass(frozen=True, slots=True)
class TermsPage(Context):
    """The list of every actor, location or tag."""

    template: ClassVar[str] = "terms.html"
    kind: str
    heading: str
    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class EmbedPage(Context):
    """A compact view of the timeline or of a term's page, for other sites to show in an <iframe>."""

    template: ClassVar[str] = "embed.html"
    heading: str
    page: str  # the folder of the page it shows, which its title links to
    entries: tuple[Entry, ...]  # newest first, at most plan.EMBED_SIZE
    count: int  # how many entries the full page lists


@dataclass(frozen=True, slots=True)
class Feed(Context):
    template: ClassVar[str] = "feed.xml"
    entries: tuple[Entry, ...]  # newest first
    heading: str  # '' for the whole site
    page: str  # the folder of the page it follows


@dataclass(frozen=True, slots=True)
class Sitemap(Context):
    template: ClassVar[str] = "sitemap.xml"
    paths: tuple[str, ...] = ()  # the folders of the pages it lists
    sitemaps: tuple[str, ...] = ()  # or, as an index, the sitemaps it lists


@dataclass(frozen=True, slots=True)
class Redirect(Context):
    """An old address of a renamed actor or location, leading to its page."""

    template: ClassVar[str] = "redirect.html"
    name: str
    target: str


@dataclass(frozen=True, slots=True)
class NotFound(Context):
    template: ClassVar[str] = "404.html"


@dataclass(frozen=True, slots=True)
class SearchPage(Context):
    template: ClassVar[str] = "search.html"


@dataclass(frozen=True, slots=True)
class MapPage(Context):
    """Every place entries name that has coordinates, on the world map and listed."""

    template: ClassVar[str] = "map.html"
    points: tuple[Point, ...]


@dataclass(frozen=True, slots=True)
class TimelineData(Context):
    """Entries as the JSON that Knight Lab's TimelineJS reads (the site's, or a term's)."""

    entries: tuple[Entry, ...]
    headline: str  # '' for the whole site
    eras: tuple[Era, ...] = ()  # TimelineJS's eras (the whole site's file has them)


@dataclass(frozen=True, slots=True)
class EntriesJson(Context):
    """Every entry's front matter, one per line."""


@dataclass(frozen=True, slots=True)
class EntriesCsv(Context):
    """The same as a spreadsheet."""


@dataclass(frozen=True, slots=True)
class FilterData(Context):
    """The timeline filter's script: each entry's date, title, page, names and summary, then the other names it knows and their pages."""

    names: bytes  # script_names.names_script


@dataclass(frozen=True, slots=True)
class SearchNames(Context):
    names: tuple[tuple[object, ...], ...]


@dataclass(frozen=True, slots=True)
class WorldMap(Context):
    """The world outline that locator maps draw on."""


@dataclass(frozen=True, slots=True)
class CopiedFile(Context):
    """A file of the project copied into the site as it is: an entry's photo."""

    source: Path


@dataclass(frozen=True, slots=True)
class StaticFile(Context):
    data: bytes


@dataclass(frozen=True, slots=True)
class PageSpec:
    """One file of the site: where it goes, what it is made from, and a key that changes whenever its bytes could."""

    path: str  # relative to site/, forward slashes
    key: str
    context: Context
    weight: int = 1  # about how long it takes to make, in entries put in a data file (see produce.shares)


@dataclass(frozen=True, slots=True)
class Page:
    """One file of the site, made."""

    path: str
    key: str
    data: bytes
    runs: tuple[str, ...] = ()  # the memo's runs it was made of (see memo.Memo.run): kept while a page uses them
