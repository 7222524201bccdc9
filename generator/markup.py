"""Markdown to safe HTML: GitHub Flavored Markdown (tables, strikethrough, autolinks, footnotes, task lists)
by cmark-gfm, then sanitised with nh3, images from other sites made links to them."""

from __future__ import annotations

import functools
import re
from html import escape, unescape

import nh3

from generator.config import HTML_TAGS, UNSAFE_TAGS
from generator.gfm import gfm_to_html
from generator.nesting import may_be_deep, overflow

# fn-1, fnref-1, fnref-1-2 (a second reference), fn-note, fn-%C3%A9 (named ones: é, as cmark writes it in a URL)
_FOOTNOTE_ID = re.compile(r"fn(ref)?-\S+")
# in nh3's output, where attribute values are always in double quotes and their '>' and '"' escaped
_LINK_OR_IMAGE = re.compile(r'<a[ >]|</a>|<img( [^>]*)?>')
_ATTRIBUTE = re.compile(r' ([^\s=]+)="([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_CONTROLS_AND_SPACE = "".join(map(chr, range(33)))


def markdown_to_html(text: str, tags: tuple[str, ...] = HTML_TAGS, remote_images: bool = False) -> str:
    """The HTML of a Markdown text, keeping only the `tags` allowed and nothing that could run script or restyle the
    page; an image from another site becomes a link to it, unless `remote_images`."""
    html = gfm_to_html(text)
    if may_be_deep(text) and overflow(html) is not None:  # load and the registry refuse such a text: it changed since
        html = f"<pre>{escape(text)}</pre>\n"
    html = _cleaner(tags).clean(html)
    return html if remote_images or "<img" not in html else _linked_images(html)


def is_remote(url: str) -> bool:
    """True if a browser would fetch `url`, written in a page, from another site: it has a scheme or starts with //.

    Read as browsers do: blanks and controls at either end and tabs and newlines within do not count, and '\\' is '/'."""
    url = re.sub(r"[\t\n\r]", "", url.strip(_CONTROLS_AND_SPACE))
    return bool(_SCHEME.match(url)) or url.replace("\\", "/").startswith("//")


def _linked_images(html: str) -> str:
    """The sanitised HTML with each image from another site made a link to it, its alt text the link's text.

    Shown, it would have each reader's browser tell that site who reads what, and it could change after publication;
    an editor who put it there still wants readers to reach it, and a link asks before it goes. In a link already,
    only the alt text is left (links do not nest)."""
    out, at, in_link = [], 0, False
    for tag in _LINK_OR_IMAGE.finditer(html):
        if not tag.group().startswith("<img"):
            in_link = tag.group() != "</a>"
            continue
        attributes = {name: unescape(value) for name, value in _ATTRIBUTE.findall(tag.group(1) or "")}
        src = attributes.get("src", "")
        if is_remote(src):
            text = escape(attributes.get("alt") or src)
            out += [html[at:tag.start()], text if in_link else f'<a href="{escape(src)}" rel="noopener noreferrer">{text}</a>']
            at = tag.end()
    return "".join(out) + html[at:]


def _footnote_ids(tag: str, attribute: str, value: str) -> str | None:
    """Keeps the ids that footnotes link between (fn-1, fnref-1) and drops any other id."""
    if attribute == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    return value


# built once per allow-list: setting one up costs more than cleaning a page. Raw HTML is let through the
# Markdown parser so that nh3 keeps the harmless part of it (<sup>, <abbr>, ...).
@functools.cache
def _cleaner(tags: tuple[str, ...]) -> nh3.Cleaner:
    # img's src is the only attribute allowed here that a browser fetches by itself (tests/attacks/test_markdown_attacks.py)
    return nh3.Cleaner(
        tags=set(tags) - UNSAFE_TAGS,
        attributes={**nh3.ALLOWED_ATTRIBUTES, "a": nh3.ALLOWED_ATTRIBUTES.get("a", set()) | {"id"}, "li": {"id"}},
        attribute_filter=_footnote_ids,
        url_schemes={"http", "https", "mailto"},
    )
