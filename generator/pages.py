"""Decides every file of the site and, for each, a key: a digest of everything the file is made from.

A page whose key is the same as at the last build would come out the same, so an incremental build
renders only the pages whose key changed. Templates see only the data given to them here, which is
what makes the keys complete.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field, fields

import jinja2
import nh3

from generator import __version__, gfm, spellings, urls
from generator.alternates import shown_aliases
from generator.charts import activity, activity_svg, seen_with
from generator.config import Config
from generator.script_names import names_script, search_names
from generator.index import sort_key
from generator.maps import WORLD_FILE, Nearby, Places, locator_svg, world_svg
from generator.markup import markdown_to_html
from generator.affected import Affected
from generator.model import Entry, Term, Timeline
from generator.redirects import Redirects
from generator.render import Renderer, by_month

FEED_SIZE = 50
SITEMAP_SIZE = 50_000  # URLs per sitemap file, the protocol's limit


@dataclass(frozen=True, slots=True)
class Job:
    """One file of the site: where it goes, its key, and how to make it."""

    path: str  # relative to site/, forward slashes
    key: str
    make: Callable[[Renderer], bytes]
    weight: int = 1  # about how long it takes to make (see write._shares): in entries put in a data file


# weights, measured at 10,000 entries: an entry listed on a page takes about five times as long as in a data file,
# and an entry's page (its Markdown rendered) some 500 times
LISTED_WEIGHT, ENTRY_PAGE_WEIGHT = 5, 500


def digest(*parts: str) -> str:
    """A short digest of the parts (text without NUL characters: names, paths, reprs, joined digests)."""
    return hashlib.blake2b("\0".join(parts).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def site_key(config: Config) -> str:
    """What every page depends on: the generator and its renderers, and the settings (not where the project is)."""
    settings = tuple((f.name, getattr(config, f.name)) for f in fields(config) if f.name != "root")
    return digest(__version__, jinja2.__version__, gfm.VERSION, nh3.__version__, repr(settings))


@dataclass(frozen=True)
class EntryKeys:
    """Each entry's key (by path): a digest of its file, where it is, and the URLs it links to; and what they were made from."""

    keys: dict[str, str]
    entries: dict[str, Entry]
    urls: str  # a digest of every entry's and term's URL: keys are made with them
    generation: int = 0  # the same as long as the keys of the very same entries stay the same
    slugs: tuple[dict[str, str], ...] = ()  # the URLs themselves (in serve: comparing them is quicker than a digest)


@dataclass
class Planned:
    """Jobs of earlier plans, for the next plan to reuse where what they are made from is the very same."""

    generation: int  # of the entry keys they were made with
    entries: dict[tuple[str, ...], Job] = field(default_factory=dict)  # by what the page is made from
    terms: dict[tuple[str, ...], tuple[Term, Job]] = field(default_factory=dict)  # by name; reused for the same Term only
    sitemaps: tuple[tuple[str, ...], list[Job]] | None = None  # by what else they are made from: their URLs are the generation's


def entry_keys(timeline: Timeline, previous: EntryKeys | None = None) -> EntryKeys:
    """The key of every entry; those of `previous` are reused for the very same entries if no URL changed."""
    slugs = url_slugs(timeline)
    entry_slugs, actors, locations, tags = slugs
    if previous is not None and previous.slugs and previous.slugs[0] is entry_slugs and previous.slugs[1:] == slugs[1:]:
        urls = previous.urls  # the index kept its entries' URLs (see reindex), and the terms' are the same
    else:
        urls = digest(*(f"{path}\1{slug}" for path, slug in sorted(entry_slugs.items())),
                      *(f"{kind}\1{t.name}\1{t.slug}" for kind in ("actors", "locations", "tags") for t in getattr(timeline, kind)))
    same = previous.urls == urls if previous is not None else False
    keys = {}
    for e in timeline.entries:
        if same and previous.entries.get(e.path) is e:  # type: ignore[union-attr]
            keys[e.path] = previous.keys[e.path]  # type: ignore[union-attr]
        else:
            keys[e.path] = digest(e.digest or repr(e), e.path, entry_slugs[e.path], "\1".join([actors[n] for n in e.actors]),
                                  "\1".join([locations[n] for n in e.locations]), "\1".join([tags[n] for n in e.tags]))
    generation = previous.generation + (not same) if previous is not None else 0
    return EntryKeys(keys, {e.path: e for e in timeline.entries}, urls, generation, slugs)


def url_slugs(timeline: Timeline) -> tuple[dict[str, str], ...]:
    """Every URL of the index, as slugs: by path for entries, by name for actors, locations and tags."""
    return (timeline.entry_slugs, *(spellings.slugs(getattr(timeline, kind)) for kind in ("actors", "locations", "tags")))


def plan(timeline: Timeline, config: Config, redirects: Redirects, renderer: Renderer, planned: Planned | None = None,
         only: Affected | None = None) -> list[Job]:
    """Every file of the site with its key, in a stable order; with what was `planned` before reused, and added to it.

    With `only`, the pages of entries and terms that an edit did not touch are left out: the caller keeps
    them as they are, which holds as long as nothing else they are made from changed (the settings,
    templates and static files, registry, URLs and years: the caller checks)."""
    base = site_key(config)
    planned = planned if planned is not None else Planned(0)
    made, made_terms = planned.entries, planned.terms
    if len(made) > 2 * len(timeline.entries) + 1000 or len(made_terms) > 2 * (len(timeline.actors) + len(timeline.locations) + len(timeline.tags)) + 1000:
        made.clear()
        made_terms.clear()
    keys = renderer.entry_keys
    theme = renderer.theme

    def listed(entries: tuple[Entry, ...] | list[Entry]) -> str:
        return "".join([keys[e.path] for e in entries])  # keys all have one length: joined, they stay distinct

    def html(path: str, template: str, parts: tuple[str, ...], context: Callable[[], dict[str, object]], weight: int = 1) -> Job:
        key = digest(base, theme.fingerprint(template), path, *parts)
        return Job(path, key, lambda r: r.page(path, template, **context()), weight)

    jobs = []
    entries = timeline.entries
    recent = entries if len(entries) <= config.timeline_page_size else tuple(e for e in entries if e.date.year == timeline.years[-1])
    complete = recent == entries
    years = repr(timeline.years)
    by_year: dict[int, list[Entry]] = {}
    for e in entries:
        by_year.setdefault(e.date.year, []).append(e)
    if timeline.years and timeline.years[-1] - timeline.years[0] >= 2:  # by year: the counts are at hand
        counts = [(str(y), len(by_year.get(y, ()))) for y in range(timeline.years[0], timeline.years[-1] + 1)]
    else:
        counts = activity(entries)
    jobs.append(html("index.html", "timeline.html", (years, repr(complete), listed(recent), repr(counts)),
                     lambda: {"heading": config.title, "groups": by_month(recent), "complete": complete, "years": timeline.years, "listing": recent, "filter": True,
                              "activity": activity_svg(counts, config.title)}, LISTED_WEIGHT * len(recent)))
    for year in timeline.years:
        in_year = tuple(by_year[year])
        jobs.append(html(f"{urls.year_path(year)}index.html", "timeline.html", (years, listed(in_year)),
                         lambda in_year=in_year, year=year: {"heading": str(year), "groups": by_month(in_year), "complete": True,
                                                                             "years": timeline.years, "listing": in_year, "filter": False,
                                                                             "activity": activity_svg(activity(in_year), str(year))}, LISTED_WEIGHT * len(in_year)))
    entry_template, term_template, feed_template = theme.fingerprint("entry.html"), theme.fingerprint("term.html"), theme.fingerprint("feed.xml")
    places = functools.cache(lambda: Places(timeline.locations))
    owners = functools.cache(lambda: {kind: spellings.owners(getattr(timeline, kind)) for kind in ("actors", "locations")})

    def term_jobs(kind: str, folder: str, term: Term) -> list[Job]:
        """A term's page, its feed and its TimelineJS data."""
        path = folder + "index.html"
        record = term.record
        located = kind == "locations" and record is not None and record.lat is not None and record.lon is not None

        near: list[Nearby] = places().near(term.name, record.lat, record.lon) if located else []  # type: ignore[union-attr]
        parts = (kind, term.name, repr(record), listed(term.entries), "within", listed(term.within), repr(near))
        made = [html(path, "term.html", parts, lambda: {"kind": kind, "term": term, "groups": by_month(term.entries), "within": by_month(term.within),
                                                         "nearby": near,
                                                         "locator": locator_svg(term.name, record.lat, record.lon, urls.relative(path, WORLD_FILE)) if located else "",  # type: ignore[union-attr]
                                                         "listing": term.entries + term.within,
                                                         "aliases": (shown_aliases(record) if kind == "locations" else record.aliases) if record else (),
                                                         "description": markdown_to_html(term.record.description, config.html_tags, config.remote_images) if term.record and term.record.description else "",
                                                         "follow": True, "activity": activity_svg(activity(term.entries + term.within), term.name),
                                                         "seen_with": seen_with(term.name, kind, term.entries, owners()) if kind != "tags" else {}},
                     LISTED_WEIGHT * (len(term.entries) + len(term.within)))]
        listing = sorted(term.entries + term.within, key=sort_key)
        latest = tuple(reversed(listing[-FEED_SIZE:]))
        feed, data = folder + "feed.xml", folder + "timeline.json"
        made.append(html(feed, "feed.xml", (term.name, listed(latest)), lambda: {"entries": latest, "heading": term.name, "page": folder}, LISTED_WEIGHT * len(latest)))
        made.append(Job(data, digest(base, folder, term.name, listed(listing)), lambda r: r.timelinejs(data, listing, term.name), len(listing)))
        return made

    for entry in entries if only is None else [e for e in entries if e.path in only.paths]:
        made_from = (base, entry_template, timeline.entry_slugs[entry.path], keys[entry.path])
        if made_from not in made:  # the entry's key covers its file: the same key, the same entry
            path = urls.entry_path(made_from[2]) + "index.html"
            key = digest(base, entry_template, path, made_from[3])
            made[made_from] = Job(path, key, lambda r, path=path, entry=entry: r.entry_page(path, entry), ENTRY_PAGE_WEIGHT)
        jobs.append(made[made_from])
    for kind, label, path_of in (("actors", "Actors", urls.actor_path), ("locations", "Locations", urls.location_path), ("tags", "Tags", urls.tag_path)):
        terms: tuple[Term, ...] = getattr(timeline, kind)
        jobs.append(html(f"{kind}/index.html", "terms.html", (kind, repr([(t.name, t.slug, len(t.entries)) for t in terms])),
                         lambda kind=kind, label=label, terms=terms: {"kind": kind, "heading": label, "terms": terms}))
        for term in terms if only is None else [t for t in terms if only.term(kind, t.name)]:
            made_from = (base, term_template, feed_template, kind, term.name)
            if made_from not in made_terms or made_terms[made_from][0] is not term:  # the same Term: the same entries, the same keys
                made_terms[made_from] = (term, term_jobs(kind, path_of(term.slug), term))
            jobs += made_terms[made_from][1]
    jobs.append(html("404.html", "404.html", (), dict))
    if config.search:
        jobs.append(html("search/index.html", "search.html", (), dict))
        names = search_names(timeline)
        jobs.append(Job("search/names.json", digest(base, repr(names)), lambda r: json.dumps(names, ensure_ascii=False).encode("utf-8")))
    term_pages = {urls.actor_path(t.slug) for t in timeline.actors} | {urls.location_path(t.slug) for t in timeline.locations}
    for old, (kind, name) in sorted(redirects.targets.items()):
        if old not in term_pages and name in renderer.slugs[kind]:
            target = (urls.actor_path if kind == "actors" else urls.location_path)(renderer.slugs[kind][name])
            jobs.append(html(old + "index.html", "redirect.html", (name, target), lambda name=name, target=target: {"name": name, "target": target}))
    latest = tuple(reversed(entries[-FEED_SIZE:]))
    jobs.append(html("feed.xml", "feed.xml", (listed(latest),), lambda: {"entries": latest, "heading": "", "page": ""}, LISTED_WEIGHT * len(latest)))
    sitemap_from = (base, theme.fingerprint("sitemap.xml"), years)  # URLs are the same as long as the generation is
    if planned.sitemaps is None or planned.sitemaps[0] != sitemap_from:
        planned.sitemaps = (sitemap_from, _sitemaps(sitemap_paths(timeline), html))
    jobs += planned.sitemaps[1]
    every = len(entries)
    jobs.append(Job("timeline.json", digest(base, listed(entries)), lambda r: r.timelinejs("timeline.json", entries, ""), every))
    jobs.append(Job("entries.json", digest(base, "entries.json", listed(entries)), Renderer.entries_json, every))
    jobs.append(Job("entries.csv", digest(base, "entries.csv", listed(entries)), Renderer.entries_csv, every))
    known = names_script(timeline)  # the names the filter knows besides those entries write follow the entries
    jobs.append(Job("entries.js", digest(base, "entries.js", listed(entries), digest(known.decode("utf-8"))), lambda r: r.filter_data() + known, every // 2))
    if any(t.record is not None and t.record.lat is not None for t in timeline.locations):
        jobs.append(Job(WORLD_FILE, digest(base, WORLD_FILE), lambda r: world_svg()))
    for path, file in renderer.theme.static.items():
        data = file.read_bytes()
        jobs.append(Job(path, hashlib.blake2b(data, digest_size=16).hexdigest(), lambda r, data=data: data))
    return jobs


def _sitemaps(paths: list[str], html: Callable[..., Job]) -> list[Job]:
    """sitemap.xml, or, past the protocol's 50,000 URLs, an index of numbered sitemaps."""
    if len(paths) <= SITEMAP_SIZE:
        return [html("sitemap.xml", "sitemap.xml", ("\1".join(paths),), lambda: {"paths": paths, "sitemaps": ()}, len(paths) // 4)]
    chunks = [paths[i : i + SITEMAP_SIZE] for i in range(0, len(paths), SITEMAP_SIZE)]
    names = [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
    jobs = [html(name, "sitemap.xml", ("\1".join(chunk),), lambda chunk=chunk: {"paths": chunk, "sitemaps": ()}, len(chunk) // 4) for name, chunk in zip(names, chunks)]
    return [html("sitemap.xml", "sitemap.xml", ("index", *names), lambda: {"paths": (), "sitemaps": names}), *jobs]


def sitemap_paths(timeline: Timeline) -> list[str]:
    """Every HTML page's folder path, in a stable order."""
    paths = ["", *(urls.year_path(y) for y in timeline.years)]
    paths += [urls.entry_path(timeline.entry_slugs[e.path]) for e in timeline.entries]
    for kind, path_of in (("actors", urls.actor_path), ("locations", urls.location_path), ("tags", urls.tag_path)):
        paths.append(f"{kind}/")
        paths += [path_of(t.slug) for t in getattr(timeline, kind)]
    return paths
