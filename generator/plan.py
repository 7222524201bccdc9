"""Decides every file of the site: its path, what it is made from (a context), and a key.

A key is a digest of everything the file's bytes depend on, so a file whose key is what it was at the
last build would come out the same: an incremental build renders only the files whose key changed.
Templates see only their context, which is what makes the keys complete. Nothing here reads a file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, fields

import jinja2
import nh3

from generator import __version__, gfm, spellings, urls
from generator.affected import Affected
from generator.charts import days
from generator.config import Config
from generator.contexts import (CopiedFile, EmbedPage, EntriesCsv, EntriesJson, EntryPage, Feed, FilterData, MapPage, NotFound, PageSpec, Redirect, SearchNames, SearchPage,
                                Sitemap, StaticFile, TermPage, TermsPage, TimelineData, TimelinePage, WorldMap)
from generator.eras import Era
from generator.index import sort_key
from generator.maps import WORLD_FILE, Places, world_svg
from generator.model import KINDS, Entry, Term, Timeline
from generator.photos import photo_file, photo_path
from generator.point_maps import located, seen_at
from generator.redirects import Redirects
from generator.related import WINDOW, Neighbours, around
from generator.script_names import names_script, search_names
from generator.theme import Theme

FEED_SIZE = 50
EMBED_SIZE = 50  # the latest entries an embedded view lists; its title links to the page with them all
SITEMAP_SIZE = 50_000  # URLs per sitemap file, the protocol's limit
# weights, measured at 10,000 entries: an entry listed on a page takes about five times as long as in a data file,
# and an entry's page (its Markdown rendered) some 500 times
LISTED_WEIGHT, ENTRY_PAGE_WEIGHT = 5, 500


def digest(*parts: str) -> str:
    """A short digest of the parts (text without NUL characters: names, paths, reprs, joined digests)."""
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def site_key(config: Config) -> str:
    """What every file depends on: the generator and its renderers, and the settings (not where the project is)."""
    settings = tuple((f.name, getattr(config, f.name)) for f in fields(config) if f.name != "root")
    return digest(__version__, jinja2.__version__, gfm.VERSION, nh3.__version__, repr(settings))


def entry_keys(timeline: Timeline, entries: Iterable[Entry] | None = None) -> dict[str, str]:
    """Each entry's key (of `entries`, if given), by path: a digest of its file, its URL and the URLs of the terms
    it names: all that a list item of it shows."""
    entry_slugs, *names = url_slugs(timeline)
    return {e.path: digest(e.digest or repr((e, e.body)), e.path, entry_slugs[e.path],
                           *("\1".join([slugs[n] for n in getattr(e, kind)]) for kind, slugs in zip(KINDS, names)))
            for e in (timeline.entries if entries is None else entries)}


def url_inputs(timeline: Timeline) -> tuple[dict[str, str], tuple[tuple[str, str, str], ...]]:
    """Every entry's and term's URL: entry keys are made with them (cheap to compare, unlike to digest)."""
    return timeline.entry_slugs, tuple((kind, t.name, t.slug) for kind in KINDS for t in timeline.terms(kind))


def urls_digest(timeline: Timeline) -> str:
    """A digest of url_inputs(timeline)."""
    return digest(*(f"{path}\1{slug}" for path, slug in sorted(timeline.entry_slugs.items())),
                  *(f"{kind}\1{name}\1{slug}" for kind, name, slug in url_inputs(timeline)[1]))


def url_slugs(timeline: Timeline) -> tuple[dict[str, str], ...]:
    """Every URL of the index, as slugs: by path for entries, by name (every spelling) for actors, locations and tags."""
    return (timeline.entry_slugs, *(spellings.slugs(timeline.terms(kind)) for kind in KINDS))


def plan(timeline: Timeline, theme: Theme, config: Config, redirects: Redirects, keys: dict[str, str], only: Affected | None = None,
         eras: tuple[Era, ...] = ()) -> list[PageSpec]:
    """Every file of the site in a stable order; `keys` are entry_keys(timeline). With `only`, the pages of
    the entries and terms an edit did not touch are left out: they stay as they are, which holds as long as
    nothing else they are made from changed (the settings, theme, registry, eras, URLs and years: the caller checks)."""
    planner = _Planner(site_key(config), theme, keys)
    photos = _photos(timeline, config)
    return [*_timeline_pages(timeline, config, planner, eras), *_entry_pages(timeline, planner, only, photos), *_term_pages(timeline, planner, only),
            *_site_files(timeline, config, redirects, planner), *_data_files(timeline, theme, planner, eras), *photos.values()]


@dataclass(frozen=True)
class _Planner:
    base: str  # site_key
    theme: Theme
    keys: dict[str, str]

    def listed(self, entries: tuple[Entry, ...] | list[Entry]) -> str:
        return "".join([self.keys[e.path] for e in entries])  # keys all have one length: joined, they stay distinct

    def page(self, path: str, context: TimelinePage | TermPage | TermsPage | Feed | Sitemap | Redirect | NotFound | SearchPage | MapPage | EmbedPage,
             parts: tuple[str, ...], weight: int = 1) -> PageSpec:
        return PageSpec(path, digest(self.base, self.theme.fingerprint(context.template), path, *parts), context, weight)


def _timeline_pages(timeline: Timeline, config: Config, planner: _Planner, eras: tuple[Era, ...]) -> list[PageSpec]:
    """The home page (every entry, or the latest year's on a long site) and a page per year, with the eras their strips and lists show."""
    entries = timeline.entries
    recent = entries if len(entries) <= config.timeline_page_size else tuple(e for e in entries if e.date.year == timeline.years[-1])
    complete = recent == entries
    years = repr(timeline.years)
    by_year: dict[int, list[Entry]] = {}
    for e in entries:
        by_year.setdefault(e.date.year, []).append(e)
    counts = days(entries)  # the strip covers the whole period, though the page may list the latest year only
    per_year: dict[int, list[tuple[str, int]]] = {}
    for day, count in counts:  # a year page's strip: its own days, from the same count
        per_year.setdefault(int(day[:4]), []).append((day, count))
    shown = repr(eras)
    home = TimelinePage(config.title, recent, complete, timeline.years, True, counts, eras)
    specs = [planner.page(urls.page_file(urls.HOME), home, (years, repr(complete), planner.listed(recent), repr(counts), shown), LISTED_WEIGHT * len(recent)),
             _embed(urls.HOME, config.title, entries, planner)]
    for year in timeline.years:
        in_year = tuple(by_year[year])
        page = TimelinePage(str(year), in_year, True, timeline.years, False, tuple(per_year[year]), eras)
        specs.append(planner.page(urls.page_file(urls.year_path(year)), page, (years, planner.listed(in_year), shown), LISTED_WEIGHT * len(in_year)))
    return specs


def _photos(timeline: Timeline, config: Config) -> dict[str, PageSpec]:
    """The photos entries keep under content/, by the entry's path, each copied once: its key is its size and time."""
    copies, by_entry = {}, {}
    for entry in timeline.entries:
        if entry.image is None or not entry.image.src or (file := photo_file(entry, config.content)) is None:
            continue
        path = urls.media_path(photo_path(entry))  # type: ignore[arg-type]
        if path not in copies:
            stat = file.stat()
            copies[path] = PageSpec(path, digest("photo", path, str(stat.st_size), str(stat.st_mtime_ns)), CopiedFile(file), 1 + stat.st_size // 100_000)
        by_entry[entry.path] = copies[path]
    return by_entry


def _entry_pages(timeline: Timeline, planner: _Planner, only: Affected | None, photos: dict[str, PageSpec]) -> list[PageSpec]:
    """Each entry's page; its key covers the events it links to (before, after, related), its place on the map and its photo."""
    template = planner.theme.fingerprint(EntryPage.template)
    near, spelt, keys = Neighbours(timeline), spellings.by_spelling(timeline.locations), planner.keys
    specs = []
    for entry in timeline.entries if only is None else _touched(timeline, only):
        path = urls.page_file(urls.entry_path(timeline.entry_slugs[entry.path]))
        before, after, related = near.previous(entry), near.next(entry), near.related(entry)
        place = next((r for n in entry.locations if (r := spelt[n].record) is not None and r.lat is not None and r.lon is not None), None)
        photo = photos[entry.path].path if entry.path in photos else ""
        parts = (keys[entry.path], keys[before.path] if before else "", keys[after.path] if after else "", planner.listed(related), repr(place), photo)
        specs.append(PageSpec(path, digest(planner.base, template, path, *parts), EntryPage(entry, before, after, related, place, photo), ENTRY_PAGE_WEIGHT))
    return specs


def _touched(timeline: Timeline, only: Affected) -> list[Entry]:
    """The entries whose pages an edit can change: those it changed, those beside where they were and are, and those
    near them among the entries of an actor or place they name (see Neighbours.related)."""
    paths = set(only.paths) | around(timeline.entries, only.moments)
    for kind in ("actors", "locations"):
        paths.update(*(around(t.entries, only.moments, WINDOW + 1) for t in timeline.terms(kind) if only.term(kind, t.name)))
    return [e for e in timeline.entries if e.path in paths]


def _term_pages(timeline: Timeline, planner: _Planner, only: Affected | None) -> list[PageSpec]:
    """The list of each kind of term, and each term's page, feed and TimelineJS data."""
    places = Places(timeline.locations)
    spelt = spellings.by_spelling(timeline.locations)
    specs = []
    for kind, label in zip(KINDS, ("Actors", "Locations", "Tags")):
        terms: tuple[Term, ...] = timeline.terms(kind)
        specs.append(planner.page(urls.page_file(urls.kind_path(kind)), TermsPage(kind, label, terms), (kind, repr([(t.name, t.slug, len(t.entries)) for t in terms]))))
        for term in terms if only is None else [t for t in terms if only.term(kind, t.name)]:
            specs += _term_files(kind, term, places, spelt, planner)
    return specs


def _term_files(kind: str, term: Term, places: Places, spelt: dict[str, Term], planner: _Planner) -> list[PageSpec]:
    folder = urls.term_path(kind, term.slug)
    record = term.record
    located = kind == "locations" and record is not None and record.lat is not None and record.lon is not None
    near = tuple(places.near(term.name, record.lat, record.lon)) if located else ()  # type: ignore[union-attr,arg-type]
    seen = seen_at(term.entries, spelt) if kind == "actors" else ()  # its map: what it shows is in the key
    listed = planner.listed
    parts = (kind, term.name, repr(record), listed(term.entries), "within", listed(term.within), repr(list(near)), repr(seen))
    listing = tuple(sorted(term.entries + term.within, key=sort_key)) if term.within else term.entries
    latest = tuple(reversed(listing[-FEED_SIZE:]))
    data = urls.timeline_data_path(folder)
    return [planner.page(urls.page_file(folder), TermPage(kind, term, near, seen), parts, LISTED_WEIGHT * len(listing)),
            planner.page(urls.feed_path(folder), Feed(latest, term.name, folder), (term.name, listed(latest)), LISTED_WEIGHT * len(latest)),
            PageSpec(data, digest(planner.base, folder, term.name, listed(listing)), TimelineData(listing, term.name), len(listing)),
            _embed(folder, term.name, listing, planner)]


def _embed(folder: str, heading: str, listing: tuple[Entry, ...], planner: _Planner) -> PageSpec:
    """The embeddable view of the page at `folder`: its latest entries, newest first."""
    latest = tuple(reversed(listing[-EMBED_SIZE:]))
    embed = EmbedPage(heading, folder, latest, len(listing))
    return planner.page(urls.page_file(urls.embed_path(folder)), embed, (folder, heading, str(len(listing)), planner.listed(latest)), LISTED_WEIGHT * len(latest))


def _site_files(timeline: Timeline, config: Config, redirects: Redirects, planner: _Planner) -> list[PageSpec]:
    """The 404 and search pages, redirects from renamed terms' old addresses, the site's feed and its sitemaps."""
    specs = [planner.page(urls.NOT_FOUND, NotFound(), ())]
    if config.search:
        names = search_names(timeline)
        specs += [planner.page(urls.page_file(urls.SEARCH), SearchPage(), ()),
                  PageSpec(urls.SEARCH_NAMES, digest(planner.base, repr(names)), SearchNames(tuple(names)))]
    term_pages = {urls.term_path(kind, t.slug) for kind in ("actors", "locations") for t in timeline.terms(kind)}
    slugs = {kind: spellings.slugs(timeline.terms(kind)) for kind in ("actors", "locations")}
    for old, (kind, name) in sorted(redirects.targets.items()):
        if old not in term_pages and name in slugs[kind]:
            target = urls.term_path(kind, slugs[kind][name])
            specs.append(planner.page(urls.page_file(old), Redirect(name, target), (name, target)))
    latest = tuple(reversed(timeline.entries[-FEED_SIZE:]))
    specs.append(planner.page(urls.feed_path(), Feed(latest, "", urls.HOME), (planner.listed(latest),), LISTED_WEIGHT * len(latest)))
    return specs + _sitemaps(sitemap_paths(timeline), planner)


def _sitemaps(paths: list[str], planner: _Planner) -> list[PageSpec]:
    """sitemap.xml, or, past the protocol's 50,000 URLs, an index of numbered sitemaps."""
    if len(paths) <= SITEMAP_SIZE:
        return [planner.page(urls.SITEMAP, Sitemap(tuple(paths)), ("\1".join(paths),), len(paths) // 4)]
    chunks = [tuple(paths[i : i + SITEMAP_SIZE]) for i in range(0, len(paths), SITEMAP_SIZE)]
    names = tuple(urls.sitemap_part(n) for n in range(1, len(chunks) + 1))
    return [planner.page(urls.SITEMAP, Sitemap(sitemaps=names), ("index", *names)),
            *(planner.page(name, Sitemap(chunk), ("\1".join(chunk),), len(chunk) // 4) for name, chunk in zip(names, chunks))]


def sitemap_paths(timeline: Timeline) -> list[str]:
    """Every HTML page's folder path, in a stable order."""
    paths = [urls.HOME, *(urls.year_path(y) for y in timeline.years)]
    paths += [urls.entry_path(timeline.entry_slugs[e.path]) for e in timeline.entries]
    for kind in KINDS:
        paths.append(urls.kind_path(kind))
        paths += [urls.term_path(kind, t.slug) for t in timeline.terms(kind)]
    return [*paths, urls.MAP]


def _data_files(timeline: Timeline, theme: Theme, planner: _Planner, eras: tuple[Era, ...]) -> list[PageSpec]:
    """The whole site's data: TimelineJS, JSON, CSV, the filter's script, the world map, and the theme's static files."""
    base, every = planner.base, len(timeline.entries)
    listed = planner.listed(timeline.entries)
    names = names_script(timeline)  # the names the filter knows besides those entries write follow the entries
    specs = [PageSpec(urls.timeline_data_path(), digest(base, listed, repr(eras)), TimelineData(timeline.entries, "", eras), every),
             PageSpec(urls.ENTRIES_JSON, digest(base, urls.ENTRIES_JSON, listed), EntriesJson(), every),
             PageSpec(urls.ENTRIES_CSV, digest(base, urls.ENTRIES_CSV, listed), EntriesCsv(), every),
             PageSpec(urls.ENTRIES_SCRIPT, digest(base, urls.ENTRIES_SCRIPT, listed, digest(names.decode("utf-8"))), FilterData(names), every // 2)]
    points, slug_of = located(timeline.locations), {t.name: t.slug for t in timeline.locations}  # the map page: all it shows is in its key
    specs += [PageSpec(WORLD_FILE, digest(base, WORLD_FILE, hashlib.blake2b(world_svg()).hexdigest()), WorldMap()),
              planner.page(urls.page_file(urls.MAP), MapPage(points), (repr(points), "\1".join(slug_of[p.name] for p in points)))]
    specs += [PageSpec(path, hashlib.blake2b(data, digest_size=16).hexdigest(), StaticFile(data)) for path, data in theme.static.items()]
    return specs
