"""What ingest writes of an article besides its names: headline, summary, the day it happened, kinds of event, body."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from spacy.tokens import Doc

from generator.article import Article
from generator.event_date import event_date
from generator.event_kinds import kinds_of
from generator.headline import headline
from generator.opening import opening
from generator.summary import summarise
from generator.taxonomy import Taxonomy, shipped_taxonomy
from generator.wire_case import sentence_case


@dataclass(frozen=True)
class WriteUp:
    """An entry's text fields, as ingest makes them from the article and its parsed lead."""

    title: str
    summary: str
    date: datetime.date  # the day the lead's main event happened, else the article's date
    published: datetime.date | None  # the article's own date, when it is not `date`
    tags: tuple[str, ...]  # kinds of event
    body: tuple[str, ...]  # the paragraphs, the source's headline paragraph left out


def write_up(article: Article, lead: Doc, kinds: Taxonomy | None = None) -> WriteUp:
    """The entry's text fields for `article`, whose lead paragraph spaCy parsed as `lead`; `kinds` by default the shipped ones."""
    parts = opening(article.paragraphs)
    if article.title:  # a web page's or record's own headline, kept as given
        title = article.title
    else:
        title = sentence_case(parts.headline, (parts.lead, *parts.body[1:])) if parts.headline else headline(lead)
    summary = article.summary or summarise(lead, title)
    date = article.date if article.dated else event_date(lead, article.date)
    tags = kinds_of(lead, kinds or shipped_taxonomy())
    return WriteUp(title, summary, date, article.date if date != article.date else None, tags, parts.body)
