"""What an entry's page shows, derived from its EntryPage: the body as HTML (told once with the summary), the source, the small map."""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from generator import urls
from generator.config import Config
from generator.contexts import EntryPage
from generator.maps import WORLD_FILE, locator_svg
from generator.markup import markdown_to_html

FIRST_PARAGRAPH = re.compile(r"\s*<p>(.*?)</p>\s*", re.S)
ELLIPSIS = ("…", "...")


def entry_variables(context: EntryPage, path: str, config: Config) -> dict[str, Any]:
    """The entry page's template variables (besides site, links and canonical)."""
    entry, place = context.entry, context.place
    body, lead = told_once(markdown_to_html(entry.body, config.html_tags, config.remote_images), entry.summary)
    return {"entry": entry, "body": body, "lead": lead, "read_at": entry.publisher or _host(entry.url),
            "source": _shown_source(entry.source, entry.url), "web_source": entry.source.startswith(("https://", "http://")),
            "photo": context.photo, "previous": context.previous, "next": context.next, "related": context.related, "place": place,
            "locator": locator_svg(place.name, place.lat, place.lon, urls.relative(path, WORLD_FILE)) if place else "",  # type: ignore[arg-type]
            }


def told_once(body: str, summary: str) -> tuple[str, bool]:
    """The body's HTML and whether to show the summary above it, so that a summary the body opens with is read once:
    a first paragraph that is the summary is left out of the body; one the summary only begins (cut short) hides the summary."""
    first = FIRST_PARAGRAPH.match(body)
    if not summary.strip() or first is None:
        return body, bool(summary.strip())
    said, opening = _plain(summary), _plain(first.group(1))
    if opening == said:
        return body[first.end():], True
    cut = said.removesuffix(ELLIPSIS[0]).removesuffix(ELLIPSIS[1]).rstrip()
    return body, not (cut and opening.startswith(cut))


def _shown_source(source: str, url: str) -> str:
    """The source as readers see it: '' when it is the address the page links to already, or a file of the project
    (seeds/..., which is no use to a reader and says where the project keeps its files)."""
    web = source.startswith(("https://", "http://"))
    return "" if source == url or (not web and ("/" in source or "\\" in source)) else source


def _plain(text: str) -> str:
    """Text as a reader reads it: tags dropped, entities read, spaces collapsed, case ignored."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", "", text)).split()).casefold()


def _host(url: str) -> str:
    """The site a URL is on, as a reader names it ('reuters.com'); '' for no URL."""
    host = (urlsplit(url).hostname or "") if url else ""
    return host.removeprefix("www.")
