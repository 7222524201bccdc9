"""Markdown to safe HTML: GitHub Flavored Markdown through cmark-gfm, then sanitised with nh3."""

from __future__ import annotations

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options

# raw HTML is let through cmark so that nh3 can keep the harmless part of it (<sup>, <abbr>, ...)
_OPTIONS = Options.CMARK_OPT_UNSAFE | Options.CMARK_OPT_FOOTNOTES


def markdown_to_html(text: str) -> str:
    """The HTML of a Markdown text, with anything that could run script or restyle the page removed."""
    return _CLEANER.clean(cmarkgfm.github_flavored_markdown_to_html(text, options=_OPTIONS))


def _footnote_ids(tag: str, attribute: str, value: str) -> str | None:
    """Keeps the ids that footnotes link between (fn-1, fnref-1) and drops any other id."""
    if attribute == "id":
        return value if value.startswith(("fn-", "fnref-")) else None
    return value


_CLEANER = nh3.Cleaner(  # built once: setting a cleaner up costs more than cleaning a page
    tags=nh3.ALLOWED_TAGS | {"section"},
    attributes={**nh3.ALLOWED_ATTRIBUTES, "a": nh3.ALLOWED_ATTRIBUTES.get("a", set()) | {"id"}, "li": {"id"}},
    attribute_filter=_footnote_ids,
    url_schemes={"http", "https", "mailto"},
)
