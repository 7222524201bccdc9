"""The plain data that flows between the stages of the pipeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from generator.registry import Record


@dataclass(frozen=True)
class Image:
    """A photo caption and its credit, as given at the top of an article, and where the photo is."""

    caption: str
    credit: str = ""
    src: str = ""  # an http(s) URL (the original page's lead image) or a path with no scheme


@dataclass(frozen=True, slots=True)
class Entry:
    """One event on the timeline, as read from the front matter of a file under content/.

    The Markdown body is not kept (it is most of the file): render reads it when it makes the entry's page.
    """

    id: str
    title: str
    date: datetime.date
    path: str  # relative to the content folder, with forward slashes
    published: datetime.date | None = None  # the article's own date, when it reported the event a day or more after `date`
    summary: str = ""
    actors: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    source: str = ""
    url: str = ""  # the article's canonical http(s) URL
    author: str = ""  # the byline
    publisher: str = ""  # the site or outlet ("Reuters")
    lang: str = ""  # the article's language ("en", "pt-BR"); '' for the site's
    image: Image | None = None
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False)  # front matter key -> line in the file
    digest: str = field(default="", compare=False, repr=False)  # of the file's bytes: the entry's whole content in short


@dataclass(frozen=True, slots=True)
class Term:
    """An actor, location or tag with the entries that name it, oldest first."""

    name: str
    slug: str
    entries: tuple[Entry, ...] = field(default=(), repr=False)
    record: Record | None = None  # what the registry knows: kind, aliases, description, place
    within: tuple[Entry, ...] = field(default=(), repr=False)  # entries placed in places inside this one
    spellings: tuple[str, ...] = ()  # the other ways entries write it (an alias, another case or accents), sorted


@dataclass(frozen=True)
class Timeline:
    """Everything the renderer needs: entries in order and the terms that index them."""

    entries: tuple[Entry, ...]  # chronological
    entry_slugs: dict[str, str]  # entry path -> slug
    actors: tuple[Term, ...]
    locations: tuple[Term, ...]
    tags: tuple[Term, ...]
    years: tuple[int, ...]


