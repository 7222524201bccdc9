"""Decides every slug, path and URL of the site: short, safe, distinct, and relative between pages."""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Callable, Iterable

from slugify import slugify

MAX_SLUG = 60
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# names Windows keeps for devices, in any folder: a site copied there must not have them
_RESERVED = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))})


def slug(name: str) -> str:
    """A URL-safe ASCII slug for a name: lower case, digits and hyphens, never empty."""
    if len(name) <= MAX_SLUG and _SLUG.fullmatch(name) and name not in _RESERVED:
        return name  # slugify would give it back unchanged
    text = slugify(name, max_length=MAX_SLUG, word_boundary=True, save_order=True)
    return _usable(text, name)


@functools.cache  # a pure function, called for every entry on every build
def entry_slug(stem: str) -> str:
    """An entry's slug: its file name, already a slug when ingest wrote it, kept whole up to 120 characters."""
    if len(stem) <= 2 * MAX_SLUG and _SLUG.fullmatch(stem) and stem not in _RESERVED:
        return stem
    text = slugify(stem, max_length=2 * MAX_SLUG, word_boundary=True, save_order=True)
    return _usable(text, stem)


def _usable(text: str, name: str) -> str:
    """The slug, or a made-up one where it is empty or a name Windows keeps for a device."""
    if not text:
        return "n-" + _digest(name)
    return f"{text}-{_digest(name)}" if text in _RESERVED else text


def unique_slugs(names: Iterable[str], slug_of: Callable[[str], str] = slug) -> dict[str, str]:
    """Maps each distinct name to a slug no other name gets, whatever the names; the same names, in any order, give the same map.

    Names that slugify alike are told apart by a short hash of the name, so a URL does not
    depend on which other names exist; the first of them in sorted order keeps the plain slug.
    A name's plain slug comes before any other name's suffixed one, and a suffixed slug that is
    taken (a name written to slugify to it) is hashed again until it is free.
    """
    slugs = {name: slug_of(name) for name in names}
    if len(set(slugs.values())) == len(slugs):
        return slugs  # no two alike: nothing to tell apart
    result: dict[str, str] = {}
    taken: set[str] = set()
    later: list[str] = []
    for name in sorted(slugs):  # each plain slug to the first name that has it
        if slugs[name] in taken:
            later.append(name)
        else:
            result[name] = slugs[name]
            taken.add(slugs[name])
    for name in later:  # then the others, suffixed
        attempt = 0
        while (candidate := suffixed(slugs[name], name, attempt)) in taken:
            attempt += 1
        result[name] = candidate
        taken.add(candidate)
    return result


def suffixed(base: str, name: str, attempt: int = 0) -> str:
    """The slug `base` told apart for `name`; on a further `attempt`, another (each is as likely to be free)."""
    return f"{base}-{_digest(name if attempt == 0 else f'{attempt}:{name}')}"


# The site's paths, relative to site/: a page is named by its folder (ending in '/', the home page's is ''),
# which holds its index.html; every other file by its own path.
HOME = ""
NOT_FOUND = "404.html"
SEARCH = "search/"
MAP = "map/"  # every located entry on the world map
SEARCH_NAMES = SEARCH + "names.json"  # the names the search page finds besides Pagefind's pages
PAGEFIND_SCRIPT = "pagefind/pagefind.js"  # written by Pagefind into search.SEARCH_DIR
ENTRIES_JSON = "entries.json"
ENTRIES_CSV = "entries.csv"
ENTRIES_SCRIPT = "entries.js"  # the timeline filter's entries and names
SITEMAP = "sitemap.xml"  # the sitemap, or past the protocol's limit the index of numbered ones (sitemap_part)


def page_file(folder: str) -> str:
    """The file of the page at `folder`: its index.html."""
    return folder + "index.html"


def feed_path(folder: str = HOME) -> str:
    """The Atom feed of the page at `folder`: the site's, or a term's."""
    return folder + "feed.xml"


def timeline_data_path(folder: str = HOME) -> str:
    """The TimelineJS data of the page at `folder`: the site's, or a term's."""
    return folder + "timeline.json"


def static_path(name: str) -> str:
    """A file of the theme's static/ folder: 'style.css', 'filter.js'."""
    return f"static/{name}"


def media_path(path: str) -> str:
    """Where an entry's photo, at `path` under content/, is in the site: 'photos/2024/harbour.jpg' for content/2024/harbour.jpg."""
    return f"photos/{path}"


def sitemap_part(number: int) -> str:
    """The numbered sitemap that an index of sitemaps lists, from 1."""
    return f"sitemap-{number}.xml"


def kind_path(kind: str) -> str:
    """The list of every actor, location or tag (kind: actors, locations or tags)."""
    return f"{kind}/"


def entry_path(slug_: str) -> str:
    return f"entries/{slug_}/"


def term_path(kind: str, slug_: str) -> str:
    """The page of an actor, location or tag (kind: actors, locations or tags)."""
    return f"{kind_path(kind)}{slug_}/"


def actor_path(slug_: str) -> str:
    return term_path("actors", slug_)


def location_path(slug_: str) -> str:
    return term_path("locations", slug_)


def tag_path(slug_: str) -> str:
    return term_path("tags", slug_)


def year_path(year: int) -> str:
    return f"{year}/"


def embed_path(folder: str = HOME) -> str:
    """The embeddable view of the page at `folder` (the timeline's, or a term's): 'embed/', 'embed/actors/iran/'."""
    return f"embed/{folder}"


def logo_path(source: str) -> str:
    """Where the project's logo (its path in the project, from timeline.toml) is in the site: 'logo.svg'."""
    return "logo" + source[source.rfind("."):].lower()


def relative(from_page: str, to_path: str) -> str:
    """A link from the page at `from_page` to the file or folder `to_path`, both site-relative.

    Folder targets end in '/'; links to a folder's index.html are written as the folder
    with 'index.html' spelled out, so they also work when the site is opened from disk.
    """
    return prefix(from_page) + (page_file(to_path) if to_path.endswith("/") or to_path == HOME else to_path)


def beside(from_page: str, to_path: str) -> str:
    """A link from the page at `from_page` to a file in its own folder: the file's name (a term's page to its feed)."""
    folder = folder_of(from_page)
    assert to_path.startswith(folder) and "/" not in to_path[len(folder):], (from_page, to_path)
    return to_path[len(folder):]


def absolute(base_url: str, path: str) -> str:
    """The address of a site path on the site published at `base_url`, for sitemaps, feeds and canonical links."""
    return f"{base_url.rstrip('/')}/{path}"


def prefix(page: str) -> str:
    """What leads from a page back to the site's root: '' or '../' per folder."""
    return "../" * page.count("/")


def folder_of(page: str) -> str:
    """The folder a file of the site is in: 'actors/iran/' for 'actors/iran/index.html', '' at the root."""
    return page[: page.rfind("/") + 1]


def _digest(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:6]  # any str: a name read from YAML may hold a lone surrogate
