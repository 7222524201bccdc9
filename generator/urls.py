"""Decides every slug and URL of the site: short, safe, distinct, and relative between pages."""

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


def relative(from_page: str, to_path: str) -> str:
    """A link from the page at `from_page` to the file or folder `to_path`, both site-relative.

    Folder targets end in '/'; links to a folder's index.html are written as the folder
    with 'index.html' spelled out, so they also work when the site is opened from disk.
    """
    return prefix(from_page) + (to_path + "index.html" if to_path.endswith("/") or to_path == "" else to_path)


def prefix(page: str) -> str:
    """What leads from a page back to the site's root: '' or '../' per folder."""
    return "../" * page.count("/")


def entry_path(slug_: str) -> str:
    return f"entries/{slug_}/"


def actor_path(slug_: str) -> str:
    return f"actors/{slug_}/"


def location_path(slug_: str) -> str:
    return f"locations/{slug_}/"


def tag_path(slug_: str) -> str:
    return f"tags/{slug_}/"


def year_path(year: int) -> str:
    return f"{year}/"


def _digest(name: str) -> str:
    return hashlib.sha1(name.encode("utf-8", "surrogatepass")).hexdigest()[:6]  # any str: a name read from YAML may hold a lone surrogate
