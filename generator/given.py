"""What a feed item or an export record says of an article, and the article it makes with or without a page."""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass

from generator.article import Article, ArticleError
from generator.web_page import Page, language, page_id


@dataclass(frozen=True)
class Given:
    """An article's fields as a feed or an export gives them; empty when it gives none.

    A record's values are its own and win over the page's (`wins`); a feed item's only fill what the page lacks.
    """

    title: str = ""
    date: datetime.date | None = None
    summary: str = ""
    text: str = ""
    url: str = ""
    author: str = ""
    publisher: str = ""
    id: str = ""
    wins: bool = False


def page_article(page: Page, html: bytes, given: Given = Given(), saved: datetime.date | None = None) -> Article:
    """The article of a web page, with what a feed or record gives; `saved` dates a page that gives no date itself."""
    def pick(own: str, theirs: str) -> str:
        return (theirs or own) if given.wins else (own or theirs)

    date = (given.date or page.date) if given.wins else (page.date or given.date)
    if date is None and saved is None:
        raise ArticleError("the page gives no date and neither does its feed or record")
    return Article(id=_id(given.id) if given.id else page_id(page, html), date=date or saved, paragraphs=page.paragraphs, image=page.image,
                   title=pick(page.title, given.title), summary=given.summary if given.wins else "", markdown=page.markdown,
                   url=pick(page.url, given.url), author=pick(page.author, given.author), publisher=pick(page.publisher, given.publisher),
                   lang=page.lang, dated=given.wins and given.date is not None)


def text_article(given: Given) -> Article:
    """The article of a record that holds its own text."""
    if given.date is None:
        raise ArticleError("the record has text but no date")
    paragraphs = tuple(p for p in (" ".join(part.split()) for part in re.split(r"\n\s*\n" if "\n\n" in given.text else r"\n", given.text)) if p)
    if not paragraphs:
        raise ArticleError("the record has no text")
    key = given.id or given.url or "\n".join((given.date.isoformat(), given.title, *paragraphs))
    return Article(id=_id(key), date=given.date, paragraphs=paragraphs, title=given.title,
                   summary=given.summary, url=given.url, author=given.author, publisher=given.publisher,
                   lang=language(" ".join(paragraphs)), dated=True)


def _id(key: str) -> str:
    """An entry id from a record's own id, URL or text: the same on every run."""
    return key if re.fullmatch(r"[0-9a-f]{16}", key) else hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
