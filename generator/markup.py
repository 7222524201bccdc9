"""Markdown to safe HTML: GitHub Flavored Markdown (tables, strikethrough, autolinks, footnotes, task lists)
by cmark-gfm, then sanitised with nh3."""

from __future__ import annotations

import functools
import re
from html import escape

import nh3

from generator.config import HTML_TAGS, UNSAFE_TAGS
from generator.gfm import gfm_to_html
from generator.nesting import may_be_deep, overflow

_FOOTNOTE_ID = re.compile(r"fn(ref)?-[\w-]+")  # fn-1, fnref-1, fnref-1-2 (a second reference), fn-note (a named one)


def markdown_to_html(text: str, tags: tuple[str, ...] = HTML_TAGS) -> str:
    """The HTML of a Markdown text, keeping only the `tags` allowed and nothing that could run script or restyle the page."""
    html = gfm_to_html(text)
    if may_be_deep(text) and overflow(html) is not None:  # load and the registry refuse such a text: it changed since
        html = f"<pre>{escape(text)}</pre>\n"
    return _cleaner(tags).clean(html)


def _footnote_ids(tag: str, attribute: str, value: str) -> str | None:
    """Keeps the ids that footnotes link between (fn-1, fnref-1) and drops any other id."""
    if attribute == "id":
        return value if _FOOTNOTE_ID.fullmatch(value) else None
    return value


# built once per allow-list: setting one up costs more than cleaning a page. Raw HTML is let through the
# Markdown parser so that nh3 keeps the harmless part of it (<sup>, <abbr>, ...).
@functools.cache
def _cleaner(tags: tuple[str, ...]) -> nh3.Cleaner:
    return nh3.Cleaner(
        tags=set(tags) - UNSAFE_TAGS,
        attributes={**nh3.ALLOWED_ATTRIBUTES, "a": nh3.ALLOWED_ATTRIBUTES.get("a", set()) | {"id"}, "li": {"id"}},
        attribute_filter=_footnote_ids,
        url_schemes={"http", "https", "mailto"},
    )
