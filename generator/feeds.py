"""Reads RSS and Atom feeds with feedparser: each item's link, with the title, date and summary the feed gives it."""

from __future__ import annotations

import datetime
from urllib.parse import urljoin, urlsplit

import feedparser
from lxml import html as lxml_html

from generator.article import ArticleError
from generator.given import Given

FEED_SUFFIXES = (".rss", ".atom", ".xml")


def feed_items(data: bytes, url: str = "") -> list[Given]:
    """The items of a feed read from `url` (or a file), each with its link; an ArticleError when it is no feed."""
    feed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    if not feed.version and not feed.entries:
        reason = getattr(feed.get("bozo_exception"), "getMessage", lambda: "")() or str(feed.get("bozo_exception") or "")
        raise ArticleError(f"not an RSS or Atom feed{f' ({reason})' if reason else ''}")
    publisher = " ".join(feed.feed.get("title", "").split())
    items = []
    for item in feed.entries:
        link = urljoin(url, item.get("link", "").strip()) if url else item.get("link", "").strip()
        if urlsplit(link).scheme not in ("http", "https"):
            continue
        items.append(Given(title=" ".join(item.get("title", "").split()), date=_date(item), summary=_plain(item.get("summary", "")),
                           url=link, author=" ".join(item.get("author", "").split()), publisher=publisher))
    return items


def is_feed(data: bytes) -> bool:
    """Whether the bytes look like an RSS or Atom document, by their first element."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while head.startswith((b"<?", b"<!--")):
        head = head[head.find(b">") + 1:].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def _date(item: feedparser.FeedParserDict) -> datetime.date | None:
    parsed = item.get("published_parsed") or item.get("updated_parsed")
    return datetime.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _plain(summary: str) -> str:
    """A summary as text: feeds often give it as HTML."""
    if "<" not in summary:
        return " ".join(summary.split())
    try:
        return " ".join(lxml_html.fromstring(summary).text_content().split())
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return ""
