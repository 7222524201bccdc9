"""The plain data that flows between the stages of the pipeline."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any, Literal

from generator.registry import Record

# How a front-matter key is written: text; text that must be an http(s) address; a YYYY-MM-DD date; a list of
# names (actors, places, tags); the image mapping, whose own keys are Image's fields; or a flag, true or false.
Kind = Literal["text", "address", "date", "names", "image", "flag"]


@dataclass(frozen=True)
class Key:
    """What a field of Entry (or Image) is as a front-matter key: what the loader, the schema, `new`, ingest and the exports read."""

    kind: Kind
    about: str  # one line on what it holds: the schema's description, and `timeline new`'s comment above it
    required: bool = False  # an entry without it (or with it empty) is refused
    always: bool = False  # `new` and ingest write it even when empty, for a person to see and fill; other keys only with a value
    column: int | None = None  # its place among the columns of entries.json and entries.csv (the image's keys have theirs)


def key(kind: Kind, about: str, *, required: bool = False, always: bool = False, column: int | None = None) -> dict[str, Any]:
    """The metadata of a field written in front matter."""
    return {"key": Key(kind, about, required, always, column)}


NOT_A_KEY: dict[str, Any] = {"key": None}  # the metadata of a field the loader works out: never written in front matter


@dataclass(frozen=True)
class Image:
    """A photo caption and its credit, as given at the top of an article, and where the photo is."""

    caption: str = field(metadata=key("text", "the photo's caption, as the article gives it", always=True, column=9))
    credit: str = field(default="", metadata=key("text", "who took the photo, or owns it", always=True, column=10))
    src: str = field(default="", metadata=key("text", "where the photo is: an http(s) address, or a path without a scheme", column=17))


@dataclass(frozen=True, slots=True)
class Entry:
    """One event on the timeline, as read from a file under content/: the fields declared with `key` are its front matter.

    The exports' columns are in `column` order, with the entry's page and file at 11 and 12 (see exports.py): the
    columns added since (13 on) come after those, so that a spreadsheet made for the first ones still finds them.
    """

    id: str = field(metadata=key("text", "stable identifier; the file name stands in when missing", always=True, column=0))
    title: str = field(metadata=key("text", "what happened, in one line", required=True, always=True, column=3))
    date: datetime.date = field(metadata=key("date", "YYYY-MM-DD: the day it happened", required=True, always=True, column=1))
    path: str = field(metadata=NOT_A_KEY)  # relative to the content folder, with forward slashes
    published: datetime.date | None = field(default=None, metadata=key(
        "date", "YYYY-MM-DD: the article's own date, when it reported the event a day or more after 'date'", column=2))
    summary: str = field(default="", metadata=key("text", "what happened, in a sentence or two", always=True, column=4))
    actors: tuple[str, ...] = field(default=(), metadata=key("names", "the people, groups and states named in the article, most important first",
                                                             always=True, column=5))
    locations: tuple[str, ...] = field(default=(), metadata=key("names", "the places named in the article, most important first", always=True, column=6))
    tags: tuple[str, ...] = field(default=(), metadata=key("names", "the kinds of event it is, each with a page of its entries", always=True, column=7))
    source: str = field(default="", metadata=key("text", "the article it was written from: its address, or its file under seeds/", always=True, column=8))
    url: str = field(default="", metadata=key("address", "the article's canonical web address (http:// or https://): the entry's page links to it",
                                              column=13))
    author: str = field(default="", metadata=key("text", "the article's byline", column=14))
    publisher: str = field(default="", metadata=key("text", "the site or outlet that published it ('Reuters', 'The Guardian')", column=15))
    lang: str = field(default="", metadata=key("text", "the article's language, a short code ('en', 'fr', 'pt-BR'); the site's when missing", column=16))
    image: Image | None = field(default=None, metadata=key("image", "the article's lead photo: its caption, its credit and where it is"))
    featured: bool = field(default=False, metadata=key("flag", "true for a key event: highlighted wherever it is listed", column=18))
    body: str = field(default="", compare=False, repr=False, metadata=NOT_A_KEY)  # the Markdown after the front matter
    lines: dict[str, int] = field(default_factory=dict, compare=False, repr=False, metadata=NOT_A_KEY)  # front matter key -> line in the file
    digest: str = field(default="", compare=False, repr=False, metadata=NOT_A_KEY)  # of the file's bytes: the entry's whole content in short


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

    def terms(self, kind: str) -> tuple[Term, ...]:
        """The actors, locations or tags (see KINDS)."""
        return {"actors": self.actors, "locations": self.locations, "tags": self.tags}[kind]


KINDS = ("actors", "locations", "tags")  # the kinds of term, in the order pages list them


